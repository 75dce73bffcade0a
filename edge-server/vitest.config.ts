import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'edge-server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start real brokers and servers on loopback ports.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
