import { ticketView } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { candidate, T0 } from './test-fixtures.js';
import { DEFAULT_TICKET_POLICIES, ticketDeadline, ticketPolicyFor, tickTicket } from './ticket-sla.js';
import { createTicket, toTicketView, transitionTicket, type TicketCreateBody } from './tickets.js';

const body = (over: Partial<TicketCreateBody> = {}): TicketCreateBody => ({
  ticketId: 't1',
  category: 'plumbing',
  description: 'Leak',
  photoIds: [],
  lang: 'en',
  ...over,
});
const ctx = { now: T0, site: 'hotel1', siteKind: 'hotel' as const, rules: [], deviceId: 'kiosk1' };
const maint = candidate('m1', { member: { skills: ['maintenance'] } });
const MIN = 60_000;

describe('ticket SLA (fake time)', () => {
  it('a priority from the category and a deadline from its policy, applied at creation', () => {
    const leak = createTicket(body(), { ...ctx, candidates: [] }).ticket;
    expect([leak.priority, leak.dueAt]).toEqual(['high', T0 + 15 * MIN]);
    const chair = createTicket(body({ category: 'furniture' }), { ...ctx, candidates: [] }).ticket;
    expect([chair.priority, chair.dueAt]).toEqual(['routine', T0 + 60 * MIN]);
    const policies = { high: { priority: 'high' as const, startWithinMs: 500 } };
    expect(createTicket(body(), { ...ctx, candidates: [], policies }).ticket.dueAt).toBe(T0 + 500);
    expect(ticketPolicyFor('routine', policies)).toBe(DEFAULT_TICKET_POLICIES.routine);
  });

  it('an unassigned ticket past its deadline re-escalates once; the view says so', () => {
    const t = createTicket(body(), { ...ctx, candidates: [] }).ticket;
    expect(tickTicket(t, T0 + 15 * MIN - 1)).toBeNull();
    const d = tickTicket(t, T0 + 15 * MIN);
    expect(d?.ticket).toMatchObject({ status: 'open', escalatedAt: T0 + 15 * MIN });
    expect(d?.event).toMatchObject({ from: 'open', to: 'open', actor: 'system' });
    expect(ticketDeadline(d!.ticket)).toBeNull();
    expect(tickTicket(d!.ticket, T0 + 99 * MIN)).toBeNull();
    const view = ticketView.parse(toTicketView(d!.ticket, null));
    expect([view.escalated, view.dueAt, view.priority]).toEqual([true, null, 'high']);
  });

  it('an assigned but unstarted ticket re-escalates too; a started or closed one does not', () => {
    const t = createTicket(body(), { ...ctx, candidates: [maint] }).ticket;
    expect(t.status).toBe('assigned');
    expect(tickTicket(t, T0 + 20 * MIN)?.ticket.escalatedAt).toBe(T0 + 20 * MIN);
    const started = transitionTicket(t, 'in_progress', { kind: 'staff', id: 'm1', role: 'staff' }, null, T0);
    if (!started.ok) throw new Error(started.reason);
    expect(ticketDeadline(started.ticket)).toBeNull();
    expect(tickTicket(started.ticket, T0 + 20 * MIN)).toBeNull();
    expect(tickTicket({ ...t, status: 'resolved' }, T0 + 20 * MIN)).toBeNull();
  });

  it('tickets from before the SLA have no deadline and view as routine or by category', () => {
    const old = createTicket(body(), { ...ctx, candidates: [] }).ticket;
    const legacy = { ...old, priority: undefined, dueAt: undefined, escalatedAt: undefined };
    expect(tickTicket(legacy, T0 + 999 * MIN)).toBeNull();
    expect(toTicketView(legacy, null)).toMatchObject({ priority: 'high', dueAt: null, escalated: false });
  });
});
