import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ESCALATION_POLICIES,
  higherPriority,
  policyFor,
  priorityFor,
  type PriorityInput,
} from './policy.js';

describe('DEFAULT_ESCALATION_POLICIES', () => {
  it('claims within 15 s / 2 min / 5 min and reassures after 30 s', () => {
    expect(DEFAULT_ESCALATION_POLICIES.emergency.claimWithinMs).toBe(15_000);
    expect(DEFAULT_ESCALATION_POLICIES.high.claimWithinMs).toBe(120_000);
    expect(DEFAULT_ESCALATION_POLICIES.routine.claimWithinMs).toBe(300_000);
    for (const p of Object.values(DEFAULT_ESCALATION_POLICIES)) expect(p.reassureAfterMs).toBe(30_000);
    for (const [k, p] of Object.entries(DEFAULT_ESCALATION_POLICIES)) expect(p.priority).toBe(k);
  });

  it('policyFor falls back to the default for a priority a site did not override', () => {
    const custom = { priority: 'high' as const, claimWithinMs: 1, reassureAfterMs: 2 };
    expect(policyFor('high', { high: custom })).toBe(custom);
    expect(policyFor('routine', { high: custom })).toBe(DEFAULT_ESCALATION_POLICIES.routine);
  });
});

describe('priorityFor', () => {
  const cases: [string, PriorityInput, string][] = [
    ['emergency trigger', { trigger: 'emergency' }, 'emergency'],
    ['emergency intent', { trigger: 'asked_for_person', intent: 'emergency' }, 'emergency'],
    [
      'emergency beats VIP and anger',
      { trigger: 'emergency', vip: true, sentiment: 'negative' },
      'emergency',
    ],
    ['complaint intent', { trigger: 'asked_for_person', intent: 'complaint' }, 'high'],
    ['negative sentiment', { trigger: 'asked_for_person', sentiment: 'negative' }, 'high'],
    ['negative sentiment trigger', { trigger: 'negative_sentiment' }, 'high'],
    ['VIP', { trigger: 'no_answer', vip: true }, 'high'],
    ['plain request', { trigger: 'asked_for_person', intent: 'wifi', sentiment: 'neutral' }, 'routine'],
    ['flow failure', { trigger: 'flow_failure', sentiment: 'positive', vip: false }, 'routine'],
    ['no answer with null fields', { trigger: 'no_answer', intent: null, sentiment: null }, 'routine'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(priorityFor(input)).toBe(expected);
  });

  it('higherPriority picks the more urgent', () => {
    expect(higherPriority('routine', 'high')).toBe('high');
    expect(higherPriority('emergency', 'high')).toBe('emergency');
    expect(higherPriority('routine', 'routine')).toBe('routine');
  });
});
