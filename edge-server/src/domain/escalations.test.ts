import { describe, expect, it } from 'vitest';
import {
  cancelEscalation,
  claimEscalation,
  nextDeadline,
  raiseEscalation,
  releaseEscalation,
  resolveEscalation,
  tickEscalation,
  type EscalationDecision,
  type EscalationResult,
  type RaiseContext,
} from './escalations.js';
import { DEFAULT_ESCALATION_POLICIES } from './policy.js';
import type { Candidate } from './routing.js';
import { candidate, raiseBody, T0 } from './test-fixtures.js';
import type { Escalation } from './types.js';

const staff = [
  candidate('fd1', { distanceM: 10 }),
  candidate('fd2', { distanceM: 40 }),
  candidate('sec1', { member: { skills: ['security'] }, distanceM: 5 }),
  candidate('sup1', { member: { role: 'supervisor', skills: [] } }),
];

function ctx(over: Partial<RaiseContext> = {}): RaiseContext {
  return {
    now: T0,
    site: 'hotel1',
    siteKind: 'hotel',
    rules: [],
    deviceId: 'kiosk1',
    candidates: staff,
    ...over,
  };
}

function ok(r: EscalationResult): EscalationDecision {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.reason}`);
  return r;
}

function raised(over: Parameters<typeof raiseBody>[0] = {}, c: Partial<RaiseContext> = {}): Escalation {
  return raiseEscalation(raiseBody(over), ctx(c)).escalation;
}

const routine = DEFAULT_ESCALATION_POLICIES.routine;
const emergency = DEFAULT_ESCALATION_POLICIES.emergency;

describe('raiseEscalation', () => {
  it('creates a pending escalation offered to the nearest skilled member, with raised + offered events', () => {
    const r = raiseEscalation(raiseBody({ place: 'desk', intent: 'wifi' }), ctx());
    expect(r.escalation).toMatchObject({
      id: 'esc1',
      site: 'hotel1',
      deviceId: 'kiosk1',
      status: 'pending',
      priority: 'routine',
      skill: 'front_desk',
      level: 0,
      offeredTo: ['fd1'],
      assigneeId: null,
      place: 'desk',
      intent: 'wifi',
      department: null,
      createdAt: T0,
      levelStartedAt: T0,
      reassuredAt: null,
    });
    expect(r.events.map((e) => [e.kind, e.actor, e.at])).toEqual([
      ['raised', 'device:kiosk1', T0],
      ['offered', 'system', T0],
    ]);
    expect(r.events[1]?.data).toEqual({ level: 0, staffIds: ['fd1'] });
  });

  it('routes an emergency in a hotel to security at emergency priority', () => {
    const e = raised({ trigger: 'emergency' });
    expect([e.priority, e.skill, e.offeredTo]).toEqual(['emergency', 'security', ['sec1']]);
  });

  it('takes the kiosk place when the guest names none', () => {
    expect(raised({}, { devicePlace: 'lobby' }).place).toBe('lobby');
    expect(raised({ place: '1203' }, { devicePlace: 'lobby' }).place).toBe('1203');
    expect(raised().place).toBeNull();
  });

  it('goes straight to level 1 when nobody has the skill', () => {
    const e = raised({ intent: 'hotel.housekeeping' });
    expect([e.skill, e.level, e.offeredTo]).toEqual(['housekeeping', 1, ['sup1']]);
  });

  it('a routing rule picks the skill and may raise, never lower, the priority', () => {
    const rules = [
      { when: { intent: 'hotel.luggage' as const }, skill: 'security' as const, priority: 'high' as const },
    ];
    expect(raised({ intent: 'hotel.luggage' }, { rules })).toMatchObject({
      skill: 'security',
      priority: 'high',
    });
    const lower = [
      { when: { trigger: 'emergency' }, skill: 'front_desk' as const, priority: 'routine' as const },
    ];
    expect(raised({ trigger: 'emergency' }, { rules: lower })).toMatchObject({
      skill: 'front_desk',
      priority: 'emergency',
    });
  });
});

describe('claim / release / resolve / cancel', () => {
  it('claim: pending → claimed, offers withdrawn', () => {
    const r = ok(claimEscalation(raised(), 'fd1', T0 + 5));
    expect(r.escalation).toMatchObject({
      status: 'claimed',
      assigneeId: 'fd1',
      claimedAt: T0 + 5,
      offeredTo: [],
    });
    expect(r.events).toEqual([
      {
        escalationId: 'esc1',
        kind: 'claimed',
        at: T0 + 5,
        actor: 'staff:fd1',
        data: { level: 0, withdrawnFrom: ['fd1'] },
      },
    ]);
  });

  it('a second claim by someone else is a CONFLICT; the same member again changes nothing', () => {
    const claimed = ok(claimEscalation(raised(), 'fd1', T0 + 5)).escalation;
    expect(claimEscalation(claimed, 'fd2', T0 + 6)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(claimEscalation(claimed, 'fd1', T0 + 6)).toEqual({ ok: true, escalation: claimed, events: [] });
  });

  it('anyone may claim, not only those it was offered to (a supervisor grabbing it)', () => {
    expect(ok(claimEscalation(raised(), 'sup1', T0 + 1)).escalation.assigneeId).toBe('sup1');
  });

  it('closed escalations cannot be claimed, released, resolved or cancelled', () => {
    const resolved = ok(
      resolveEscalation(ok(claimEscalation(raised(), 'fd1', T0)).escalation, 'fd1', 'done', T0 + 1),
    ).escalation;
    const cancelled = ok(cancelEscalation(raised(), { kind: 'device', id: 'kiosk1' }, T0)).escalation;
    for (const e of [resolved, cancelled]) {
      expect(claimEscalation(e, 'fd1', T0 + 2)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
      expect(releaseEscalation(e, 'fd1', T0 + 2, staff)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
      expect(resolveEscalation(e, 'sup1', '', T0 + 2, 'supervisor')).toMatchObject({
        ok: false,
        code: 'INVALID_STATE',
      });
      expect(cancelEscalation(e, { kind: 'device', id: 'kiosk1' }, T0 + 2)).toMatchObject({
        ok: false,
        code: 'INVALID_STATE',
      });
    }
  });

  it('release: only the assignee; back to pending, re-offered to someone else at the same level, timer restarted', () => {
    const claimed = ok(claimEscalation(raised(), 'fd1', T0 + 5)).escalation;
    expect(releaseEscalation(claimed, 'fd2', T0 + 9, staff)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const r = ok(releaseEscalation(claimed, 'fd1', T0 + 10, staff));
    expect(r.escalation).toMatchObject({
      status: 'pending',
      assigneeId: null,
      claimedAt: null,
      level: 0,
      levelStartedAt: T0 + 10,
      offeredTo: ['fd2'],
    });
    expect(r.events.map((e) => e.kind)).toEqual(['released', 'offered']);
    expect(releaseEscalation(raised(), 'fd1', T0, staff)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });

  it('release offers back to the releaser when nobody else has the skill', () => {
    const only = [candidate('fd1')];
    const claimed = ok(claimEscalation(raised({}, { candidates: only }), 'fd1', T0)).escalation;
    expect(ok(releaseEscalation(claimed, 'fd1', T0 + 1, only)).escalation.offeredTo).toEqual(['fd1']);
  });

  it('resolve: the assignee, or a supervisor/admin even unclaimed; other staff are FORBIDDEN', () => {
    const claimed = ok(claimEscalation(raised(), 'fd1', T0)).escalation;
    expect(resolveEscalation(claimed, 'fd2', 'x', T0 + 1)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const r = ok(resolveEscalation(claimed, 'fd1', 'gave the wifi code', T0 + 2));
    expect(r.escalation).toMatchObject({
      status: 'resolved',
      closedAt: T0 + 2,
      resolutionNote: 'gave the wifi code',
    });
    expect(r.events[0]).toMatchObject({
      kind: 'resolved',
      actor: 'staff:fd1',
      data: { note: 'gave the wifi code' },
    });
    expect(ok(resolveEscalation(claimed, 'sup1', 'took over', T0 + 3, 'supervisor')).escalation.status).toBe(
      'resolved',
    );
    expect(ok(resolveEscalation(raised(), 'adm', 'duplicate', T0 + 3, 'admin')).escalation.status).toBe(
      'resolved',
    );
    expect(resolveEscalation(raised(), 'fd1', 'x', T0 + 3)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('cancel: by the guest device while pending; not by another device, staff, or once claimed', () => {
    const r = ok(cancelEscalation(raised(), { kind: 'device', id: 'kiosk1' }, T0 + 3, 'solved it myself'));
    expect(r.escalation).toMatchObject({ status: 'cancelled', closedAt: T0 + 3, offeredTo: [] });
    expect(r.events[0]).toMatchObject({
      kind: 'cancelled',
      actor: 'device:kiosk1',
      data: { reason: 'solved it myself' },
    });
    expect(cancelEscalation(raised(), { kind: 'device', id: 'kiosk2' }, T0)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(cancelEscalation(raised(), { kind: 'staff', id: 'sup1', role: 'admin' }, T0)).toMatchObject({
      code: 'FORBIDDEN',
    });
    const claimed = ok(claimEscalation(raised(), 'fd1', T0)).escalation;
    expect(cancelEscalation(claimed, { kind: 'device', id: 'kiosk1' }, T0)).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(ok(cancelEscalation(raised(), { kind: 'system' }, T0)).events[0]?.actor).toBe('system');
  });

  it('does not mutate its input', () => {
    const e = raised();
    const copy = structuredClone(e);
    claimEscalation(e, 'fd1', T0 + 1);
    cancelEscalation(e, { kind: 'device', id: 'kiosk1' }, T0 + 1);
    tickEscalation(e, routine, T0 + 10 * 60_000, staff);
    expect(e).toEqual(copy);
  });
});

describe('tickEscalation and nextDeadline (fake time)', () => {
  it('nothing happens before the first deadline', () => {
    const e = raised();
    expect(tickEscalation(e, routine, T0 + 29_999, staff)).toEqual({ ok: true, escalation: e, events: [] });
    expect(nextDeadline(e, routine)).toBe(T0 + 30_000);
  });

  it('reassures once at 30 s while unclaimed, idempotently', () => {
    const first = tickEscalation(raised(), routine, T0 + 30_000, staff);
    expect(first.events).toEqual([
      {
        escalationId: 'esc1',
        kind: 'reassured',
        at: T0 + 30_000,
        actor: 'system',
        data: { waitedMs: 30_000 },
      },
    ]);
    expect(first.escalation.reassuredAt).toBe(T0 + 30_000);
    expect(tickEscalation(first.escalation, routine, T0 + 30_000, staff).events).toEqual([]);
    expect(tickEscalation(first.escalation, routine, T0 + 60_000, staff).events).toEqual([]);
    expect(nextDeadline(first.escalation, routine)).toBe(T0 + 300_000);
  });

  it('an unclaimed emergency re-escalates to a supervisor after 15 s, then to everyone after 15 s more', () => {
    const e = raised({ trigger: 'emergency' });
    expect(nextDeadline(e, emergency)).toBe(T0 + 15_000);
    expect(tickEscalation(e, emergency, T0 + 14_999, staff).events).toEqual([]);
    const l1 = tickEscalation(e, emergency, T0 + 15_000, staff);
    expect(l1.escalation).toMatchObject({
      level: 1,
      levelStartedAt: T0 + 15_000,
      offeredTo: ['sup1'],
      status: 'pending',
    });
    expect(l1.events.map((x) => [x.kind, x.data])).toEqual([
      ['re_escalated', { from: 0, to: 1, waitedMs: 15_000 }],
      ['offered', { level: 1, staffIds: ['sup1'] }],
    ]);
    // Ticking again at the same instant does nothing.
    expect(tickEscalation(l1.escalation, emergency, T0 + 15_000, staff).events).toEqual([]);
    // At 30 s both timers fire: reassurance first, then the last level.
    expect(nextDeadline(l1.escalation, emergency)).toBe(T0 + 30_000);
    const l2 = tickEscalation(l1.escalation, emergency, T0 + 30_000, staff);
    expect(l2.events.map((x) => x.kind)).toEqual(['reassured', 're_escalated', 'offered']);
    expect(l2.escalation.level).toBe(2);
    expect(l2.escalation.offeredTo).toEqual(['fd1', 'fd2', 'sec1', 'sup1']);
    // Last level, reassured: nothing more by the clock.
    expect(nextDeadline(l2.escalation, emergency)).toBeNull();
    expect(tickEscalation(l2.escalation, emergency, T0 + 10 * 60_000, staff).events).toEqual([]);
  });

  it('a late tick moves one level and gives the new level its whole window', () => {
    const e = raised();
    const late = tickEscalation(e, routine, T0 + 60 * 60_000, staff);
    expect(late.escalation.level).toBe(1);
    expect(late.escalation.levelStartedAt).toBe(T0 + 60 * 60_000);
    expect(nextDeadline(late.escalation, routine)).toBe(T0 + 65 * 60_000);
  });

  it('at the last level it is offered to whoever comes on duty, once', () => {
    const nobody: Candidate[] = [];
    const e = raised({}, { candidates: nobody });
    expect([e.level, e.offeredTo]).toEqual([2, []]);
    expect(nextDeadline(e, routine)).toBe(T0 + 30_000);
    const arrived = [candidate('late1', { member: { skills: ['housekeeping'] } })];
    const t = tickEscalation(e, routine, T0 + 1_000, arrived);
    expect(t.events).toEqual([
      {
        escalationId: 'esc1',
        kind: 'offered',
        at: T0 + 1_000,
        actor: 'system',
        data: { level: 2, staffIds: ['late1'] },
      },
    ]);
    expect(t.escalation.offeredTo).toEqual(['late1']);
    expect(tickEscalation(t.escalation, routine, T0 + 2_000, arrived).events).toEqual([]);
    const more = [...arrived, candidate('late2')];
    expect(tickEscalation(t.escalation, routine, T0 + 3_000, more).escalation.offeredTo).toEqual([
      'late1',
      'late2',
    ]);
  });

  it('regression: a member who releases at the last level is not offered it again by the next tick', () => {
    const cands = [candidate('a'), candidate('b')];
    const atLast = { ...raised({}, { candidates: cands }), level: 2, offeredTo: ['a', 'b'] };
    const claimed = ok(claimEscalation(atLast, 'a', T0 + 1)).escalation;
    const released = ok(releaseEscalation(claimed, 'a', T0 + 2, cands));
    expect(released.events[1]?.data).toEqual({ level: 2, staffIds: ['b'] });
    expect(released.escalation.offeredTo).toEqual(['b', 'a']);
    expect(tickEscalation(released.escalation, routine, T0 + 3, cands).events).toEqual([]);
  });

  it('a zero claim window still climbs one level per instant', () => {
    const zero = { ...routine, claimWithinMs: 0 };
    const e = raised();
    expect(tickEscalation(e, zero, T0, staff).events).toEqual([]);
    const t = tickEscalation(e, zero, T0 + 1, staff);
    expect(t.escalation.level).toBe(1);
    expect(tickEscalation(t.escalation, zero, T0 + 1, staff).events).toEqual([]);
  });

  it('claimed, resolved and cancelled escalations have no timers', () => {
    const claimed = ok(claimEscalation(raised(), 'fd1', T0)).escalation;
    expect(nextDeadline(claimed, routine)).toBeNull();
    expect(tickEscalation(claimed, routine, T0 + 60 * 60_000, staff).events).toEqual([]);
    const cancelled = ok(cancelEscalation(raised(), { kind: 'device', id: 'kiosk1' }, T0)).escalation;
    expect(nextDeadline(cancelled, routine)).toBeNull();
  });

  it('a release restarts the level timer but not the reassurance', () => {
    const claimed = ok(claimEscalation(raised(), 'fd1', T0 + 10_000)).escalation;
    const released = ok(releaseEscalation(claimed, 'fd1', T0 + 20_000, staff)).escalation;
    expect(nextDeadline(released, routine)).toBe(T0 + 30_000);
    const t = tickEscalation(released, routine, T0 + 30_000, staff);
    expect(t.events.map((x) => x.kind)).toEqual(['reassured']);
    expect(nextDeadline(t.escalation, routine)).toBe(T0 + 20_000 + 300_000);
  });

  it('a claim before the deadline stops the clock', () => {
    const claimed = ok(claimEscalation(raised({ trigger: 'emergency' }), 'sec1', T0 + 14_000)).escalation;
    expect(tickEscalation(claimed, emergency, T0 + 16_000, staff).events).toEqual([]);
  });
});
