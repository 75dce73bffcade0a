import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VAD_CONFIG,
  INITIAL_VAD_STATE,
  segmentSpeech,
  vadFlush,
  vadStep,
  type VadConfig,
  type VadEvent,
} from './segmenter.js';

const FRAME = 512;
const config: VadConfig = {
  frameMs: 32,
  positiveThreshold: 0.5,
  negativeThreshold: 0.35,
  minSpeechMs: 96, // 3 frames
  minSilenceMs: 160, // 5 frames
  preRollMs: 64, // 2 frames
  postRollMs: 32,
};

/** Audio whose frames carry a marker: the first sample of a frame is the probability the fake returns. */
function marked(probabilities: readonly number[]): Float32Array {
  const audio = new Float32Array(probabilities.length * FRAME);
  probabilities.forEach((p, i) => (audio[i * FRAME] = p));
  return audio;
}
const fakeModel = (frame: Float32Array) => frame[0] ?? 0;

function fold(probabilities: readonly number[], c = config): VadEvent[] {
  let state = INITIAL_VAD_STATE;
  const events: VadEvent[] = [];
  for (const p of probabilities) {
    const r = vadStep(state, p, c);
    state = r.state;
    events.push(...r.events);
  }
  events.push(...vadFlush(state, c).events);
  return events;
}

const S = 0.9; // speech
const Q = 0.1; // quiet
const M = 0.4; // between the thresholds

describe('VAD segmenter', () => {
  it('finds one segment with pre-roll and post-roll padding', async () => {
    const probs = [Q, Q, Q, Q, Q, S, S, S, S, Q, Q, Q, Q, Q, Q, Q];
    const segments = await segmentSpeech(marked(probs), fakeModel, { frameSamples: FRAME, config });
    // speech frames 5–8: 160–288 ms; minus 64 ms pre-roll, plus 32 ms post-roll
    expect(segments).toEqual([{ startMs: 96, endMs: 320 }]);
  });

  it('announces the start only once there is enough speech', () => {
    const events = fold([Q, S, S, S, S, Q, Q, Q, Q, Q]);
    expect(events[0]).toEqual({ type: 'speech_start', startMs: 0 });
    let state = INITIAL_VAD_STATE;
    const starts: number[] = [];
    [Q, S, S, S].forEach((p, i) => {
      const r = vadStep(state, p, config);
      state = r.state;
      if (r.events.some((e) => e.type === 'speech_start')) starts.push(i);
    });
    expect(starts).toEqual([3]); // the third speech frame, not the first
  });

  it('drops a blip shorter than the minimum speech as a misfire', () => {
    const events = fold([Q, S, S, Q, Q, Q, Q, Q, Q, Q]);
    expect(events.map((e) => e.type)).toEqual(['misfire']);
  });

  it('keeps a short pause inside one segment and splits at a long one', () => {
    const one = fold([S, S, S, S, Q, Q, Q, Q, S, S, S, S, Q, Q, Q, Q, Q, Q]);
    expect(one.filter((e) => e.type === 'speech_end')).toHaveLength(1);
    const two = fold([S, S, S, S, Q, Q, Q, Q, Q, Q, S, S, S, S, Q, Q, Q, Q, Q, Q]);
    expect(two.filter((e) => e.type === 'speech_end')).toHaveLength(2);
  });

  it('hysteresis: frames between the thresholds neither start speech nor end it', () => {
    expect(fold([M, M, M, M, M, M, M, M])).toEqual([]);
    // speech, then a long stretch in between: still one open segment until the audio ends
    const events = fold([S, S, S, S, M, M, M, M, M, M, M, M]);
    expect(events.map((e) => e.type)).toEqual(['speech_start', 'speech_end']);
    const end = events[1];
    expect(end?.type === 'speech_end' && end.segment.endMs).toBe(4 * 32 + 32);
  });

  it('finds nothing in silence', async () => {
    const segments = await segmentSpeech(new Float32Array(FRAME * 50), fakeModel, { frameSamples: FRAME });
    expect(segments).toEqual([]);
  });

  it('closes a segment still open when the audio ends, clamped to the audio', () => {
    const events = fold([Q, S, S, S, S]);
    expect(events.at(-1)).toEqual({ type: 'speech_end', segment: { startMs: 0, endMs: 160 } });
  });

  it('has defaults that span at least one Silero frame of silence and speech', () => {
    expect(DEFAULT_VAD_CONFIG.minSilenceMs).toBeGreaterThan(DEFAULT_VAD_CONFIG.frameMs);
    expect(DEFAULT_VAD_CONFIG.negativeThreshold).toBeLessThan(DEFAULT_VAD_CONFIG.positiveThreshold);
  });
});
