import { describe, expect, it } from 'vitest';
import { escalation, LI_NA, T0, ticket, ZHAO_LEI } from '../../../test/fixtures.js';
import { compareEntries, escalationIsMine, inboxEntries, ticketIsMine } from './inbox.js';
import { slaView } from './sla.js';

describe('SLA countdown', () => {
  it('counts down in m:ss, rounding up so 0:00 only shows once the deadline has passed', () => {
    expect(slaView(T0 + 300_000, T0)).toEqual({ state: 'ok', remainingMs: 300_000, clock: '5:00' });
    expect(slaView(T0 + 61_500, T0)).toMatchObject({ state: 'ok', clock: '1:02' });
    expect(slaView(T0 + 60_000, T0)).toMatchObject({ state: 'soon', clock: '1:00' });
    expect(slaView(T0 + 1, T0)).toMatchObject({ state: 'soon', clock: '0:01' });
  });

  it('once breached it counts the time past the deadline', () => {
    expect(slaView(T0, T0)).toMatchObject({ state: 'breached', remainingMs: 0, clock: '0:00' });
    expect(slaView(T0, T0 + 75_000)).toMatchObject({
      state: 'breached',
      remainingMs: -75_000,
      clock: '1:15',
    });
    expect(slaView(T0, T0 + 3_725_000)).toMatchObject({ clock: '1:02:05' });
  });

  it('has nothing to show without a deadline', () => {
    expect(slaView(null, T0)).toEqual({ state: 'none', remainingMs: null, clock: null });
  });
});

describe('whose inbox', () => {
  it('a pending escalation shows to my skill or when offered to me; a claimed one only to its assignee', () => {
    expect(escalationIsMine(escalation(), LI_NA, false)).toBe(true);
    expect(escalationIsMine(escalation({ skill: 'security' }), LI_NA, false)).toBe(false);
    expect(escalationIsMine(escalation({ skill: 'security' }), LI_NA, true)).toBe(true);
    const claimedBy = (id: string) => escalation({ status: 'claimed', assignee: { id, name: id } });
    expect(escalationIsMine(claimedBy('li-na'), LI_NA, false)).toBe(true);
    expect(escalationIsMine(claimedBy('wang-wei'), LI_NA, true)).toBe(false);
    expect(escalationIsMine(escalation({ status: 'resolved' }), LI_NA, true)).toBe(false);
  });

  it('level 1 reaches supervisors, level 2 everyone', () => {
    const security = { skill: 'security' as const };
    expect(escalationIsMine(escalation({ ...security, level: 1 }), ZHAO_LEI, false)).toBe(true);
    expect(escalationIsMine(escalation({ ...security, level: 1 }), LI_NA, false)).toBe(false);
    expect(escalationIsMine(escalation({ ...security, level: 2 }), LI_NA, false)).toBe(true);
  });

  it('tickets: mine when assigned to me, or unassigned with my skill; closed ones never', () => {
    const chen = { ...LI_NA, id: 'chen-jie', skills: ['maintenance'] };
    expect(ticketIsMine(ticket(), chen)).toBe(true);
    expect(ticketIsMine(ticket(), LI_NA)).toBe(false);
    expect(ticketIsMine(ticket({ assignee: null, status: 'open' }), chen)).toBe(true);
    expect(ticketIsMine(ticket({ status: 'resolved' }), chen)).toBe(false);
  });

  it('tickets sent to the supervisors (unstaffed, or re-escalated) are a supervisor’s too, not other staff’s', () => {
    const nobody = ticket({ assignee: null, status: 'open', unstaffed: true });
    expect(ticketIsMine(nobody, ZHAO_LEI)).toBe(true);
    expect(ticketIsMine(nobody, LI_NA)).toBe(false);
    expect(ticketIsMine(ticket({ unstaffed: false, escalated: false }), ZHAO_LEI)).toBe(false);
    const late = ticket({ status: 'assigned', escalated: true });
    expect(ticketIsMine(late, ZHAO_LEI)).toBe(true);
    expect(ticketIsMine(late, LI_NA)).toBe(false);
    expect(ticketIsMine({ ...nobody, status: 'resolved' }, ZHAO_LEI)).toBe(false);
  });
});

describe('most urgent first', () => {
  it('orders by priority, then SLA deadline (none last), then age', () => {
    const list = inboxEntries(
      [
        escalation({ id: 'routine-late', claimDueAt: T0 + 900_000 }),
        escalation({ id: 'routine-soon', claimDueAt: T0 + 60_000 }),
        escalation({ id: 'emergency', priority: 'emergency', claimDueAt: T0 + 900_000 }),
        escalation({ id: 'high', priority: 'high', claimDueAt: null }),
        escalation({
          id: 'claimed-mine',
          status: 'claimed',
          assignee: { id: 'li-na', name: '李娜' },
          createdAt: T0 - 1,
          claimDueAt: T0 + 1,
        }),
      ],
      [ticket({ id: 't-front', skill: 'front_desk', assignee: null, status: 'open', createdAt: T0 - 5 })],
      LI_NA,
      new Set(),
    );
    expect(list.map((e) => e.id)).toEqual([
      'emergency',
      'high',
      'routine-soon',
      'routine-late',
      // Claimed: the claim window no longer applies; then by age.
      't-front',
      'claimed-mine',
    ]);
  });

  it('is a total order (ties broken by id)', () => {
    const a = inboxEntries([escalation({ id: 'a' })], [], LI_NA, new Set())[0]!;
    const b = { ...a, id: 'b' };
    expect(compareEntries(a, b)).toBe(-1);
    expect(compareEntries(b, a)).toBe(1);
    expect(compareEntries(a, a)).toBe(0);
  });
});
