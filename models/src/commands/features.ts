import { ModelError } from '../errors.js';
import {
  floatOutput,
  loadSession,
  runSession,
  singleIo,
  type Ort,
  type OrtSessionOptions,
} from '../ort/adapter.js';

/**
 * openWakeWord's feature pipeline (melspectrogram.onnx → embedding_model.onnx), written here so the
 * streaming kiosk path and the batch training path compute the same numbers:
 * - audio 16 kHz, fed to the mel model at int16 scale (×32767), not [-1, 1];
 * - one step = 1280 samples (80 ms); the mel model sees that step plus the 480 samples before it
 *   (its 512-sample window and 160-sample hop), giving 8 mel frames of 32 bins; openWakeWord rescales
 *   them as x / 10 + 2;
 * - after each step, the last 76 mel frames → one 96-d embedding;
 * - a command head sees the last 16 embeddings (about 2 s of audio).
 */
export const SAMPLE_RATE_HZ = 16_000;
export const STEP_SAMPLES = 1280;
export const STEP_MS = 80;
export const MEL_CONTEXT_SAMPLES = 480;
export const MEL_FRAMES_PER_STEP = 8;
export const MEL_BINS = 32;
export const MEL_WINDOW_FRAMES = 76;
export const EMBEDDING_DIM = 96;
export const HEAD_WINDOW_EMBEDDINGS = 16;
const INT16_SCALE = 32767;

/** int16-scale samples → mel frames (frames × 32, already rescaled). */
export type MelModel = (samples: Float32Array) => Promise<Float32Array>;
/** `count` windows of 76 × 32 mel frames → count × 96 embeddings. */
export type EmbeddingModel = (windows: Float32Array, count: number) => Promise<Float32Array>;

export interface FeatureModels {
  readonly mel: MelModel;
  readonly embedding: EmbeddingModel;
  close(): Promise<void>;
}

/** The two openWakeWord models over an ONNX runtime module (passed in: node or web). */
export async function onnxFeatureModels(
  ort: Ort,
  melBytes: Uint8Array,
  embeddingBytes: Uint8Array,
  sessionOptions: OrtSessionOptions = {},
): Promise<FeatureModels> {
  const mel = await loadSession(ort, melBytes, 'melspectrogram', sessionOptions);
  const emb = await loadSession(ort, embeddingBytes, 'speech embedding', sessionOptions);
  const melIo = singleIo(mel, 'melspectrogram');
  const embIo = singleIo(emb, 'speech embedding');
  return {
    async mel(samples) {
      const t = new ort.Tensor('float32', samples, [1, samples.length]);
      const out = floatOutput(
        await runSession(mel, { [melIo.input]: t }, 'melspectrogram'),
        melIo.output,
        'melspectrogram',
      ).data;
      const frames = new Float32Array(out.length);
      for (let i = 0; i < out.length; i += 1) frames[i] = (out[i] ?? 0) / 10 + 2;
      return frames;
    },
    async embedding(windows, count) {
      const t = new ort.Tensor('float32', windows, [count, MEL_WINDOW_FRAMES, MEL_BINS, 1]);
      const out = floatOutput(
        await runSession(emb, { [embIo.input]: t }, 'speech embedding'),
        embIo.output,
        'speech embedding',
      );
      if (out.data.length !== count * EMBEDDING_DIM) {
        throw new ModelError('MODEL_MISMATCH', `speech embedding gave ${out.data.length} values`);
      }
      return out.data;
    },
    async close() {
      await mel.release();
      await emb.release();
    },
  };
}

function toInt16Scale(samples: Float32Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) out[i] = (samples[i] ?? 0) * INT16_SCALE;
  return out;
}

/**
 * Batch path (training, evaluation): the embeddings the streaming path would produce after each full
 * step of `samples` (16 kHz, [-1, 1]). Row k is the embedding after step k; the first
 * ceil(76 / 8) - 1 = 9 steps have none (too few mel frames yet), so row 0 is after step 9.
 */
