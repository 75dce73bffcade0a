import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Tests run the workspaces' TypeScript sources (package exports condition), never their dist/ builds.
const SOURCE = '@frontdesk/source';

export default defineProject({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
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
