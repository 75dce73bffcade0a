import { ticketView } from '@frontdesk/protocol';
import type { TicketStatus } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import type { Actor } from './result.js';
import { candidate, member, T0 } from './test-fixtures.js';
import {
  assignTicket,
  checkTicketPhotos,
  createTicket,
  toBoardTicketView,
  toTicketView,
  transitionTicket,
  type TicketContext,
  type TicketCreateBody,
} from './tickets.js';
import type { Ticket } from './types.js';

const body: TicketCreateBody = {
  ticketId: 't1',
  category: 'plumbing',
  room: '1203',
  description: 'The shower drips',
  faultCode: 'E4',
  photoIds: ['ph1'],
  lang: 'zh',
};

const maint = [
  candidate('m-far', { member: { skills: ['maintenance'] }, distanceM: 80 }),
  candidate('m-near', { member: { skills: ['maintenance'] }, distanceM: 20 }),
  candidate('fd', { distanceM: 1 }),
];

function ctx(over: Partial<TicketContext> = {}): TicketContext {
  return {
    now: T0,
    site: 'hotel1',
    siteKind: 'hotel',
    rules: [],
    deviceId: 'kiosk1',
    candidates: maint,
    ...over,
  };
}

const device: Actor = { kind: 'device', id: 'kiosk1' };
const staff = (id: string): Actor => ({ kind: 'staff', id, role: 'staff' });
const supervisor: Actor = { kind: 'staff', id: 'sup', role: 'supervisor' };

function ticket(status: TicketStatus, assigneeId: string | null = null): Ticket {
  return { ...createTicket(body, ctx({ candidates: [] })).ticket, status, assigneeId };
}

