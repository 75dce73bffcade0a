import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The edge server serves kiosk/dist at /kiosk/ (see edge-server/src/server.ts).
export default defineConfig({
  base: '/kiosk/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { target: 'es2022', sourcemap: false },
  // Workers import ES modules (onnxruntime-web loads its wasm glue with import()).
  worker: { format: 'es' },
  plugins: [
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
        icons: [],
      },
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'] },
    }),
  ],
});
