/**
 * Tickets' SLA: a priority from the fault's category, and a window per priority within which someone
 * must start on it. A ticket still open or assigned-but-not-started past its deadline re-escalates to
 * the site's supervisors, once. Pure: the caller passes `now` and ticks again at `ticketDeadline`.
 */
import type { FaultCategory, Priority } from '@frontdesk/protocol';
import type { Ticket, TicketEvent } from './types.js';

export interface TicketPolicy {
  priority: Priority;
  /** Not started this long after creation → re-escalate to the supervisors. */
  startWithinMs: number;
}

export type TicketPolicies = Partial<Record<Priority, TicketPolicy>>;

/** The SLA every site starts with; overridable per priority (`SLA_TICKET_*_MS`). */
export const DEFAULT_TICKET_POLICIES: Readonly<Record<Priority, TicketPolicy>> = {
  emergency: { priority: 'emergency', startWithinMs: 5 * 60_000 },
  high: { priority: 'high', startWithinMs: 15 * 60_000 },
  routine: { priority: 'routine', startWithinMs: 60 * 60_000 },
};

/** Water and power do damage while they wait; the rest is a matter of comfort. */
export const TICKET_CATEGORY_PRIORITY: Readonly<Record<FaultCategory, Priority>> = {
  plumbing: 'high',
  electrical: 'high',
  hvac: 'routine',
  appliance: 'routine',
  network: 'routine',
  furniture: 'routine',
  other: 'routine',
};

export function ticketPolicyFor(priority: Priority, policies: TicketPolicies = {}): TicketPolicy {
  return policies[priority] ?? DEFAULT_TICKET_POLICIES[priority];
}

/** A new ticket's priority and deadline, from its category. */
export function withTicketSla(t: Ticket, policies?: TicketPolicies): Ticket {
  const priority = t.priority ?? TICKET_CATEGORY_PRIORITY[t.category];
  return { ...t, priority, dueAt: t.createdAt + ticketPolicyFor(priority, policies).startWithinMs };
}

const WAITING: ReadonlySet<Ticket['status']> = new Set(['open', 'assigned']);

/** When `tickTicket` will have something to do, or null (started, closed, already re-escalated). */
export function ticketDeadline(t: Ticket): number | null {
  if (!WAITING.has(t.status) || t.dueAt === undefined || t.dueAt === null) return null;
  return t.escalatedAt ? null : t.dueAt;
}

/** Past its deadline and nobody started: re-escalated to the supervisors, once. Null: nothing to do. */
export function tickTicket(t: Ticket, now: number): { ticket: Ticket; event: TicketEvent } | null {
  const due = ticketDeadline(t);
  if (due === null || now < due) return null;
  return {
    ticket: { ...t, escalatedAt: now, updatedAt: now },
    event: {
      ticketId: t.id,
      from: t.status,
      to: t.status,
      at: now,
      actor: 'system',
      note: `re-escalated: not started within ${Math.round((due - t.createdAt) / 60_000)} min`,
    },
  };
}
