import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'kiosk', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
