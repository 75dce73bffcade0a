import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Tests run the workspaces' TypeScript sources (package exports condition), never their dist/ builds.
const SOURCE = '@frontdesk/source';

export default defineProject({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: { name: 'miniprogram', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
