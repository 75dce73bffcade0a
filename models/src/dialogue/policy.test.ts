import { prioritySchema } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import type { Intent } from '../taxonomy.js';
import { knowledgeFromData } from './knowledge.js';
import {
  DEFAULT_POLICY,
  INITIAL_STATE,
  step,
  type DialogueState,
  type UtterancePrediction,
} from './policy.js';

const knowledge = knowledgeFromData({
  answers: {
    wifi: { zh: 'wifi 密码 welcome', en: 'wifi password welcome' },
    'hotel.facilities': { zh: '设施', en: 'facilities answer' },
    'hotel.checkout': { zh: '退房', en: 'checkout answer' },
    'hotel.late_checkout': { zh: '延迟退房', en: 'late checkout answer' },
    emergency: { zh: '已通知', en: 'staff alerted' },
    human_agent: { zh: '人工', en: 'calling staff' },
    complaint: { zh: '抱歉', en: 'sorry' },
    out_of_scope: { zh: '帮不上', en: 'cannot help' },
    thanks_bye: { zh: '再见', en: 'bye' },
  },
  places: [
    { id: 'gym', names: ['gym'], answer: { zh: '健身房五楼', en: 'gym on 5' } },
    { id: 'pool', names: ['pool'], answer: { zh: '泳池五楼', en: 'pool on 5, 7-22' } },
  ],
});

function pred(
  intent: Intent,
  probability: number,
  rest: Partial<UtterancePrediction> = {},
  second?: [Intent, number],
): UtterancePrediction {
  const topK = [{ intent, probability }, ...(second ? [{ intent: second[0], probability: second[1] }] : [])];
  return {
    lang: 'en',
    intent,
    confidence: probability,
    topK,
    sentiment: 'neutral',
    department: null,
    slots: {},
    ...rest,
  };
}

const T0 = 1_000_000;
const run = (state: DialogueState, p: UtterancePrediction, nowMs = T0) =>
  step(state, { prediction: p, knowledge, nowMs });

describe('dialogue policy: one turn', () => {
  it.each([
    ['a confident question is answered', pred('wifi', 0.95), 'answer', 'wifi password welcome'],
    ['a confident flow intent starts the flow', pred('hotel.checkout', 0.9), 'flow', 'checkout answer'],
    [
      'an emergency escalates at once, even with low confidence',
      pred('emergency', 0.3),
      'escalate',
      'staff alerted',
    ],
    ['asking for a person escalates at once', pred('human_agent', 0.7), 'escalate', 'calling staff'],
    ['a complaint escalates with high priority', pred('complaint', 0.9), 'escalate', 'sorry'],
    ['out of scope gets the out-of-scope answer', pred('out_of_scope', 0.9), 'answer', 'cannot help'],
    ['an intent without a knowledge answer escalates', pred('hotel.invoice', 0.9), 'escalate', null],
  ] as const)('%s', (_name, p, action, answer) => {
    const { decision } = run(INITIAL_STATE, p);
    expect(decision.action).toBe(action);
    if (answer !== null) expect(decision.answer).toBe(answer);
  });

  it('gives emergencies the emergency priority and no "talk to a person" detour', () => {
    const { decision } = run(INITIAL_STATE, pred('emergency', 1, { department: 'emergency' }));
    expect(decision).toMatchObject({
      priority: 'emergency',
      escalation: 'emergency',
      offerHuman: false,
      department: 'emergency',
    });
  });

  it('raises the priority and offers a person on negative sentiment', () => {
    const { decision } = run(INITIAL_STATE, pred('wifi', 0.95, { sentiment: 'negative' }));
    expect(decision).toMatchObject({ action: 'answer', priority: 'high', offerHuman: true });
    expect(run(INITIAL_STATE, pred('wifi', 0.95)).decision).toMatchObject({
      priority: 'routine',
      offerHuman: false,
    });
  });

  // Regression (issue 11): the policy said `normal` where the wire and the staff queue say `routine`.
  it('speaks the wire priorities: routine, high for complaints and anger, emergency for danger', () => {
    const cases = [
      [pred('wifi', 0.95), 'routine'],
      [pred('hotel.checkout', 0.9), 'routine'],
      [pred('human_agent', 0.7), 'routine'],
      [pred('hotel.invoice', 0.9), 'routine'],
      [pred('complaint', 0.9), 'high'],
      [pred('human_agent', 0.7, { sentiment: 'negative' }), 'high'],
      [pred('emergency', 0.3), 'emergency'],
    ] as const;
    for (const [p, priority] of cases) {
      const { decision } = run(INITIAL_STATE, p);
      expect(decision.priority, p.intent).toBe(priority);
      expect(prioritySchema.options).toContain(decision.priority);
    }
  });

  it('clarifies with the top choices when the top two are close', () => {
    const { decision, state } = run(
      INITIAL_STATE,
      pred('hotel.checkout', 0.5, {}, ['hotel.late_checkout', 0.4]),
    );
    expect(decision.action).toBe('clarify');
    expect(decision.choices).toEqual(['hotel.checkout', 'hotel.late_checkout']);
    expect(state.clarifying).toEqual(['hotel.checkout', 'hotel.late_checkout']);
  });

  it('clarifies when confidence is between the thresholds', () => {
    const p = pred('out_of_scope', 0.6, {
      topK: [
        { intent: 'wifi', probability: 0.4 },
        { intent: 'parking', probability: 0.3 },
      ],
    });
    expect(run(INITIAL_STATE, p).decision).toMatchObject({ action: 'clarify', choices: ['wifi', 'parking'] });
  });
});

