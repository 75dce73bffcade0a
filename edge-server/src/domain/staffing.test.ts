import { describe, expect, it } from 'vitest';
import { raiseEscalation, tickEscalation } from './escalations.js';
import { DEFAULT_ESCALATION_POLICIES } from './policy.js';
import { assignToSkilled, isStaffed, offerToSkilled, seniorsFirst, supervisorsOf } from './staffing.js';
import { candidate, member, raiseBody, T0 } from './test-fixtures.js';
import { createTicket } from './tickets.js';

const sup = candidate('sup1', { member: { role: 'supervisor', skills: [] } });
const offDutyDesk = candidate('fd1', { onDuty: false, distanceM: 5 });
const routine = DEFAULT_ESCALATION_POLICIES.routine;

function raise(candidates = [sup, offDutyDesk]) {
  return raiseEscalation(raiseBody(), {
    now: T0,
    site: 'hotel1',
    siteKind: 'hotel',
    rules: [],
    deviceId: 'kiosk1',
    candidates,
  }).escalation;
}

describe('nobody on duty with the skill', () => {
  it('an escalation goes to the supervisors at once, flagged unstaffed', () => {
    const e = raise();
    expect([e.level, e.offeredTo, e.unstaffed]).toEqual([1, ['sup1'], true]);
    expect(raise([sup, candidate('fd2')]).unstaffed).toBe(false);
  });

  it('is offered to someone with the skill who comes on duty, and is no longer unstaffed', () => {
    const e = raise();
    // Still nobody: nothing happens, before any deadline.
    expect(tickEscalation(e, routine, T0 + 1_000, [sup, offDutyDesk]).events).toEqual([]);
    const back = candidate('fd1', { distanceM: 5 });
    const t = tickEscalation(e, routine, T0 + 1_000, [sup, back]);
    expect(t.escalation.offeredTo).toEqual(['sup1', 'fd1']);
    expect(t.escalation.unstaffed).toBe(false);
    expect(t.escalation.level).toBe(1);
    expect(t.events.map((ev) => [ev.kind, ev.data.staffIds])).toEqual([['offered', ['fd1']]]);
    expect(tickEscalation(t.escalation, routine, T0 + 2_000, [sup, back]).events).toEqual([]);
  });

  it('only pending unstaffed escalations are offered on', () => {
    const e = raise();
    const back = [candidate('fd1')];
    expect(offerToSkilled({ ...e, status: 'claimed' }, back, T0).events).toEqual([]);
    expect(offerToSkilled({ ...e, unstaffed: false }, back, T0).events).toEqual([]);
    expect(offerToSkilled({ ...e, unstaffed: undefined }, back, T0).events).toEqual([]);
  });

  it('a ticket stays open, flagged unstaffed, and is assigned to the first with the skill on duty', () => {
    const { ticket } = createTicket(
      { ticketId: 't1', category: 'plumbing', description: 'Leak', photoIds: [], lang: 'en' },
      { now: T0, site: 'hotel1', siteKind: 'hotel', rules: [], deviceId: 'kiosk1', candidates: [sup] },
    );
    expect([ticket.status, ticket.assigneeId, ticket.unstaffed]).toEqual(['open', null, true]);
    expect(assignToSkilled(ticket, [sup], T0 + 1)).toBeNull();
    const maint = candidate('m1', { member: { skills: ['maintenance'] } });
    const d = assignToSkilled(ticket, [sup, maint], T0 + 1);
    expect(d?.ticket).toMatchObject({ status: 'assigned', assigneeId: 'm1', unstaffed: false });
    expect(d?.event).toMatchObject({ from: 'open', to: 'assigned', actor: 'system' });
    expect(assignToSkilled({ ...ticket, status: 'assigned' }, [maint], T0)).toBeNull();
  });

  it('isStaffed and supervisorsOf look at the site only', () => {
    const other = candidate('x', { member: { site: 'other' } });
    expect(isStaffed('hotel1', 'front_desk', [other, offDutyDesk])).toBe(false);
    expect(
      supervisorsOf('hotel1', [
        member('a', { role: 'admin' }),
        member('s', { role: 'supervisor', site: 'other' }),
        member('d', { role: 'supervisor', disabled: true }),
        member('b'),
      ]),
    ).toEqual(['a']);
  });
});

describe('VIP guests and senior staff', () => {
  const near = candidate('fd-near', { distanceM: 5 });
  const senior = candidate('fd-senior', { member: { senior: true }, distanceM: 50 });
  const raiseVip = (preferSenior: boolean, vip = true, candidates = [sup, near, senior]) =>
    raiseEscalation(raiseBody({ vip }), {
      now: T0,
      site: 'hotel1',
      siteKind: 'hotel',
      rules: [],
      deviceId: 'kiosk1',
      candidates,
      preferSenior,
    }).escalation;

  it('a VIP guest goes to the senior member first where the site says so, at high priority', () => {
    expect(raiseVip(true)).toMatchObject({ offeredTo: ['fd-senior'], priority: 'high', vip: true });
    expect(raiseVip(false).offeredTo).toEqual(['fd-near']);
    expect(raiseVip(true, false)).toMatchObject({ offeredTo: ['fd-near'], priority: 'routine' });
  });

  it('no senior available: the nearest as usual; supervisors stay for the levels above', () => {
    const away = candidate('fd-senior', { member: { senior: true }, onDuty: false });
    expect(raiseVip(true, true, [sup, near, away]).offeredTo).toEqual(['fd-near']);
    expect(seniorsFirst('hotel1', 'front_desk', [sup, near, senior]).map((c) => c.member.id)).toEqual([
      'sup1',
      'fd-senior',
    ]);
  });
});