export async function embedRecording(
  models: FeatureModels,
  samples: Float32Array,
  maxBatch = 64,
): Promise<Float32Array[]> {
  const steps = Math.floor(samples.length / STEP_SAMPLES);
  const firstStep = Math.ceil(MEL_WINDOW_FRAMES / MEL_FRAMES_PER_STEP) - 1;
  if (steps <= firstStep) return [];
  // The streaming path starts with 480 samples of silence before the first step. The mel model is run
  // on each step's 1760 samples on its own, as in streaming: its output is clipped relative to the
  // loudest value of the whole input, so one run over the recording would give different numbers.
  const padded = new Float32Array(MEL_CONTEXT_SAMPLES + steps * STEP_SAMPLES);
  padded.set(samples.subarray(0, steps * STEP_SAMPLES), MEL_CONTEXT_SAMPLES);
  const scaled = toInt16Scale(padded);
  const mel = new Float32Array(steps * MEL_FRAMES_PER_STEP * MEL_BINS);
  for (let k = 0; k < steps; k += 1) {
    const frames = await models.mel(
      scaled.subarray(k * STEP_SAMPLES, k * STEP_SAMPLES + MEL_CONTEXT_SAMPLES + STEP_SAMPLES),
    );
    if (frames.length !== MEL_FRAMES_PER_STEP * MEL_BINS) {
      throw new ModelError(
        'MODEL_MISMATCH',
        `melspectrogram gave ${frames.length / MEL_BINS} frames a step, not 8`,
      );
    }
    mel.set(frames, k * MEL_FRAMES_PER_STEP * MEL_BINS);
  }
  const out: Float32Array[] = [];
  for (let k0 = firstStep; k0 < steps; k0 += maxBatch) {
    const count = Math.min(maxBatch, steps - k0);
    const windows = new Float32Array(count * MEL_WINDOW_FRAMES * MEL_BINS);
    for (let j = 0; j < count; j += 1) {
      const end = (k0 + j + 1) * MEL_FRAMES_PER_STEP;
      windows.set(
        mel.subarray((end - MEL_WINDOW_FRAMES) * MEL_BINS, end * MEL_BINS),
        j * MEL_WINDOW_FRAMES * MEL_BINS,
      );
    }
    const emb = await models.embedding(windows, count);
    for (let j = 0; j < count; j += 1) out.push(emb.slice(j * EMBEDDING_DIM, (j + 1) * EMBEDDING_DIM));
  }
  return out;
}

/**
 * Streaming path (the kiosk's worker): push 16 kHz audio in chunks of any length; every completed step
 * that has 16 embeddings behind it yields one head window (16 × 96, oldest first). Steps run strictly in
 * order; do not call `push` again before the previous call resolved.
 */
export class CommandFeatureStream {
  private pending = new Float32Array(0);
  private readonly raw = new Float32Array(MEL_CONTEXT_SAMPLES + STEP_SAMPLES);
  private mel: Float32Array[] = [];
  private embeddings: Float32Array[] = [];
  private steps = 0;

  constructor(private readonly models: FeatureModels) {}

  /** Steps (80 ms each) processed since the start or the last reset. */
  stepsDone(): number {
    return this.steps;
  }

  async push(chunk: Float32Array): Promise<Float32Array[]> {
    const joined = new Float32Array(this.pending.length + chunk.length);
    joined.set(this.pending, 0);
    joined.set(chunk, this.pending.length);
    const windows: Float32Array[] = [];
    let offset = 0;
    while (joined.length - offset >= STEP_SAMPLES) {
      const w = await this.step(joined.subarray(offset, offset + STEP_SAMPLES));
      if (w) windows.push(w);
      offset += STEP_SAMPLES;
    }
    this.pending = joined.slice(offset);
    return windows;
  }

  reset(): void {
    this.pending = new Float32Array(0);
    this.raw.fill(0);
    this.mel = [];
    this.embeddings = [];
    this.steps = 0;
  }

  private async step(samples: Float32Array): Promise<Float32Array | null> {
    this.steps += 1;
    this.raw.copyWithin(0, STEP_SAMPLES);
    this.raw.set(samples, MEL_CONTEXT_SAMPLES);
    const frames = await this.models.mel(toInt16Scale(this.raw));
    for (let f = 0; f < MEL_FRAMES_PER_STEP; f += 1) {
      this.mel.push(frames.slice(f * MEL_BINS, (f + 1) * MEL_BINS));
    }
    if (this.mel.length > MEL_WINDOW_FRAMES) this.mel.splice(0, this.mel.length - MEL_WINDOW_FRAMES);
    if (this.mel.length < MEL_WINDOW_FRAMES) return null;
    const window = new Float32Array(MEL_WINDOW_FRAMES * MEL_BINS);
    this.mel.forEach((frame, i) => window.set(frame, i * MEL_BINS));
    this.embeddings.push((await this.models.embedding(window, 1)).slice());
    if (this.embeddings.length > HEAD_WINDOW_EMBEDDINGS) this.embeddings.shift();
    if (this.embeddings.length < HEAD_WINDOW_EMBEDDINGS) return null;
    return headWindow(this.embeddings, this.embeddings.length - 1);
  }
}

/** The head input ending at embedding `last` (inclusive): 16 × 96, oldest first. */
export function headWindow(embeddings: readonly Float32Array[], last: number): Float32Array {
  const out = new Float32Array(HEAD_WINDOW_EMBEDDINGS * EMBEDDING_DIM);
  for (let j = 0; j < HEAD_WINDOW_EMBEDDINGS; j += 1) {
    const e = embeddings[last - HEAD_WINDOW_EMBEDDINGS + 1 + j];
    if (!e) throw new ModelError('BAD_INPUT', `no embedding ${last - HEAD_WINDOW_EMBEDDINGS + 1 + j}`);
    out.set(e, j * EMBEDDING_DIM);
  }
  return out;
}
