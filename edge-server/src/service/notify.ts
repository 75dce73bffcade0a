/**
 * Who hears about what: the guest's screens (the kiosk that asked and the phones it handed over to),
 * the staff offered an escalation, its assignee, a ticket's assignee; and who could take new work.
 */
import type { KnowledgeBase } from '@frontdesk/protocol';
import {
  buildCandidates,
  distancesFrom,
  policyFor,
  queuePositions,
  supervisorsOf,
  toGuestView,
  toStaffView,
  toTicketView,
  type Candidate,
  type Escalation,
  type EscalationEvent,
  type StaffMember,
  type StaffPresence,
  type Ticket,
} from '../domain/index.js';
import type { Stores } from '../store/store.js';
import type { HandlerContext } from './handlers/context.js';
import { out, type Outbound } from './outbound.js';

/** The devices that show a guest's escalation or ticket: the one that made it and attached phones. */
export async function guestDevices(
  tx: Stores,
  deviceId: string,
  entity: { escalationId: string } | { ticketId: string },
): Promise<string[]> {
  const phones = (await tx.handovers.listAttached(entity)).flatMap((h) =>
    h.phoneDeviceId ? [h.phoneDeviceId] : [],
  );
  return [...new Set([deviceId, ...phones])];
}

/** Who hears about an escalation's events: the guest device, the staff offered it, the assignee. */
export async function escalationOut(
  tx: Stores,
  ctx: Pick<HandlerContext, 'policies' | 'queueChanged'>,
  e: Escalation,
  events: EscalationEvent[],
  before?: Escalation,
): Promise<Outbound[]> {
  const policy = policyFor(e.priority, ctx.policies);
  const pending = await tx.escalations.list({ site: e.site, status: ['pending'] });
  const position = queuePositions(pending).get(e.id) ?? null;
  const assignee = e.assigneeId ? await tx.staff.get(e.assigneeId) : null;
  const staffView = toStaffView(e, position, assignee?.name ?? null, policy);
  const guestView = toGuestView(e, position, assignee?.name ?? null);
  const list: Outbound[] = (await guestDevices(tx, e.deviceId, { escalationId: e.id })).map((id) =>
    out('device', id, 'escalation.updated', { escalation: guestView }),
  );
  for (const ev of events) {
    switch (ev.kind) {
      case 'offered': {
        const ids = (ev.data.staffIds as string[] | undefined) ?? e.offeredTo;
        for (const id of ids) list.push(out('staff', id, 'escalation.offered', { escalation: staffView }));
        break;
      }
      case 'reassured':
        list.push(
          out('device', e.deviceId, 'escalation.waiting', {
            escalationId: e.id,
            waitedMs: Number(ev.data.waitedMs ?? 0),
          }),
        );
        break;
      case 'claimed':
      case 'resolved':
      case 'cancelled':
      case 'released':
      case 're_escalated': {
        // A re-escalation moves the offer on: those who had it hear that it left them.
        const withdrawn =
          (ev.data.withdrawnFrom as string[] | undefined) ??
          (ev.kind === 're_escalated'
            ? (before?.offeredTo ?? []).filter((id) => !e.offeredTo.includes(id))
            : []);
        const told = new Set([...withdrawn, ...(e.assigneeId ? [e.assigneeId] : [])]);
        for (const id of told)
          list.push(out('staff', id, 'escalation.staff_updated', { escalation: staffView, event: ev.kind }));
        break;
      }
      case 'transferred':
        for (const id of (ev.data.withdrawnFrom as string[] | undefined) ?? [])
          list.push(out('staff', id, 'escalation.staff_updated', { escalation: staffView, event: ev.kind }));
        break;
      case 'raised':
        break;
    }
  }
  ctx.queueChanged(e.site);
  return list;
}

/**
 * Who hears about a ticket: the guest's screens; on every change its assignee (and the one it left)
 * and the site's supervisors get `ticket.updated`, except that the assignee gets `ticket.assigned`
 * instead when it is new or (re)assigned. `before` is null for a new ticket. The site's queue snapshot
 * (which lists open tickets) is republished.
 */
export async function ticketOut(
  tx: Stores,
  ctx: Pick<HandlerContext, 'queueChanged'>,
  t: Ticket,
  before: Ticket | null,
): Promise<Outbound[]> {
  // The supervisors' board lists open tickets.
  ctx.queueChanged(t.site);
  const assignee = t.assigneeId ? await tx.staff.get(t.assigneeId) : null;
  const view = toTicketView(t, assignee?.name ?? null);
  const list = (await guestDevices(tx, t.deviceId, { ticketId: t.id })).map((id) =>
    out('device', id, 'ticket.updated', { ticket: view }),
  );
  const staff = new Set([
    ...(t.assigneeId ? [t.assigneeId] : []),
    ...(before?.assigneeId ? [before.assigneeId] : []),
    ...supervisorsOf(t.site, await tx.staff.list(t.site)),
  ]);
  // Newly theirs: `ticket.assigned` (the console notifies on it) instead of `ticket.updated`.
  const assigned = t.assigneeId && (before === null || t.status === 'assigned') ? t.assigneeId : null;
  if (assigned) list.push(out('staff', assigned, 'ticket.assigned', { ticket: view }));
  for (const id of staff)
    if (id !== assigned) list.push(out('staff', id, 'ticket.updated', { ticket: view }));
  return list;
}

interface SiteContext {
  members: StaffMember[];
  presences: StaffPresence[];
  loads: Map<string, number>;
}

/**
 * Who could take work at `site`, for an escalation or ticket at `place`. The site part (members,
 * presence, load) is the same for every escalation in one tick, so a tick passes a cache.
 */
export async function candidates(
  tx: Stores,
  site: string,
  place: string | null,
  kb: KnowledgeBase | null,
  cache?: Map<string, unknown>,
): Promise<Candidate[]> {
  const key = `site:${site}`;
  let ctx = cache?.get(key) as SiteContext | undefined;
  if (!ctx) {
    ctx = await siteContext(tx, site);
    cache?.set(key, ctx);
  }
  const dkey = `dist:${site}:${place ?? ''}`;
  let distances = cache?.get(dkey) as Map<string, number> | undefined;
  if (!distances) {
    distances = kb && place ? distancesFrom(kb, place) : new Map<string, number>();
    cache?.set(dkey, distances);
  }
  return buildCandidates(ctx.members, ctx.presences, ctx.loads, distances);
}

async function siteContext(tx: Stores, site: string): Promise<SiteContext> {
  const members: StaffMember[] = await tx.staff.list(site);
  const presences = await tx.staff.listPresence();
  // Load is what someone already has in hand or has been offered: claimed escalations count
  // fully, pending offers too, so a burst spreads over people instead of piling on the nearest.
  const open = await tx.escalations.list({ site, status: ['pending', 'claimed'] });
  const loads = new Map<string, number>();
  const add = (id: string) => loads.set(id, (loads.get(id) ?? 0) + 1);
  for (const e of open) {
    if (e.status === 'claimed' && e.assigneeId) add(e.assigneeId);
    else for (const id of e.offeredTo) add(id);
  }
  return { members, presences, loads };
}
