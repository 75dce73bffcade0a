import { describe, expect, it } from 'vitest';
import { StreamingResampler, resample } from './resample.js';
import { decodeWav, encodeWav } from './wav.js';

function sine(hz: number, rateHz: number, seconds: number): Float32Array {
  return Float32Array.from(
    { length: Math.round(rateHz * seconds) },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rateHz),
  );
}

/** Amplitude of one frequency (a single DFT bin), for checking what survives resampling. */
function amplitude(x: Float32Array, hz: number, rateHz: number): number {
  let re = 0;
  let im = 0;
  x.forEach((v, i) => {
    re += v * Math.cos((2 * Math.PI * hz * i) / rateHz);
    im += v * Math.sin((2 * Math.PI * hz * i) / rateHz);
  });
  return (2 * Math.hypot(re, im)) / x.length;
}

describe('resampling', () => {
  it('keeps a 1 kHz tone at its level from 48 kHz and 22.05 kHz to 16 kHz', () => {
    for (const from of [48_000, 22_050, 44_100]) {
      const out = resample(sine(1000, from, 0.5), from, 16_000);
      expect(out.length).toBe(8000);
      expect(amplitude(out.subarray(500, 7500), 1000, 16_000)).toBeCloseTo(0.5, 1);
    }
  });

  it('removes a tone above the new Nyquist frequency instead of aliasing it', () => {
    const out = resample(sine(12_000, 48_000, 0.5), 48_000, 16_000);
    // 12 kHz would alias to 4 kHz at 16 kHz
    expect(amplitude(out.subarray(500, 7500), 4000, 16_000)).toBeLessThan(0.01);
  });

  it('streams: any chunking gives the same output as one call', () => {
    const input = sine(440, 48_000, 0.3);
    const whole = resample(input, 48_000, 16_000);
    const r = new StreamingResampler(48_000, 16_000);
    const parts: number[] = [];
    for (let i = 0; i < input.length; i += 128) parts.push(...r.push(input.subarray(i, i + 128)));
    parts.push(...r.flush());
    expect(parts.length).toBeGreaterThanOrEqual(whole.length);
    for (let i = 0; i < whole.length; i += 1) expect(parts[i]).toBeCloseTo(whole[i] ?? 0, 5);
  });
});

describe('WAV', () => {
  it('round-trips 16-bit mono PCM', () => {
    const samples = sine(300, 16_000, 0.1);
    const back = decodeWav(encodeWav({ sampleRateHz: 16_000, samples }));
    expect(back.sampleRateHz).toBe(16_000);
    expect(back.samples.length).toBe(samples.length);
    for (let i = 0; i < samples.length; i += 97) expect(back.samples[i]).toBeCloseTo(samples[i] ?? 0, 3);
  });

  it('rejects what is not a WAV file with a stable code', () => {
    expect(() => decodeWav(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow(
      expect.objectContaining({ name: 'ModelError', code: 'BAD_WAV' }),
    );
  });
});
