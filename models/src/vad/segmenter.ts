/**
 * A pure voice-activity segmenter: it folds one speech probability per frame into speech segments,
 * with hysteresis (a frame turns speech on above `positiveThreshold` and counts as silence only below
 * `negativeThreshold`), a minimum amount of speech before a segment is real (coughs and clicks are
 * dropped), a minimum silence before a segment ends (pauses between words do not split it), and padding
 * so the segment's audio includes the soft onset and decay the model scores low. The model is a
 * parameter (`frame → probability`), so tests drive it with a fake that fires on marker frames.
 */
export interface VadConfig {
  /** Duration of one model frame: 512 samples at 16 kHz for Silero v5. */
  readonly frameMs: number;
  readonly positiveThreshold: number;
  readonly negativeThreshold: number;
  /** Speech frames needed before a candidate becomes a segment. */
  readonly minSpeechMs: number;
  /** Silence needed to end a segment. */
  readonly minSilenceMs: number;
  /** Audio kept before the first speech frame. */
  readonly preRollMs: number;
  /** Audio kept after the last speech frame. */
  readonly postRollMs: number;
}

/** Silero's own suggested thresholds (0.5 / 0.35) and timings close to @ricky0123/vad-web's. */
export const DEFAULT_VAD_CONFIG: VadConfig = {
  frameMs: 32,
  positiveThreshold: 0.5,
  negativeThreshold: 0.35,
  minSpeechMs: 160,
  minSilenceMs: 480,
  preRollMs: 192,
  postRollMs: 96,
};

export interface SpeechSegment {
  readonly startMs: number;
  readonly endMs: number;
}

export type VadEvent =
  | { readonly type: 'speech_start'; readonly startMs: number }
  | { readonly type: 'speech_end'; readonly segment: SpeechSegment }
  /** A candidate that never had enough speech in it. */
  | { readonly type: 'misfire'; readonly atMs: number };

export interface VadState {
  readonly phase: 'silence' | 'candidate' | 'speech';
  /** Index of the next frame. */
  readonly frame: number;
  readonly firstSpeechFrame: number;
  readonly lastSpeechFrame: number;
  readonly speechFrames: number;
  readonly silentFrames: number;
}

export const INITIAL_VAD_STATE: VadState = {
  phase: 'silence',
  frame: 0,
  firstSpeechFrame: -1,
  lastSpeechFrame: -1,
  speechFrames: 0,
  silentFrames: 0,
};

export interface VadStep {
  readonly state: VadState;
  readonly events: readonly VadEvent[];
}

function endMs(s: VadState, c: VadConfig, audioEndFrame: number): number {
  return Math.min((s.lastSpeechFrame + 1) * c.frameMs + c.postRollMs, audioEndFrame * c.frameMs);
}

function startMs(s: VadState, c: VadConfig): number {
  return Math.max(0, s.firstSpeechFrame * c.frameMs - c.preRollMs);
}

/** Folds one frame's speech probability into the state. */
export function vadStep(state: VadState, probability: number, config: VadConfig): VadStep {
  const i = state.frame;
  const speech = probability >= config.positiveThreshold;
  const silent = probability < config.negativeThreshold;
  if (state.phase === 'silence') {
    if (!speech) return { state: { ...state, frame: i + 1 }, events: [] };
    const next: VadState = {
      phase: 'candidate',
      frame: i + 1,
      firstSpeechFrame: i,
      lastSpeechFrame: i,
      speechFrames: 1,
      silentFrames: 0,
    };
    return promote(next, config);
  }
  const next: VadState = {
    ...state,
    frame: i + 1,
    lastSpeechFrame: speech ? i : state.lastSpeechFrame,
    speechFrames: state.speechFrames + (speech ? 1 : 0),
    // Frames between the thresholds neither extend the speech nor count towards the silence.
    silentFrames: speech ? 0 : state.silentFrames + (silent ? 1 : 0),
  };
  if (next.silentFrames * config.frameMs >= config.minSilenceMs) {
    const rest: VadState = { ...INITIAL_VAD_STATE, frame: i + 1 };
    if (next.phase === 'speech') {
      return {
        state: rest,
        events: [
          {
            type: 'speech_end',
            segment: { startMs: startMs(next, config), endMs: endMs(next, config, i + 1) },
          },
        ],
      };
    }
    return { state: rest, events: [{ type: 'misfire', atMs: startMs(next, config) }] };
  }
  return promote(next, config);
}

function promote(state: VadState, config: VadConfig): VadStep {
  if (state.phase === 'candidate' && state.speechFrames * config.frameMs >= config.minSpeechMs) {
    return {
      state: { ...state, phase: 'speech' },
      events: [{ type: 'speech_start', startMs: startMs(state, config) }],
    };
  }
  return { state, events: [] };
}

/** The audio ended: closes an open segment. */
export function vadFlush(state: VadState, config: VadConfig): VadStep {
  if (state.phase !== 'speech') return { state: { ...INITIAL_VAD_STATE, frame: state.frame }, events: [] };
  return {
    state: { ...INITIAL_VAD_STATE, frame: state.frame },
    events: [
      {
        type: 'speech_end',
        segment: { startMs: startMs(state, config), endMs: endMs(state, config, state.frame) },
      },
    ],
  };
}

/** The model as a function: one frame of `frameSamples` samples → speech probability. */
export type SpeechProbability = (frame: Float32Array) => number | Promise<number>;

/**
 * Segments a whole recording (16 kHz mono in [-1, 1]); a trailing partial frame is ignored. The model is
 * called once per frame, in order (Silero carries state from frame to frame).
 */
export async function segmentSpeech(
  samples: Float32Array,
  probability: SpeechProbability,
  options: { readonly frameSamples: number; readonly config?: VadConfig },
): Promise<SpeechSegment[]> {
  const config = options.config ?? DEFAULT_VAD_CONFIG;
  let state = INITIAL_VAD_STATE;
  const segments: SpeechSegment[] = [];
  const collect = (events: readonly VadEvent[]) => {
    for (const e of events) if (e.type === 'speech_end') segments.push(e.segment);
  };
  const frames = Math.floor(samples.length / options.frameSamples);
  for (let f = 0; f < frames; f += 1) {
    const frame = samples.subarray(f * options.frameSamples, (f + 1) * options.frameSamples);
    const step = vadStep(state, await probability(frame), config);
    state = step.state;
    collect(step.events);
  }
  collect(vadFlush(state, config).events);
  return segments;
}
