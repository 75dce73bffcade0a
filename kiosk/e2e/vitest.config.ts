import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'kiosk-e2e',
    root: import.meta.dirname,
    include: ['*.test.ts'],
    // Builds the kiosk once; every test then drives the built app in Chromium against a real server.
    globalSetup: ['./build.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
