/**
 * The real Silero v5 model on synthesised audio (espeak-ng WASM at 16 kHz) with silence and noise
 * around it: segments where the speech is, none in the silence or the noise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speakMany } from '../../scripts/lib/espeak.js';
import { makeRng } from '../../scripts/lib/network.js';
import { concat, noise } from '../../scripts/lib/noise.js';
import { loadNodeVad } from '../speech-node.js';
import { segmentSpeech, type SpeechSegment } from './segmenter.js';
import { SILERO_FRAME_SAMPLES, type SileroVad } from './silero.js';

const RATE = 16_000;
let vad: SileroVad;
let zh: Float32Array;
let en: Float32Array;

beforeAll(async () => {
  vad = await loadNodeVad();
  [zh] = (await speakMany(['你好，我想办理入住，请问需要什么证件？'], { voice: 'cmn+f2' })) as [Float32Array];
  [en] = (await speakMany(['Where is the swimming pool, please?'], { voice: 'en-gb+m3' })) as [Float32Array];
}, 60_000);

afterAll(() => vad?.close());

async function segments(audio: Float32Array): Promise<SpeechSegment[]> {
  vad.reset();
  return segmentSpeech(audio, (f) => vad.probability(f), { frameSamples: SILERO_FRAME_SAMPLES });
}

const ms = (samples: number) => (samples / RATE) * 1000;

describe('Silero VAD v5', () => {
  it('finds the two utterances and nothing in the silence and noise around them', async () => {
    const rng = makeRng(7);
    const parts = [
      new Float32Array(RATE), // 1 s silence
      noise('pink', RATE, rng, 0.01), // 1 s of quiet pink noise
      zh,
      new Float32Array(RATE),
      noise('white', RATE, rng, 0.005),
      en,
      new Float32Array(RATE),
    ];
    const starts: number[] = [];
    let at = 0;
    for (const p of parts) {
      starts.push(at);
      at += p.length;
    }
    const found = await segments(concat(parts));
    expect(found).toHaveLength(2);
    const [a, b] = found as [SpeechSegment, SpeechSegment];
    const zhStart = ms(starts[2] ?? 0);
    const zhEnd = zhStart + ms(zh.length);
    const enStart = ms(starts[5] ?? 0);
    const enEnd = enStart + ms(en.length);
    // Each segment covers its utterance (within 250 ms at either end) and stays out of the noise.
    expect(a.startMs).toBeGreaterThan(zhStart - 250);
    expect(a.startMs).toBeLessThan(zhStart + 250);
    expect(a.endMs).toBeGreaterThan(zhEnd - 250);
    expect(a.endMs).toBeLessThan(zhEnd + 500);
    expect(b.startMs).toBeGreaterThan(enStart - 250);
    expect(b.startMs).toBeLessThan(enStart + 250);
    expect(b.endMs).toBeGreaterThan(enEnd - 250);
    expect(b.endMs).toBeLessThan(enEnd + 500);
  });

  it('finds nothing in silence and in noise of several colours', async () => {
    const rng = makeRng(11);
    const audio = concat([
      new Float32Array(RATE),
      noise('white', 2 * RATE, rng, 0.05),
      noise('pink', 2 * RATE, rng, 0.05),
      noise('brown', 2 * RATE, rng, 0.05),
      noise('hum', 2 * RATE, rng, 0.05),
    ]);
    expect(await segments(audio)).toEqual([]);
  });

  it('scores speech high and silence low, frame by frame', async () => {
    vad.reset();
    const quiet = await vad.probability(new Float32Array(SILERO_FRAME_SAMPLES));
    let peak = 0;
    for (let i = 0; i + SILERO_FRAME_SAMPLES <= zh.length; i += SILERO_FRAME_SAMPLES) {
      peak = Math.max(peak, await vad.probability(zh.subarray(i, i + SILERO_FRAME_SAMPLES)));
    }
    expect(quiet).toBeLessThan(0.1);
    expect(peak).toBeGreaterThan(0.9);
  });

  it('rejects a frame of the wrong length with a stable code', async () => {
    await expect(vad.probability(new Float32Array(100))).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
