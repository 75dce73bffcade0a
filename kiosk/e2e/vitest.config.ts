import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Tests run the workspaces' TypeScript sources (package exports condition), never their dist/ builds.
const SOURCE = '@frontdesk/source';

export default defineProject({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
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
