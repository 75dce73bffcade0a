import { dirname, join } from 'node:path';
import { defineConfig } from '@tarojs/cli';

/** The mini-program's own copy of a package (npm workspaces may hoist another version to the root). */
const own = (name: string) =>
  dirname(require.resolve(`${name}/package.json`, { paths: [join(__dirname, '..')] }));

/**
 * Build-time constants: the site this mini-program serves and, for weapp, the edge server's HTTPS
 * origin (WeChat allows only configured domains). The H5 build talks to the origin it is served from.
 */
const constants = {
  FRONTDESK_SITE: JSON.stringify(process.env.FRONTDESK_SITE ?? 'grand-hotel'),
  FRONTDESK_EDGE_URL: JSON.stringify(process.env.FRONTDESK_EDGE_URL ?? 'https://frontdesk.example'),
};

export default defineConfig<'webpack5'>({
  projectName: 'frontdesk-miniprogram',
  date: '2026-12-06',
  designWidth: 375,
  deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
  plugins: [],
  defineConstants: constants,
  framework: 'preact',
  compiler: 'webpack5',
  cache: { enable: false },
  // Taro's default `quote_keys: true` breaks the private class fields in mqtt's dependencies.
  terser: { enable: true, config: { output: { quote_keys: false } } },
  mini: {
    postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false, config: {} } },
    webpackChain(chain: AliasChain) {
      aliasOwnCopies(chain);
    },
  },
  h5: {
    publicPath: '/m/app/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    postcss: { autoprefixer: { enable: false, config: {} }, cssModules: { enable: false, config: {} } },
    webpackChain(chain: AliasChain) {
      aliasOwnCopies(chain);
    },
  },
});

/**
 * Packages that must exist once in a bundle. npm places some of Taro's packages both under
 * `miniprogram/node_modules` and nested under `@tarojs/taro-h5`: two `@tarojs/router` copies break
 * `navigateTo` in H5 (the second copy has no history: "reading 'listen'").
 */
const SINGLE_COPY = [
  'preact',
  '@tarojs/plugin-framework-react',
  '@tarojs/router',
  '@tarojs/runtime',
  '@tarojs/shared',
];

/** The part of webpack-chain's API used here. */
interface AliasChain {
  resolve: {
    alias: { set(key: string, value: string): unknown };
    set(key: string, value: unknown): unknown;
  };
}

/**
 * Exactly one preact in each bundle, the one Taro 4.2.1 works with (the kiosk hoists a newer one),
 * and one copy of each Taro package (SINGLE_COPY);
 * `./x.js` imports of TypeScript sources, as everywhere in this repository. `@frontdesk/protocol`
 * comes from its `dist/` (built first by `npm run build`).
 */
function aliasOwnCopies(chain: AliasChain) {
  for (const name of SINGLE_COPY) chain.resolve.alias.set(name, own(name));
  chain.resolve.set('extensionAlias', { '.js': ['.ts', '.tsx', '.js'] });
}
