import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'console-e2e',
    root: import.meta.dirname,
    include: ['*.test.ts'],
    // Builds the console (and the kiosk, which raises the escalation) once; the test drives the built
    // apps in Chromium against a real server.
    globalSetup: ['./build.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
