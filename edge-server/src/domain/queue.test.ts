import { guestEscalationView, staffEscalationView } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { claimEscalation, raiseEscalation } from './escalations.js';
import { DEFAULT_ESCALATION_POLICIES } from './policy.js';
import { queuePositions, toGuestView, toStaffView } from './queue.js';
import { candidate, raiseBody, T0 } from './test-fixtures.js';
import type { Escalation } from './types.js';

function esc(id: string, over: Partial<Escalation> = {}): Escalation {
  const { escalation } = raiseEscalation(raiseBody({ escalationId: id }), {
    now: T0,
    site: 'hotel1',
    siteKind: 'hotel',
    rules: [],
    deviceId: 'kiosk1',
    candidates: [candidate('fd1')],
  });
  return { ...escalation, ...over };
}

describe('queuePositions', () => {
  it('orders pending escalations per skill: emergency first, then oldest, then id', () => {
    const list = [
      esc('r-old', { createdAt: T0 }),
      esc('r-new', { createdAt: T0 + 10 }),
      esc('h', { priority: 'high', createdAt: T0 + 20 }),
      esc('em', { priority: 'emergency', createdAt: T0 + 30 }),
      esc('r-tie-b', { createdAt: T0 + 10 }),
      esc('hk', { skill: 'housekeeping', createdAt: T0 + 99 }),
      esc('claimed', { status: 'claimed', priority: 'emergency' }),
      esc('done', { status: 'resolved' }),
      esc('other-site', { site: 'hosp1', createdAt: T0 + 1 }),
    ];
    expect(Object.fromEntries(queuePositions(list))).toEqual({
      em: 1,
      h: 2,
      'r-old': 3,
      'r-new': 4,
      'r-tie-b': 5,
      hk: 1,
      'other-site': 1,
    });
  });

  it('is empty for no pending escalations', () => {
    expect(queuePositions([]).size).toBe(0);
  });
});

describe('views', () => {
  it('the guest view matches the protocol schema and hides the position once claimed', () => {
    const e = esc('e1');
    const view = toGuestView(e, 3, null);
    expect(guestEscalationView.parse(view)).toEqual(view);
    expect(view).toEqual({
      id: 'e1',
      status: 'pending',
      priority: 'routine',
      position: 3,
      assignee: null,
      createdAt: T0,
    });
    const claimed = claimEscalation(e, 'fd1', T0 + 1);
    if (!claimed.ok) throw new Error(claimed.reason);
    expect(toGuestView(claimed.escalation, 3, 'Li Na')).toMatchObject({
      position: null,
      assignee: { id: 'fd1', name: 'Li Na' },
    });
  });

  it('the staff view carries the context and the claim deadline', () => {
    const e = esc('e1', { transcript: [{ role: 'guest', text: 'help', at: T0 }], intents: ['wifi'] });
    const view = toStaffView(e, 1, null, DEFAULT_ESCALATION_POLICIES.routine);
    expect(staffEscalationView.parse(view)).toEqual(view);
    expect(view).toMatchObject({
      skill: 'front_desk',
      level: 0,
      claimDueAt: T0 + 300_000,
      intents: ['wifi'],
    });
    expect(
      toStaffView({ ...e, level: 2 }, 1, null, DEFAULT_ESCALATION_POLICIES.routine).claimDueAt,
    ).toBeNull();
    expect(toStaffView(e, 1, null, null).claimDueAt).toBeNull();
  });
});
