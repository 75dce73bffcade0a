/**
 * The import graph of every workspace (`npm run lint:deps`, part of `npm run lint` and so of `npm test`): no import cycles, and
 * the layers import one way only. ESLint's no-restricted-imports (eslint.config.js) keeps the finer
 * rules per folder (no Node built-ins in the domain, no jsdom in the kiosk…); this adds what a
 * per-file lint cannot see — cycles — and the cross-workspace directions, checked on resolved paths.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'An import cycle: break it by moving the shared part into a module both can import.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      // The kiosk's reducer is composed of feature slices that name the whole state in their types
      // (app/state.ts ↔ features/*/state.ts): erased at run time, so reported but not failed.
      name: 'type-only-cycle',
      severity: 'warn',
      comment: 'A cycle through `import type` only: harmless at run time, still worth untangling.',
      from: {},
      to: { circular: true, via: { dependencyTypes: ['type-only'] } },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain decides; service/, store/, http/ and broker/ do the I/O around it.',
      from: { path: '^edge-server/src/domain/' },
      to: { path: '^edge-server/src/(service|store|http|broker)/' },
    },
    {
      name: 'protocol-imports-only-zod',
      severity: 'error',
      comment: 'The wire contract bundles for the browser and WeChat: its own files and zod, nothing else.',
      from: { path: '^edge-server/protocol/src/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^edge-server/protocol/src/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'wayfinding-not-server',
      severity: 'error',
      comment: 'Route finding is shared by the kiosk, the mini-program and the server: never the reverse.',
      from: { path: '^wayfinding/' },
      to: { path: '^edge-server/(src|test|bench)/' },
    },
    {
      name: 'apps-not-server',
      severity: 'error',
      comment:
        'The kiosk, the console and the mini-program talk to the server over MQTT and HTTP, not by importing it.',
      // Tests may check the apps against the server's own rules (console ticket transitions).
      from: { path: '^(kiosk|edge-server/console|miniprogram)/src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^edge-server/src/' },
    },
    {
      name: 'models-not-kiosk',
      severity: 'error',
      comment: 'The models serve the kiosk, the console and the server alike: they import none of them.',
      from: { path: '^models/' },
      to: { path: '^(kiosk|edge-server/src|edge-server/console)/' },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // node_modules stays in the graph (so `to` rules see npm packages) but is not followed.
    exclude: { path: '(^|/)(dist|\\.tsbuild|coverage|data)/' },
    tsPreCompilationDeps: true,
    // The workspaces' TypeScript sources, as tsc, Vite and Vitest see them (package.json exports).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@frontdesk/source', 'import', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
