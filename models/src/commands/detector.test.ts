import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMAND_LABELS, commandAction, type CommandId } from './commands.js';
import { INITIAL_DETECTOR_STATE, detectStep, type Detection, type DetectorConfig } from './detector.js';

const config: DetectorConfig = {
  thresholds: {
    ...(Object.fromEntries(COMMAND_IDS.map((c) => [c, 0.7])) as Record<CommandId, number>),
    help: 0.9,
  },
  minSteps: 2,
  refractoryMs: 1000,
};

function probs(command: CommandId | 'none', p: number): Float32Array {
  const out = new Float32Array(COMMAND_LABELS.length).fill((1 - p) / (COMMAND_LABELS.length - 1));
  out[COMMAND_LABELS.indexOf(command)] = p;
  return out;
}

function run(steps: Float32Array[], c = config): Detection[] {
  let state = INITIAL_DETECTOR_STATE;
  const found: Detection[] = [];
  steps.forEach((s, i) => {
    const r = detectStep(state, s, (i + 1) * 80, c);
    state = r.state;
    if (r.detection) found.push(r.detection);
  });
  return found;
}

describe('command detector', () => {
  it('fires once a command stays above its threshold for minSteps steps', () => {
    const found = run([probs('none', 0.9), probs('talk_to_person', 0.8), probs('talk_to_person', 0.85)]);
    expect(found).toEqual([{ command: 'talk_to_person', probability: expect.closeTo(0.85, 5), atMs: 240 }]);
  });

  it('does not fire on a single step above threshold', () => {
    expect(run([probs('check_in', 0.95), probs('none', 0.9), probs('check_in', 0.95)])).toEqual([]);
  });

  it('uses each command its own threshold', () => {
    expect(run([probs('help', 0.85), probs('help', 0.85)])).toEqual([]);
    expect(run([probs('help', 0.95), probs('help', 0.95)]).map((d) => d.command)).toEqual(['help']);
  });

  it('a run of one command broken by another does not count', () => {
    expect(run([probs('check_in', 0.9), probs('check_out', 0.9), probs('check_in', 0.9)])).toEqual([]);
  });

  it('stays quiet for the refractory period after a detection', () => {
    const same = Array.from({ length: 20 }, () => probs('check_out', 0.9)); // 1.6 s above threshold
    const found = run(same);
    // fires at 160 ms, then not before 160 + 1000 ms; the next run of 2 completes at 1200 ms
    expect(found.map((d) => d.atMs)).toEqual([160, 1200]);
  });

  it('maps commands to the dialogue: wake, or the phrase said in the guest language', () => {
    expect(commandAction('wake', 'zh')).toEqual({ kind: 'wake' });
    expect(commandAction('talk_to_person', 'zh')).toEqual({ kind: 'ask', text: '转人工' });
    expect(commandAction('check_in', 'en')).toEqual({ kind: 'ask', text: 'check in', flow: 'checkin' });
    expect(commandAction('report_problem', 'zh')).toMatchObject({ flow: 'fault_report' });
  });
});
