import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'wayfinding', include: ['src/**/*.test.ts'] } });