describe('createTicket', () => {
  it('routes by category to maintenance and assigns the nearest member', () => {
    const r = createTicket(body, ctx({ devicePlace: 'lobby' }));
    expect(r.ticket).toMatchObject({
      id: 't1',
      status: 'assigned',
      skill: 'maintenance',
      assigneeId: 'm-near',
      place: 'lobby',
      room: '1203',
      conversationId: null,
      ocrText: null,
      faultCode: 'E4',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(r.event).toEqual({
      ticketId: 't1',
      from: null,
      to: 'assigned',
      at: T0,
      actor: 'device:kiosk1',
      note: null,
    });
  });

  it('stays open when nobody with the skill is available', () => {
    const r = createTicket(body, ctx({ candidates: [candidate('fd')] }));
    expect([r.ticket.status, r.ticket.assigneeId, r.event.to]).toEqual(['open', null, 'open']);
  });

  it('a KB rule on the category wins over the default', () => {
    const r = createTicket(
      { ...body, category: 'network' },
      ctx({ rules: [{ when: { category: 'network' }, skill: 'front_desk' }] }),
    );
    expect([r.ticket.skill, r.ticket.assigneeId]).toEqual(['front_desk', 'fd']);
  });

  it('the view matches the protocol schema', () => {
    const view = toTicketView(createTicket(body, ctx()).ticket, 'Wang Wei');
    expect(ticketView.parse(view)).toEqual(view);
    expect(view.assignee).toEqual({ id: 'm-near', name: 'Wang Wei' });
  });
});

describe('transitionTicket', () => {
  const allowed: [TicketStatus, TicketStatus][] = [
    ['open', 'assigned'],
    ['open', 'in_progress'],
    ['open', 'cancelled'],
    ['assigned', 'in_progress'],
    ['assigned', 'open'],
    ['assigned', 'cancelled'],
    ['assigned', 'resolved'],
    ['in_progress', 'resolved'],
    ['in_progress', 'cancelled'],
    ['in_progress', 'assigned'],
  ];
  it.each(allowed)('%s → %s is allowed (supervisor)', (from, to) => {
    const r = transitionTicket(
      ticket(from, from === 'open' ? null : 'm1'),
      to,
      supervisor,
      'n',
      T0 + 5,
      'm1',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ticket).toMatchObject({ status: to, updatedAt: T0 + 5, note: 'n' });
    expect(r.event).toEqual({ ticketId: 't1', from, to, at: T0 + 5, actor: 'staff:sup', note: 'n' });
  });

  const refused: [TicketStatus, TicketStatus][] = [
    ['open', 'resolved'],
    ['open', 'open'],
    ['assigned', 'assigned'],
    ['in_progress', 'open'],
    ['in_progress', 'in_progress'],
    ['resolved', 'open'],
    ['resolved', 'cancelled'],
    ['cancelled', 'open'],
    ['cancelled', 'resolved'],
  ];
  it.each(refused)('%s → %s is INVALID_STATE', (from, to) => {
    expect(transitionTicket(ticket(from, 'm1'), to, { kind: 'system' }, null, T0, 'm1')).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
  });

  it('assigning takes the acting member by default; unassigning clears it', () => {
    const a = transitionTicket(ticket('open'), 'assigned', staff('m1'), null, T0);
    expect(a.ok && a.ticket.assigneeId).toBe('m1');
    const back = transitionTicket(ticket('assigned', 'm1'), 'open', staff('m1'), null, T0);
    expect(back.ok && back.ticket.assigneeId).toBeNull();
    expect(transitionTicket(ticket('open'), 'assigned', { kind: 'system' }, null, T0)).toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('starting work on an open ticket takes it; the note is kept when none is given', () => {
    const r = transitionTicket({ ...ticket('open'), note: 'earlier' }, 'in_progress', staff('m2'), null, T0);
    expect(r.ok && [r.ticket.assigneeId, r.ticket.note]).toEqual(['m2', 'earlier']);
  });

  it('staff cannot touch a ticket assigned to someone else, nor assign to others', () => {
    expect(transitionTicket(ticket('assigned', 'm1'), 'in_progress', staff('m2'), null, T0)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(transitionTicket(ticket('open'), 'assigned', staff('m2'), null, T0, 'm3')).toMatchObject({
      code: 'FORBIDDEN',
    });
    const r = transitionTicket(ticket('open'), 'assigned', supervisor, null, T0, 'm3');
    expect(r.ok && r.ticket.assigneeId).toBe('m3');
  });

  it('the guest device may only cancel, and only its own ticket', () => {
    expect(transitionTicket(ticket('assigned', 'm1'), 'cancelled', device, null, T0)).toMatchObject({
      ok: true,
    });
    expect(transitionTicket(ticket('open'), 'in_progress', device, null, T0)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      transitionTicket(ticket('open'), 'cancelled', { kind: 'device', id: 'kiosk2' }, null, T0),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(transitionTicket(ticket('resolved', 'm1'), 'cancelled', device, null, T0)).toMatchObject({
      code: 'INVALID_STATE',
    });
  });
});

describe('checkTicketPhotos', () => {
  const kiosk = { id: 'k1', site: 'hotel' };
  const stored = new Map([
    ['mine', { site: 'hotel', deviceId: 'k1' }],
    ['other-kiosk', { site: 'hotel', deviceId: 'k2' }],
    ['other-site', { site: 'hospital', deviceId: 'k1' }],
  ]);

  it('accepts no photos, and photos this device uploaded for its site', () => {
    expect(checkTicketPhotos([], stored, kiosk)).toBeNull();
    expect(checkTicketPhotos(['mine', 'mine'], stored, kiosk)).toBeNull();
  });

  it.each([
    ['an unknown photo', ['mine', 'nope']],
    ["another device's photo", ['other-kiosk']],
    ['a photo recorded for another site', ['other-site']],
  ])('refuses %s with UNKNOWN_PHOTO, naming it', (_n, ids) => {
    const refused = checkTicketPhotos(ids, stored, kiosk);
    expect(refused).toMatchObject({ ok: false, code: 'UNKNOWN_PHOTO' });
    expect(refused!.reason).toContain(ids.at(-1));
  });
});

describe('assignTicket (a supervisor on the board)', () => {
  const by = { id: 'sup', role: 'supervisor' as const };
  const input = (over: Partial<Parameters<typeof assignTicket>[1]> = {}) => ({
    by,
    target: member('m2', { skills: ['maintenance'] }),
    note: 'take it',
    now: T0 + 5,
    ...over,
  });

  it('reassigns an open, assigned or started ticket to a member of the site; the deadline stays', () => {
    for (const status of ['open', 'assigned', 'in_progress'] as const) {
      const t = ticket(status, status === 'open' ? null : 'm-near');
      const r = assignTicket(t, input());
      if (!r.ok) throw new Error(r.reason);
      expect(r.ticket).toMatchObject({
        status: 'assigned',
        assigneeId: 'm2',
        note: 'take it',
        dueAt: t.dueAt,
      });
      expect(r.event).toMatchObject({ from: status, to: 'assigned', actor: 'staff:sup', note: 'take it' });
    }
  });

  it('refuses plain staff, a closed ticket, a member of another site, a disabled or missing one, a no-op', () => {
    const t = ticket('assigned', 'm-near');
    expect(assignTicket(t, input({ by: { id: 'm-near', role: 'staff' } }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(assignTicket(ticket('resolved', 'm-near'), input())).toMatchObject({ code: 'INVALID_STATE' });
    for (const target of [member('m2', { site: 'hospital1' }), member('m2', { disabled: true }), null])
      expect(assignTicket(t, input({ target }))).toMatchObject({ code: 'UNKNOWN_TARGET' });
    expect(assignTicket(t, input({ target: member('m-near') }))).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('the board view carries no guest text, room, place, photos or note', () => {
    const v = toBoardTicketView({ ...ticket('open'), note: 'call 13812345678' }, null);
    expect(JSON.stringify(v)).not.toMatch(/1203|shower|E4|ph1|1381/i);
    expect(v).toMatchObject({ id: 't1', category: 'plumbing', priority: 'high', status: 'open' });
  });
});
