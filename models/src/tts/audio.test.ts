import { describe, expect, it } from 'vitest';
import { audioStats, decodeWav } from './audio.js';
import { ModelError } from '../errors.js';

/** A 16-bit mono WAV of the given samples; `dataSize` overrides the data chunk's length field. */
function wav(samples: number[], sampleRate = 22050, dataSize?: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const v = new DataView(bytes.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, 'data');
  v.setUint32(40, dataSize ?? samples.length * 2, true);
  samples.forEach((s, i) => v.setInt16(44 + i * 2, s, true));
  return bytes;
}

describe('decodeWav', () => {
  it('reads 16-bit PCM into [-1, 1] floats with its rate', () => {
    const pcm = decodeWav(wav([0, 16384, -32768, 32767], 16000));
    expect(pcm.sampleRate).toBe(16000);
    expect([...pcm.samples]).toEqual([0, 0.5, -1, 32767 / 32768]);
  });

  it('reads to the end of the file when the data length is a streaming placeholder', () => {
    expect(decodeWav(wav([1, 2, 3], 22050, 0x7fffffff)).samples.length).toBe(3);
  });

  it('refuses what is not a WAV with a stable code', () => {
    expect(() => decodeWav(new Uint8Array(100))).toThrow(ModelError);
    try {
      decodeWav(new Uint8Array(100));
    } catch (e) {
      expect((e as ModelError).code).toBe('BAD_WAV');
    }
  });
});

describe('audioStats', () => {
  it('tells silence from a tone', () => {
    const rate = 8000;
    const silence = { samples: new Float32Array(rate), sampleRate: rate };
    const tone = {
      samples: Float32Array.from({ length: rate }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate)),
      sampleRate: rate,
    };
    expect(audioStats(silence)).toMatchObject({ durationMs: 1000, rms: 0, peak: 0, voicedShare: 0 });
    const s = audioStats(tone);
    expect(s.durationMs).toBe(1000);
    expect(s.rms).toBeCloseTo(0.5 / Math.SQRT2, 2);
    expect(s.voicedShare).toBe(1);
  });
});
