import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRESENCE,
  initialPresence,
  presenceStep,
  qualifies,
  TouchOnlyPresenceDetector,
  type FaceBox,
  type PresenceEvent,
  type PresenceState,
  type PresenceStatus,
} from './presence.js';

/** A face of `width` (fraction of the frame) centred at (cx, cy). */
const face = (width = 0.2, cx = 0.5, cy = 0.45, score = 0.9): FaceBox => ({
  x: cx - width / 2,
  y: cy - width / 2,
  width,
  height: width,
  score,
});

/** Runs frames every `stepMs` from t = 0; returns the events with their times and the last state. */
function run(
  frames: ReadonlyArray<readonly FaceBox[]>,
  state: PresenceState = initialPresence(),
  startMs = 0,
  stepMs = 250,
) {
  const events: Array<[number, PresenceEvent]> = [];
  frames.forEach((faces, i) => {
    const t = startMs + i * stepMs;
    const r = presenceStep(state, faces, t);
    state = r.state;
    if (r.event) events.push([t, r.event]);
  });
  return { events, state };
}

const repeat = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

describe('which faces count', () => {
  it('a near, centred, confident face', () => {
    expect(qualifies(face())).toBe(true);
  });
  it('not a small face (someone across the lobby)', () => {
    expect(qualifies(face(0.08))).toBe(false);
  });
  it('not a face at the edge of the frame (walking past)', () => {
    expect(qualifies(face(0.2, 0.9))).toBe(false);
    expect(qualifies(face(0.2, 0.5, 0.97))).toBe(false);
  });
  it('not a doubtful detection', () => {
    expect(qualifies(face(0.2, 0.5, 0.5, 0.4))).toBe(false);
  });
});

describe('presence hysteresis', () => {
  it('wakes once a face has stayed for enterMs, not on the first frame', () => {
    const { events } = run(repeat(6, [face()]));
    // Frames at 0, 250, 500 ms: present from 500 ms (≥ 400 ms after the first).
    expect(events).toEqual([[500, 'arrived']]);
  });

  it('ignores a glance: one or two frames with a face', () => {
    const { events } = run([[face()], [face()], [], [], [], [], [face()], []]);
    expect(events).toEqual([]);
  });

  it('ignores faces that do not qualify, however long they stay', () => {
    expect(run(repeat(20, [face(0.05)])).events).toEqual([]);
    expect(run(repeat(20, [face(0.2, 0.05)])).events).toEqual([]);
  });

  it('keeps the person present through short gaps, and reports them gone after leaveMs', () => {
    const frames = [...repeat(4, [face()]), [], [], [face()], ...repeat(8, [])];
    const { events } = run(frames);
    // Last seen at 1500 ms; gone at ≥ 3000 ms, the first frame 1500 ms later.
    expect(events).toEqual([
      [500, 'arrived'],
      [1500 + DEFAULT_PRESENCE.leaveMs, 'left'],
    ]);
  });

  it('wakes again for the next arrival after someone left', () => {
    const frames = [...repeat(4, [face()]), ...repeat(8, []), ...repeat(4, [face()])];
    const { events } = run(frames);
    expect(events.map(([, e]) => e)).toEqual(['arrived', 'left', 'arrived']);
  });

  it('unarmed (back on the attract screen after a session) it does not wake for the guest still there', () => {
    const { events, state } = run(repeat(12, [face()]), initialPresence(false, 0));
    expect(events).toEqual([]);
    expect(state.present).toBe(true);
    // They leave, then come back: that wakes it.
    const later = run([...repeat(8, []), ...repeat(4, [face()])], state, 3000);
    expect(later.events.map(([, e]) => e)).toEqual(['left', 'arrived']);
  });

  it('unarmed with nobody there, it arms itself after leaveMs (one missed frame is not enough)', () => {
    const first = presenceStep(initialPresence(false, 0), [], 250);
    expect(first.state.armed).toBe(false);
    const { events } = run([...repeat(8, []), ...repeat(3, [face()])], initialPresence(false, 0));
    expect(events).toEqual([[2500, 'arrived']]);
  });

  it('is pure: the input state is not changed', () => {
    const s = initialPresence();
    const frozen = JSON.stringify(s);
    presenceStep(s, [face()], 1000);
    expect(JSON.stringify(s)).toBe(frozen);
  });
});

describe('TouchOnlyPresenceDetector', () => {
  it('reports touch only and never an arrival', () => {
    const statuses: PresenceStatus[] = [];
    const events: string[] = [];
    const d = new TouchOnlyPresenceDetector('denied');
    d.start({ onStatus: (s) => statuses.push(s), onEvent: (e) => events.push(e) });
    d.stop();
    expect(statuses).toEqual([{ kind: 'touch_only', reason: 'denied' }]);
    expect(events).toEqual([]);
  });
});
