import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Tests run the workspaces' TypeScript sources (package exports condition), never their dist/ builds.
const SOURCE = '@frontdesk/source';

export default defineProject({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    name: 'miniprogram-e2e',
    root: import.meta.dirname,
    include: ['*.test.ts'],
    // Builds the mini-program once (H5 and weapp); the tests drive what the edge server serves.
    globalSetup: ['./build.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
