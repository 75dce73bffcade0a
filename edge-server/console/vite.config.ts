import { defaultClientConditions, defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The edge server serves edge-server/console/dist at /staff/ (see edge-server/src/server.ts).
export default defineConfig({
  base: '/staff/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { target: 'es2022', sourcemap: false },
  // Bundle the workspaces' TypeScript sources (their package exports give Node the compiled dist/).
  resolve: { conditions: ['@frontdesk/source', ...defaultClientConditions] },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: '员工工作台 Staff console',
        short_name: 'Staff',
        description: 'Escalations, chat and tickets for front-desk staff',
        lang: 'zh-CN',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f4f6f8',
        theme_color: '#1b3a57',
        start_url: '/staff/',
        scope: '/staff/',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wav}'],
      },
    }),
  ],
});
