import {
  detectStep,
  INITIAL_DETECTOR_STATE,
  type DetectorConfig,
  type Detection,
  type DetectorState,
} from './detector.js';
import {
  CommandFeatureStream,
  HEAD_WINDOW_EMBEDDINGS,
  MEL_WINDOW_FRAMES,
  MEL_FRAMES_PER_STEP,
  STEP_MS,
  STEP_SAMPLES,
  type FeatureModels,
} from './features.js';
import type { CommandHead } from './head.js';

/**
 * Steps of silence a stream is primed with: a head window needs about 2 s of audio, and a guest who
 * turns listening on and speaks at once must not go unheard for those 2 s.
 */
export const PRIME_STEPS = Math.ceil(MEL_WINDOW_FRAMES / MEL_FRAMES_PER_STEP) + HEAD_WINDOW_EMBEDDINGS - 2;

/**
 * Streaming spotter: audio chunks in, detections out. The clock is the audio itself (80 ms a step), so
 * the refractory period holds in tests without waiting. The stream starts primed with silence, so the
 * first phrase can be heard from the first moment.
 */
export class CommandSpotter {
  private readonly stream: CommandFeatureStream;
  private state: DetectorState = INITIAL_DETECTOR_STATE;
  private lastProbs: Float32Array | null = null;
  private primed = false;

  constructor(
    features: FeatureModels,
    private readonly head: CommandHead,
    private readonly config: DetectorConfig,
  ) {
    this.stream = new CommandFeatureStream(features);
  }

  /** 16 kHz audio in [-1, 1]; returns what fired in it. */
  async push(chunk: Float32Array): Promise<Detection[]> {
    if (!this.primed) {
      this.primed = true;
      await this.stream.push(new Float32Array(PRIME_STEPS * STEP_SAMPLES));
    }
    const windows = await this.stream.push(chunk);
    const done = this.stream.stepsDone() - PRIME_STEPS;
    const found: Detection[] = [];
    // Windows belong to the last steps pushed; the clock counts the guest's audio, not the priming.
    let k = done - windows.length;
    for (const w of windows) {
      k += 1;
      const probs = await this.head(w);
      this.lastProbs = probs;
      const r = detectStep(this.state, probs, k * STEP_MS, this.config);
      this.state = r.state;
      if (r.detection) found.push(r.detection);
    }
    return found;
  }

  /** The most recent head output (for a level meter or debugging). */
  latest(): Float32Array | null {
    return this.lastProbs;
  }

  reset(): void {
    this.stream.reset();
    this.state = INITIAL_DETECTOR_STATE;
    this.lastProbs = null;
    this.primed = false;
  }
}
