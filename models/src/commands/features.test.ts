import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speakMany } from '../../scripts/lib/espeak.js';
import { concat } from '../../scripts/lib/noise.js';
import { loadNodeFeatureModels } from '../speech-node.js';
import {
  CommandFeatureStream,
  EMBEDDING_DIM,
  HEAD_WINDOW_EMBEDDINGS,
  MEL_BINS,
  STEP_SAMPLES,
  embedRecording,
  headWindow,
  type FeatureModels,
} from './features.js';

/** A fake pipeline whose numbers say where they came from: mel frame = its first input sample. */
const fake: FeatureModels = {
  mel: async (samples) => {
    const frames = Math.floor((samples.length - 512) / 160) + 1;
    const out = new Float32Array(frames * MEL_BINS);
    for (let f = 0; f < frames; f += 1) out.fill(samples[f * 160] ?? 0, f * MEL_BINS, (f + 1) * MEL_BINS);
    return out;
  },
  embedding: async (windows, count) => {
    const out = new Float32Array(count * EMBEDDING_DIM);
    const per = windows.length / count;
    // embedding = the window's last mel value (which step it ends on)
    for (let j = 0; j < count; j += 1)
      out.fill(windows[(j + 1) * per - 1] ?? 0, j * EMBEDDING_DIM, (j + 1) * EMBEDDING_DIM);
    return out;
  },
  close: async () => undefined,
};

describe('feature pipeline (fake models)', () => {
  it('feeds int16-scale audio and gives one window per step once 16 embeddings exist', async () => {
    const steps = 30;
    const audio = new Float32Array(steps * STEP_SAMPLES);
    for (let k = 0; k < steps; k += 1) audio.fill((k + 1) / 100, k * STEP_SAMPLES, (k + 1) * STEP_SAMPLES);
    const stream = new CommandFeatureStream(fake);
    const windows = await stream.push(audio);
    // 9 steps before the first embedding (76 mel frames), 15 more before 16 embeddings exist
    expect(windows).toHaveLength(steps - 9 - 15);
    const last = windows.at(-1) as Float32Array;
    // the newest embedding ends on the last step's audio, scaled to int16 range
    expect(last[(HEAD_WINDOW_EMBEDDINGS - 1) * EMBEDDING_DIM]).toBeCloseTo(0.3 * 32767, 0);
    expect(last[0]).toBeCloseTo(0.15 * 32767, 0);
  });
});

describe('feature pipeline (openWakeWord models)', () => {
  let models: FeatureModels;
  let audio: Float32Array;
  beforeAll(async () => {
    models = await loadNodeFeatureModels();
    const [speech] = (await speakMany(['我要退房'], { voice: 'cmn' })) as [Float32Array];
    audio = concat([new Float32Array(20_000), speech, new Float32Array(12_000)]);
  }, 60_000);
  afterAll(() => models?.close());

  it('streaming in odd-sized chunks gives exactly the batch (training) features', async () => {
    const batch = await embedRecording(models, audio);
    const stream = new CommandFeatureStream(models);
    const windows: Float32Array[] = [];
    for (let i = 0; i < audio.length; i += 777)
      windows.push(...(await stream.push(audio.subarray(i, i + 777))));
    expect(windows.length).toBe(batch.length - HEAD_WINDOW_EMBEDDINGS + 1);
    windows.forEach((w, j) => {
      const expected = headWindow(batch, j + HEAD_WINDOW_EMBEDDINGS - 1);
      let diff = 0;
      for (let i = 0; i < w.length; i += 1) diff = Math.max(diff, Math.abs((w[i] ?? 0) - (expected[i] ?? 0)));
      expect(diff).toBeLessThan(1e-4);
    });
  });

  it('gives 96-d embeddings that differ between speech and silence', async () => {
    const batch = await embedRecording(models, audio);
    const silent = await embedRecording(models, new Float32Array(audio.length));
    expect(batch[0]?.length).toBe(EMBEDDING_DIM);
    // the largest mean difference over the windows (the last ones cover only the trailing silence)
    let diff = 0;
    batch.forEach((a, k) => {
      const b = silent[k] as Float32Array;
      let d = 0;
      for (let i = 0; i < EMBEDDING_DIM; i += 1) d += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
      diff = Math.max(diff, d);
    });
    expect(diff / EMBEDDING_DIM).toBeGreaterThan(0.1);
  });
});
