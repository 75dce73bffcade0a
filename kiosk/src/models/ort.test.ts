import { describe, expect, it } from 'vitest';
import { ortThreads } from './ort.js';

describe('ortThreads', () => {
  it('uses up to two threads only in a cross-origin isolated page', () => {
    expect(ortThreads({ crossOriginIsolated: true, hardwareConcurrency: 8 })).toBe(2);
    expect(ortThreads({ crossOriginIsolated: true, hardwareConcurrency: 1 })).toBe(1);
    expect(ortThreads({ crossOriginIsolated: false, hardwareConcurrency: 8 })).toBe(1);
    expect(ortThreads({ crossOriginIsolated: true, hardwareConcurrency: Number.NaN })).toBe(1);
  });
});
