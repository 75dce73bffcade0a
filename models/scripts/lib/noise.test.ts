import { describe, expect, it } from 'vitest';
import { makeRng } from './network.js';
import { clip, concat, mixAtSnr, noise, rmsOf, scaleToRms, type NoiseKind } from './noise.js';

const KINDS: NoiseKind[] = ['white', 'pink', 'brown', 'hum'];

function sine(samples: number, amplitude: number): Float32Array {
  return Float32Array.from(
    { length: samples },
    (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 16_000),
  );
}

describe('training noise', () => {
  it.each(KINDS)('%s noise is the same from the same seed and has the RMS asked for', (kind) => {
    const a = noise(kind, 16_000, makeRng(3), 0.05);
    expect(noise(kind, 16_000, makeRng(3), 0.05)).toEqual(a);
    expect(noise(kind, 16_000, makeRng(4), 0.05)).not.toEqual(a);
    expect(rmsOf(a)).toBeCloseTo(0.05, 6);
  });

  it('scales to an RMS and leaves silence silent', () => {
    expect(rmsOf(scaleToRms(sine(1600, 0.5), 0.1))).toBeCloseTo(0.1, 6);
    expect(scaleToRms(new Float32Array(10), 0.1)).toEqual(new Float32Array(10));
  });

  it.each([20, 10, 5, 0])('mixes speech and noise at %i dB SNR', (snrDb) => {
    const speech = sine(16_000, 0.1);
    const bed = noise('pink', 16_000, makeRng(1));
    const mixed = mixAtSnr(speech, bed, snrDb);
    const n = mixed.map((v, i) => v - (speech[i] ?? 0));
    expect(20 * Math.log10(rmsOf(speech) / rmsOf(n))).toBeCloseTo(snrDb, 3);
  });

  it('clips to a peak of 0.99 by scaling, keeping the shape', () => {
    const loud = Float32Array.from([0.5, -2, 1]);
    expect([...clip(loud)]).toEqual([0.2475, -0.99, 0.495].map(Math.fround));
    expect([...clip(Float32Array.from([0.5, -0.9]))]).toEqual([0.5, -0.9].map(Math.fround));
  });

  it('concatenates in order', () => {
    expect([...concat([Float32Array.from([1, 2]), new Float32Array(0), Float32Array.from([3])])]).toEqual([
      1, 2, 3,
    ]);
  });
});
