import {
  detectStep,
  INITIAL_DETECTOR_STATE,
  type DetectorConfig,
  type Detection,
  type DetectorState,
} from './detector.js';
import { CommandFeatureStream, STEP_MS, type FeatureModels } from './features.js';
import type { CommandHead } from './head.js';

/**
 * Streaming spotter: audio chunks in, detections out. The clock is the audio itself (80 ms a step), so
 * the refractory period holds in tests without waiting.
 */
export class CommandSpotter {
  private readonly stream: CommandFeatureStream;
  private state: DetectorState = INITIAL_DETECTOR_STATE;
  private lastProbs: Float32Array | null = null;

  constructor(
    features: FeatureModels,
    private readonly head: CommandHead,
    private readonly config: DetectorConfig,
  ) {
    this.stream = new CommandFeatureStream(features);
  }

  /** 16 kHz audio in [-1, 1]; returns what fired in it. */
  async push(chunk: Float32Array): Promise<Detection[]> {
    const windows = await this.stream.push(chunk);
    const done = this.stream.stepsDone();
    const found: Detection[] = [];
    // Windows belong to the last steps pushed (the first 24 steps of a stream have none).
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
  }
}
