import { defineConfig } from 'vitest/config';

// One Vitest run for the whole monorepo: each workspace is a project with its own settings.
export default defineConfig({
  test: {
    projects: [
      'edge-server/protocol',
      'wayfinding',
      'edge-server',
      'models',
      'kiosk',
      'kiosk/e2e',
      'edge-server/console',
      'edge-server/console/e2e',
      'miniprogram',
      'miniprogram/e2e',
    ],
  },
});
