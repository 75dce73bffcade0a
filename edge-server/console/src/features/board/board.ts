import type { BoardTicketView, Priority, Skill, StaffEscalationView } from '@frontdesk/protocol';
import type { QueueSnapshot } from '../../app/state.js';
import { PRIORITY_RANK, slaView, SLA_SOON_MS, type SlaView } from '../inbox/sla.js';

export interface QueueCell {
  skill: Skill;
  priority: Priority;
  waiting: number;
  claimed: number;
}

export interface BoardView {
  /** One row per skill and priority that has open work, most urgent first. */
  queues: QueueCell[];
  /** Pending escalations past or near their claim deadline, most overdue first. */
  atRisk: Array<{ escalation: StaffEscalationView; sla: SlaView }>;
  /** Moved past the first level (to supervisors or everyone): the claim window was missed. */
  reescalated: StaffEscalationView[];
  /** Every open conversation, most urgent first: a supervisor may open any of them. */
  open: StaffEscalationView[];
  /** Online and on duty first, then by load (busiest first), then name. */
  staff: QueueSnapshot['staff'];
  tickets: BoardTickets;
}

export interface BoardTickets {
  /**
   * Re-escalated (nobody started in time) or past or near their start deadline: re-escalated first,
   * then the most overdue.
   */
  atRisk: Array<{ ticket: BoardTicketView; sla: SlaView }>;
  /** Every open ticket, most urgent first (priority, then start deadline, then age). */
  open: BoardTicketView[];
}

/** The tickets part of the board: what is late or about to be, and every open one. */
export function boardTickets(
  list: readonly BoardTicketView[],
  now: number,
  soonMs = SLA_SOON_MS,
): BoardTickets {
  const open = list.filter(
    (t) => t.status === 'open' || t.status === 'assigned' || t.status === 'in_progress',
  );
  const late = (r: { ticket: BoardTicketView; sla: SlaView }) =>
    r.ticket.escalated || r.sla.state === 'breached' || r.sla.state === 'soon';
  const atRisk = open
    .map((ticket) => ({ ticket, sla: slaView(ticket.dueAt, now, soonMs) }))
    .filter(late)
    .sort(
      (a, b) =>
        Number(b.ticket.escalated) - Number(a.ticket.escalated) ||
        (a.sla.remainingMs ?? -Infinity) - (b.sla.remainingMs ?? -Infinity) ||
        a.ticket.createdAt - b.ticket.createdAt,
    );
  const due = (t: BoardTicketView) => t.dueAt ?? Infinity;
  const sorted = [...open].sort(
    (a, b) =>
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || due(a) - due(b) || a.createdAt - b.createdAt,
  );
  return { atRisk, open: sorted };
}

/** The supervisor board from the queue snapshot at `now` (pure: the view ticks `now`). */
export function boardView(snapshot: QueueSnapshot, now: number, soonMs = SLA_SOON_MS): BoardView {
  const open = snapshot.escalations.filter((e) => e.status === 'pending' || e.status === 'claimed');
  const cells = new Map<string, QueueCell>();
  for (const e of open) {
    const key = `${e.skill}|${e.priority}`;
    const cell = cells.get(key) ?? { skill: e.skill, priority: e.priority, waiting: 0, claimed: 0 };
    if (e.status === 'pending') cell.waiting++;
    else cell.claimed++;
    cells.set(key, cell);
  }
  const queues = [...cells.values()].sort(
    (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || (a.skill < b.skill ? -1 : 1),
  );
  const atRisk = open
    .filter((e) => e.status === 'pending')
    .map((escalation) => ({ escalation, sla: slaView(escalation.claimDueAt, now, soonMs) }))
    .filter((r) => r.sla.state === 'breached' || r.sla.state === 'soon')
    .sort((a, b) => (a.sla.remainingMs ?? 0) - (b.sla.remainingMs ?? 0));
  const reescalated = open
    .filter((e) => e.level > 0)
    .sort((a, b) => b.level - a.level || a.createdAt - b.createdAt);
  const rank = (s: QueueSnapshot['staff'][number]) => (s.online && s.onDuty ? 0 : s.online ? 1 : 2);
  const staff = [...snapshot.staff].sort(
    (a, b) => rank(a) - rank(b) || b.load - a.load || a.name.localeCompare(b.name, 'zh-CN'),
  );
  const due = (e: StaffEscalationView) => (e.status === 'pending' ? (e.claimDueAt ?? Infinity) : Infinity);
  const all = [...open].sort(
    (a, b) =>
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || due(a) - due(b) || a.createdAt - b.createdAt,
  );
  return {
    queues,
    atRisk,
    reescalated,
    open: all,
    staff,
    tickets: boardTickets(snapshot.tickets, now, soonMs),
  };
}
