import { COMMAND_LABELS, type CommandId } from './commands.js';

/**
 * A pure command detector over the head's per-step probabilities: a command fires when its probability
 * reaches its threshold on `minSteps` consecutive steps, and then nothing fires for `refractoryMs` (the
 * same utterance stays above threshold for several 80 ms steps; one utterance is one command).
 */
export interface DetectorConfig {
  readonly thresholds: Readonly<Record<CommandId, number>>;
  readonly minSteps: number;
  readonly refractoryMs: number;
}

export interface DetectorState {
  readonly candidate: CommandId | null;
  readonly run: number;
  /** No detection before this time. */
  readonly quietUntilMs: number;
}

export const INITIAL_DETECTOR_STATE: DetectorState = { candidate: null, run: 0, quietUntilMs: -Infinity };

export interface Detection {
  readonly command: CommandId;
  readonly probability: number;
  readonly atMs: number;
}

/** `probs` is one head output in `COMMAND_LABELS` order; `atMs` the time of the step's end. */
export function detectStep(
  state: DetectorState,
  probs: ArrayLike<number>,
  atMs: number,
  config: DetectorConfig,
): { state: DetectorState; detection: Detection | null } {
  let best: CommandId | null = null;
  let bestMargin = 0;
  let bestP = 0;
  for (let i = 1; i < COMMAND_LABELS.length; i += 1) {
    const id = COMMAND_LABELS[i] as CommandId;
    const p = probs[i] ?? 0;
    const margin = p - config.thresholds[id];
    if (margin >= 0 && (best === null || margin > bestMargin)) {
      best = id;
      bestMargin = margin;
      bestP = p;
    }
  }
  if (best === null) return { state: { ...state, candidate: null, run: 0 }, detection: null };
  const run = state.candidate === best ? state.run + 1 : 1;
  if (run < config.minSteps || atMs < state.quietUntilMs) {
    return { state: { ...state, candidate: best, run }, detection: null };
  }
  return {
    state: { candidate: null, run: 0, quietUntilMs: atMs + config.refractoryMs },
    detection: { command: best, probability: bestP, atMs },
  };
}
