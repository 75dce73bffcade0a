import type { Priority, StaffEscalationView, TicketView } from '@frontdesk/protocol';
import { PRIORITY_RANK } from './sla.js';

export interface Me {
  id: string;
  name: string;
  role: 'staff' | 'supervisor' | 'admin';
  skills: string[];
  site: string;
}

export type InboxEntry =
  | {
      kind: 'escalation';
      id: string;
      priority: Priority;
      dueAt: number | null;
      createdAt: number;
      item: StaffEscalationView;
    }
  | {
      kind: 'ticket';
      id: string;
      priority: Priority;
      dueAt: number | null;
      createdAt: number;
      item: TicketView;
    };

const OPEN_ESCALATION = new Set(['pending', 'claimed']);
const OPEN_TICKET = new Set(['open', 'assigned', 'in_progress']);

/**
 * Whether an escalation belongs in my inbox: mine once I claimed it; while pending, when it was
 * offered to me, when it needs my skill, when it reached the supervisors (level 1) and I am one, or
 * everyone (level 2). A supervisor also keeps an eye on what others claimed, on the board.
 */
export function escalationIsMine(e: StaffEscalationView, me: Me, offeredToMe: boolean): boolean {
  if (!OPEN_ESCALATION.has(e.status)) return false;
  if (e.status === 'claimed') return e.assignee?.id === me.id;
  if (offeredToMe || me.skills.includes(e.skill) || e.level >= 2) return true;
  return e.level >= 1 && me.role !== 'staff';
}

/**
 * Whether a ticket belongs in my inbox: assigned to me, or unassigned with my skill; a supervisor's
 * (or admin's) too when the server sent it to the supervisors: nobody on duty had the skill
 * (`unstaffed`) or nobody started it in time (`escalated`).
 */
export function ticketIsMine(t: TicketView, me: Me): boolean {
  if (!OPEN_TICKET.has(t.status)) return false;
  if (me.role !== 'staff' && (t.unstaffed || t.escalated)) return true;
  if (t.assignee) return t.assignee.id === me.id;
  return me.skills.includes(t.skill);
}

/** Tickets carry no priority on the wire: an unassigned fault is routine, as the server routes it. */
const TICKET_PRIORITY: Priority = 'routine';

/** Most urgent first: priority, then the SLA deadline (none last), then the oldest. */
export function compareEntries(a: InboxEntry, b: InboxEntry): number {
  const p = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (p !== 0) return p;
  const da = a.dueAt ?? Number.POSITIVE_INFINITY;
  const db = b.dueAt ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function inboxEntries(
  escalations: Iterable<StaffEscalationView>,
  tickets: Iterable<TicketView>,
  me: Me,
  offered: ReadonlySet<string>,
): InboxEntry[] {
  const out: InboxEntry[] = [];
  for (const e of escalations)
    if (escalationIsMine(e, me, offered.has(e.id)))
      out.push({
        kind: 'escalation',
        id: e.id,
        priority: e.priority,
        // Once claimed, the claim window no longer runs: what remains is the conversation itself.
        dueAt: e.status === 'pending' ? e.claimDueAt : null,
        createdAt: e.createdAt,
        item: e,
      });
  for (const t of tickets)
    if (ticketIsMine(t, me))
      out.push({
        kind: 'ticket',
        id: t.id,
        priority: TICKET_PRIORITY,
        dueAt: null,
        createdAt: t.createdAt,
        item: t,
      });
  return out.sort(compareEntries);
}
