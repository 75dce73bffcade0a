import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.tsbuild/**', '**/data/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Issue 11: a function says one thing. Screens split into sub-components, composition roots into
    // named steps, policies into one function per decision. Data tables (the i18n dictionaries) and
    // tests, e2e, scripts and benches are exempt.
    files: [
      'kiosk/src/**/*.{ts,tsx}',
      'models/src/**/*.{ts,tsx}',
      'wayfinding/src/**/*.{ts,tsx}',
      'edge-server/console/src/**/*.{ts,tsx}',
      'edge-server/src/**/*.ts',
      'edge-server/protocol/src/**/*.ts',
      'miniprogram/src/**/*.{ts,tsx}',
    ],
    ignores: [
      // Shared test suites (one per interface) and the demo's data tables.
      '**/contract.ts',
      '**/*.contract.ts',
      'edge-server/src/systems/demo-systems.ts',
      '**/*.test.{ts,tsx}',
      '**/e2e/**',
      '**/scripts/**',
      '**/bench/**',
      '**/*.bench.{ts,tsx}',
      '**/i18n/dict.ts',
      'miniprogram/src/core/i18n.ts',
    ],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The mini-program's core is pure: no Taro, no MQTT, no clock, no randomness (the shell passes
    // them in), so it is tested with Vitest without WeChat.
    files: ['miniprogram/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tarojs/*', 'mqtt', 'preact', 'preact/*', '../shell/*', '../pages/*', 'node:*'],
              message: 'the mini-program core is pure: Taro, MQTT and the pages live in shell/ and pages/',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'pass `now` in: the core never reads the clock',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'pass randomness in',
        },
      ],
    },
  },
  {
    // CommonJS tool configs (.dependency-cruiser.cjs, Taro's babel.config.js).
    files: ['**/*.cjs', 'miniprogram/babel.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Tests assert what exists; a failed `!` is a failed test.
    files: [
      '**/*.test.ts',
      '**/contract.ts',
      '**/test/**/*.ts',
      'kiosk/e2e/**/*.ts',
      'edge-server/console/e2e/**/*.ts',
      'miniprogram/e2e/**/*.ts',
    ],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The wire contract is imported by the kiosk (browser) and the mini-program (WeChat): it must not
    // reach into the server, Node built-ins or any I/O library.
    files: ['edge-server/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../../src/*',
                '../src/*',
                '**/edge-server/src/**',
                '@frontdesk/edge-server',
                '@frontdesk/edge-server/*',
              ],
              message: 'protocol must not import server code',
            },
            {
              group: ['@frontdesk/wayfinding', '@frontdesk/wayfinding/*', '**/wayfinding/src/**'],
              message: 'route finding builds on the protocol, not the other way round',
            },
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'net',
                'http',
                'better-sqlite3',
                'aedes',
                'fastify',
                'pino',
              ],
              message: 'protocol must bundle for the browser and WeChat: no Node or server libraries',
            },
          ],
        },
      ],
    },
  },
  {
    // Route finding is shared by the kiosk, the mini-program and the server: no server code, no Node
    // APIs, no DOM implementation. Only the Node entry (jsdom for DOMPurify) and tests may use them.
    files: ['wayfinding/src/**/*.ts'],
    ignores: ['wayfinding/src/node.ts', 'wayfinding/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/edge-server/src/**', '@frontdesk/edge-server', '@frontdesk/edge-server/*'],
              message: 'wayfinding must not import server code',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'net', 'http', 'jsdom', './node.js'],
              message: 'wayfinding bundles for the browser and WeChat: the DOM comes in as a parameter',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain core is pure: no I/O, no clock, no randomness. Those are passed in.
    files: ['edge-server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'net',
                'http',
                'better-sqlite3',
                'aedes',
                'mqtt',
                'fastify',
                'pino',
                '../store/*',
                '../broker/*',
                '../http/*',
              ],
              message: 'domain is pure: I/O lives in store/, broker/ and http/',
            },
            {
              // The pure route finding is fine; its DOM-bound entries (jsdom, window) are I/O shell.
              group: ['@frontdesk/wayfinding/*', 'jsdom', 'dompurify'],
              message: 'domain is pure: import @frontdesk/wayfinding, not its /node or /browser entries',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'pass `now` in: the domain never reads the clock',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'pass `now` in: the domain never reads the clock',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'pass randomness in',
        },
      ],
    },
  },
  {
    // Message handlers decide with the domain over the store interfaces: no database driver, broker,
    // web framework or logger (the pipeline and the service around them do the I/O).
    files: ['edge-server/src/service/handlers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'net',
                'http',
                'better-sqlite3',
                'aedes',
                'mqtt',
                'fastify',
                '@fastify/*',
                'pino',
                '**/store/sqlite-*',
                '**/store/memory-*',
                '**/broker/*',
                '**/http/*',
              ],
              message: 'handlers take the domain and the store interfaces only: I/O lives around them',
            },
          ],
        },
      ],
    },
  },
  {
    // The kiosk and the staff console run in the browser: they speak to the server only through the
    // wire contract (MQTT) and its HTTP API.
    files: ['kiosk/src/**/*.{ts,tsx}', 'edge-server/console/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/edge-server/src/**', '@frontdesk/edge-server', 'node:*'],
              message: 'the kiosk talks to the server over MQTT: import @frontdesk/protocol only',
            },
            {
              group: ['@frontdesk/wayfinding/node', 'jsdom'],
              message: 'jsdom must stay out of the bundle: use @frontdesk/wayfinding/browser',
            },
          ],
        },
      ],
    },
  },
  {
    // The console's cores are pure like the server's domain: the reducer, routes and view models take
    // `now` and inputs and return state; the link, the outbox and IndexedDB live in sync/ and storage/.
    files: [
      'edge-server/console/src/app/{reduce,route,state}.ts',
      'edge-server/console/src/features/*/{inbox,sla,board,suggestions,transitions,account,kb-edit}.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'mqtt', 'idb', '**/sync/*', '**/storage/*', '**/notify/*'],
              message: 'console cores are pure: I/O lives in sync/, storage/ and notify/',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'pass `now` in: console cores never read the clock',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'pass `now` in: console cores never read the clock',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'pass randomness in',
        },
      ],
    },
  },
  {
    // Every word on the kiosk's (and the console's) screen comes from its zh/en dictionary (src/i18n/dict.ts).
    files: ['kiosk/src/**/*.tsx', 'edge-server/console/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXText[value=/[A-Za-z\\u4e00-\\u9fff]/]',
          message: 'no text literals in components: add it to the dictionary in i18n/dict.ts',
        },
        {
          selector:
            'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt)$/] > Literal[value=/[A-Za-z\\u4e00-\\u9fff]/]',
          message: 'no text literals in components: add it to the dictionary in i18n/dict.ts',
        },
      ],
    },
  },
);