describe('dialogue policy: across turns', () => {
  it('acts on the choice picked after a clarification', () => {
    const first = run(INITIAL_STATE, pred('hotel.checkout', 0.5, {}, ['hotel.late_checkout', 0.4]));
    const second = run(first.state, pred('hotel.late_checkout', 1), T0 + 5_000);
    expect(second.decision).toMatchObject({
      action: 'answer',
      intent: 'hotel.late_checkout',
      answer: 'late checkout answer',
    });
    expect(second.state.clarifying).toBeNull();
  });

  it('escalates when the clarification fails instead of asking again', () => {
    const first = run(INITIAL_STATE, pred('hotel.checkout', 0.5, {}, ['hotel.late_checkout', 0.4]));
    const second = run(first.state, pred('wifi', 0.5, {}, ['parking', 0.45]), T0 + 5_000);
    expect(second.decision).toMatchObject({ action: 'escalate', escalation: 'clarification_failed' });
  });

  it('escalates after three turns without an answer', () => {
    let state = INITIAL_STATE;
    const actions: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = run(state, pred('out_of_scope', 0.95), T0 + i * 1000);
      actions.push(r.decision.action);
      state = r.state;
    }
    expect(actions).toEqual(['answer', 'answer', 'escalate']);
    expect(state.unansweredTurns).toBe(0);
  });

  it('an answer resets the count of turns without one', () => {
    let state = run(INITIAL_STATE, pred('out_of_scope', 0.95)).state;
    state = run(state, pred('out_of_scope', 0.95)).state;
    state = run(state, pred('wifi', 0.95)).state;
    expect(state.unansweredTurns).toBe(0);
    expect(run(state, pred('out_of_scope', 0.95)).decision.action).toBe('answer');
  });

  it('keeps the topic for a follow-up that only names a place ("what about the pool?")', () => {
    const gym = run(INITIAL_STATE, pred('hotel.facilities', 0.9, { slots: { place: 'gym' } }));
    expect(gym.decision.answer).toBe('gym on 5');
    const pool = run(
      gym.state,
      pred('out_of_scope', 0.5, {
        slots: { place: 'pool' },
        topK: [{ intent: 'out_of_scope', probability: 0.5 }],
      }),
      T0 + 10_000,
    );
    expect(pool.decision).toMatchObject({
      action: 'answer',
      intent: 'hotel.facilities',
      answer: 'pool on 5, 7-22',
    });
  });

  it('forgets the topic after its time to live', () => {
    const gym = run(INITIAL_STATE, pred('hotel.facilities', 0.9, { slots: { place: 'gym' } }));
    const later = run(
      gym.state,
      pred('out_of_scope', 0.9, { slots: { place: 'pool' } }),
      T0 + DEFAULT_POLICY.topicTtlMs + 1,
    );
    expect(later.decision.intent).toBe('out_of_scope');
  });

  it('starts a new conversation after the session timeout', () => {
    const first = run(INITIAL_STATE, pred('hotel.checkout', 0.5, {}, ['hotel.late_checkout', 0.4]));
    const later = run(first.state, pred('wifi', 0.95), T0 + DEFAULT_POLICY.sessionTimeoutMs + 1);
    expect(later.decision.action).toBe('answer');
    expect(later.state.turns).toBe(1);
  });

  it('an emergency during a clarification still escalates as an emergency', () => {
    const first = run(INITIAL_STATE, pred('hotel.checkout', 0.5, {}, ['hotel.late_checkout', 0.4]));
    expect(run(first.state, pred('emergency', 1)).decision).toMatchObject({
      action: 'escalate',
      priority: 'emergency',
    });
  });

  it('treats an unsure sentence with a fault code as a fault report', () => {
    const p = pred('out_of_scope', 0.55, { slots: { faultCode: 'E4', room: '1203' } });
    expect(run(INITIAL_STATE, p).decision).toMatchObject({
      action: 'flow',
      flow: 'fault_report',
      intent: 'fault_report',
    });
    expect(run(INITIAL_STATE, pred('out_of_scope', 0.55)).decision.intent).toBe('out_of_scope');
  });

  it('answers in the language of the utterance', () => {
    expect(run(INITIAL_STATE, pred('wifi', 0.95, { lang: 'zh' })).decision.answer).toBe('wifi 密码 welcome');
  });
});
