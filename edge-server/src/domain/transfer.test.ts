import { describe, expect, it } from 'vitest';
import { claimEscalation, raiseEscalation } from './escalations.js';
import { candidate, member, raiseBody, T0 } from './test-fixtures.js';
import { transferEscalation, type TransferInput } from './transfer.js';
import type { Escalation } from './types.js';

const staff = [
  candidate('fd1', { distanceM: 10 }),
  candidate('fd2', { distanceM: 40 }),
  candidate('hk1', { member: { skills: ['housekeeping'] } }),
  candidate('sup1', { member: { role: 'supervisor', skills: [] } }),
];

function claimed(by = 'fd1'): Escalation {
  const e = raiseEscalation(raiseBody(), {
    now: T0,
    site: 'hotel1',
    siteKind: 'hotel',
    rules: [],
    deviceId: 'kiosk1',
    candidates: staff,
  }).escalation;
  const c = claimEscalation(e, by, T0 + 1);
  if (!c.ok) throw new Error(c.reason);
  return c.escalation;
}

const input = (over: Partial<TransferInput> = {}): TransferInput => ({
  by: { id: 'fd1', role: 'staff' },
  to: { staffId: 'fd2' },
  note: 'needs English',
  now: T0 + 10,
  target: member('fd2'),
  candidates: staff,
  ...over,
});

describe('transferEscalation', () => {
  it('the assignee hands it to a colleague: claimed by them, the old assignee withdrawn', () => {
    const r = transferEscalation(claimed(), input());
    if (!r.ok) throw new Error(r.reason);
    expect(r.escalation).toMatchObject({ status: 'claimed', assigneeId: 'fd2', claimedAt: T0 + 10 });
    expect(r.events.map((e) => [e.kind, e.actor])).toEqual([
      ['transferred', 'staff:fd1'],
      ['offered', 'system'],
    ]);
    expect(r.events[0]?.data).toMatchObject({ from: 'fd1', withdrawnFrom: ['fd1'], note: 'needs English' });
    expect(r.events[1]?.data).toMatchObject({ staffIds: ['fd2'] });
  });

  it('to a skill: pending again, offered to the nearest with it; to a skill nobody has: unstaffed, supervisors', () => {
    const r = transferEscalation(claimed(), input({ to: { skill: 'housekeeping' }, target: null }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.escalation).toMatchObject({
      status: 'pending',
      skill: 'housekeeping',
      assigneeId: null,
      level: 0,
      offeredTo: ['hk1'],
      levelStartedAt: T0 + 10,
      unstaffed: false,
    });
    const none = transferEscalation(claimed(), input({ to: { skill: 'security' }, target: null }));
    if (!none.ok) throw new Error(none.reason);
    expect(none.escalation).toMatchObject({ level: 1, offeredTo: ['sup1'], unstaffed: true });
  });

  it('a supervisor may transfer any open escalation; other staff, closed ones, unknown targets are refused', () => {
    const e = claimed();
    expect(transferEscalation(e, input({ by: { id: 'sup1', role: 'supervisor' } })).ok).toBe(true);
    expect(transferEscalation(e, input({ by: { id: 'fd2', role: 'staff' } }))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const pending = { ...e, status: 'pending' as const, assigneeId: null };
    expect(transferEscalation(pending, input())).toMatchObject({ code: 'FORBIDDEN' });
    expect(transferEscalation({ ...e, status: 'resolved' }, input())).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(transferEscalation(e, input({ target: null }))).toMatchObject({ code: 'UNKNOWN_TARGET' });
    const foreign = member('fd2', { site: 'other' });
    expect(transferEscalation(e, input({ target: foreign }))).toMatchObject({ code: 'UNKNOWN_TARGET' });
    const disabled = member('fd2', { disabled: true });
    expect(transferEscalation(e, input({ target: disabled }))).toMatchObject({ code: 'UNKNOWN_TARGET' });
    expect(
      transferEscalation(
        e,
        input({ by: { id: 'sup1', role: 'admin' }, to: { staffId: 'fd1' }, target: member('fd1') }),
      ),
    ).toMatchObject({ code: 'INVALID_STATE' });
  });
});
