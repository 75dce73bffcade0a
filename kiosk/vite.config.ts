import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Prepared by `npm run build -w @frontdesk/models` (prepare-assets), which checks every hash. */
const MODELS_DIR = fileURLToPath(new URL('../models/', import.meta.url));
const ASSETS_DIR = join(MODELS_DIR, 'dist/assets');
/** Served at /kiosk/models/<file>: the kiosk's model files and the onnxruntime-web wasm runtime. */
const MODELS_URL_DIR = 'models';
/** The largest file the kiosk precaches is the 14 MB wasm runtime; the limit leaves room, not a hole. */
const MAX_PRECACHE_FILE_BYTES = 32 * 1024 * 1024;

interface ManifestFile {
  file: string;
  bytes: number;
  usedBy: string[];
}

function kioskModelFiles(): ManifestFile[] {
  const manifest = JSON.parse(readFileSync(join(MODELS_DIR, 'manifest.json'), 'utf8')) as {
    files: ManifestFile[];
  };
  return manifest.files.filter((f) => f.usedBy.includes('kiosk'));
}

function preparedFile(f: ManifestFile): string {
  const path = join(ASSETS_DIR, f.file);
  if (!existsSync(path))
    throw new Error(
      `model asset ${f.file} is missing from ${ASSETS_DIR}: run \`npm run build -w @frontdesk/models\` first`,
    );
  return path;
}

/**
 * Copies the prepared model files into the build (so Workbox precaches them with the shell) and serves
 * them in `vite dev`. The size check is a cheap guard; prepare-assets has verified the hashes.
 */
function modelAssets(): Plugin {
  return {
    name: 'frontdesk-model-assets',
    generateBundle() {
      for (const f of kioskModelFiles()) {
        const source = readFileSync(preparedFile(f));
        if (source.length !== f.bytes)
          throw new Error(`model asset ${f.file}: ${source.length} bytes, manifest says ${f.bytes}`);
        this.emitFile({ type: 'asset', fileName: `${MODELS_URL_DIR}/${f.file}`, source });
      }
    },
    configureServer(server) {
      const files = new Map(kioskModelFiles().map((f) => [f.file, f]));
      server.middlewares.use(`/kiosk/${MODELS_URL_DIR}/`, (req, res, next) => {
        const f = files.get((req.url ?? '').replace(/^\//, '').split('?')[0] ?? '');
        if (!f) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(readFileSync(preparedFile(f)));
      });
    },
  };
}

// The edge server serves kiosk/dist at /kiosk/ (see edge-server/src/server.ts).
export default defineConfig({
  base: '/kiosk/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { target: 'es2022', sourcemap: false },
  // onnxruntime-web loads its wasm glue from env.wasm.wasmPaths (our precached copy) instead of a
  // second copy inlined into the bundle. '@frontdesk/source': bundle the workspaces' TypeScript
  // sources (their package exports give Node the compiled dist/ instead).
  resolve: {
    conditions: ['@frontdesk/source', 'onnxruntime-web-use-extern-wasm', ...defaultClientConditions],
  },
  worker: { format: 'es' },
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
  plugins: [
    modelAssets(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: '自助服务台 Self-service desk',
        short_name: 'Front desk',
        lang: 'zh-CN',
        display: 'fullscreen',
        orientation: 'portrait',
        background_color: '#f5f7f8',
        theme_color: '#0f4c5c',
        start_url: '/kiosk/',
        scope: '/kiosk/',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}', `${MODELS_URL_DIR}/*`],
        maximumFileSizeToCacheInBytes: MAX_PRECACHE_FILE_BYTES,
      },
    }),
  ],
});
