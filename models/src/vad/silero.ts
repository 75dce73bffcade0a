import { ModelError } from '../errors.js';
import {
  floatOutput,
  loadSession,
  runSession,
  type Ort,
  type OrtSession,
  type OrtSessionOptions,
  type OrtTensor,
} from '../ort/adapter.js';

/** Silero VAD v5 at 16 kHz: 512 new samples a frame, each preceded by the previous frame's last 64. */
export const SILERO_SAMPLE_RATE_HZ = 16_000;
export const SILERO_FRAME_SAMPLES = 512;
export const SILERO_CONTEXT_SAMPLES = 64;
const STATE_SIZE = 2 * 1 * 128;

/**
 * Runs `silero_vad_v5.onnx` frame by frame, carrying its recurrent state and the 64-sample context the
 * model expects (without the context v5 scores real speech near zero). Not safe for concurrent calls:
 * frames must arrive in order.
 */
export class SileroVad {
  private state = new Float32Array(STATE_SIZE);
  private readonly input = new Float32Array(SILERO_CONTEXT_SAMPLES + SILERO_FRAME_SAMPLES);
  private readonly sr: OrtTensor;

  private constructor(
    private readonly ort: Ort,
    private readonly session: OrtSession,
  ) {
    this.sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SILERO_SAMPLE_RATE_HZ)]), []);
  }

  static async create(
    ort: Ort,
    bytes: Uint8Array,
    sessionOptions: OrtSessionOptions = {},
  ): Promise<SileroVad> {
    const session = await loadSession(ort, bytes, 'Silero VAD', sessionOptions);
    for (const name of ['input', 'state', 'sr']) {
      if (!session.inputNames.includes(name)) {
        throw new ModelError('MODEL_MISMATCH', `Silero VAD model has no input ${name} (is it v5?)`);
      }
    }
    return new SileroVad(ort, session);
  }

  /** Speech probability of one 512-sample frame (16 kHz, [-1, 1]). */
  async probability(frame: Float32Array): Promise<number> {
    if (frame.length !== SILERO_FRAME_SAMPLES) {
      throw new ModelError(
        'BAD_INPUT',
        `a VAD frame has ${SILERO_FRAME_SAMPLES} samples, not ${frame.length}`,
      );
    }
    this.input.copyWithin(0, SILERO_FRAME_SAMPLES); // the previous frame's tail becomes the context
    this.input.set(frame, SILERO_CONTEXT_SAMPLES);
    const feeds = {
      input: new this.ort.Tensor('float32', this.input.slice(), [1, this.input.length]),
      state: new this.ort.Tensor('float32', this.state, [2, 1, 128]),
      sr: this.sr,
    };
    const out = await runSession(this.session, feeds, 'Silero VAD');
    this.state = floatOutput(out, 'stateN', 'Silero VAD').data.slice();
    const p = floatOutput(out, 'output', 'Silero VAD').data[0];
    if (p === undefined) throw new ModelError('MODEL_MISMATCH', 'Silero VAD returned no probability');
    return p;
  }

  /** Forget the stream (a new microphone session). */
  reset(): void {
    this.state = new Float32Array(STATE_SIZE);
    this.input.fill(0);
  }

  close(): Promise<void> {
    return this.session.release();
  }
}
