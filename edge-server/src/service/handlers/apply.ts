/** Committing a domain decision: store it, audit it, and say who hears about it. */
import { ESCALATION_AUDIT_ACTIONS, TICKET_AUDIT_ACTIONS } from '@frontdesk/protocol';
import {
  nextDeadline,
  policyFor,
  type DomainError,
  type Escalation,
  type EscalationEvent,
  type Ticket,
  type TicketEvent,
} from '../../domain/index.js';
import type { Stores } from '../../store/store.js';
import { recordAudit } from '../audit.js';
import { escalationOut, ticketOut } from '../notify.js';
import type { Handled } from '../outbound.js';
import type { HandlerContext } from './context.js';

export type EscalationOutcome = { ok: true; escalation: Escalation; events: EscalationEvent[] } | DomainError;
export type TicketOutcome = { ok: true; ticket: Ticket; event: TicketEvent } | DomainError;

/** `actor` given: each event is audited in their name (a device's raise is audited by its handler). */
export async function applyEscalation(
  tx: Stores,
  ctx: HandlerContext,
  decision: EscalationOutcome,
  actor?: string,
): Promise<Handled> {
  if (!decision.ok) return decision;
  const { escalation: e, events } = decision;
  if (events.length === 0) return { entityId: e.id, out: [] };
  await tx.escalations.put(e);
  await tx.escalations.appendEvents(events);
  const due = nextDeadline(e, policyFor(e.priority, ctx.policies));
  if (due !== null) ctx.onDeadline(due);
  if (actor) {
    for (const ev of events)
      await recordAudit(tx.audit, ctx.now, {
        actor,
        action: ESCALATION_AUDIT_ACTIONS[ev.kind],
        subject: `escalation:${e.id}`,
        detail: ev.data,
        site: e.site,
      });
  }
  return { entityId: e.id, out: await escalationOut(tx, ctx, e, events) };
}

export async function applyTicket(
  tx: Stores,
  ctx: HandlerContext,
  decision: TicketOutcome,
  actor: string,
): Promise<Handled> {
  if (!decision.ok) return decision;
  const before = await tx.tickets.get(decision.ticket.id);
  await tx.tickets.put(decision.ticket);
  await tx.tickets.appendEvent(decision.event);
  await recordAudit(tx.audit, ctx.now, {
    actor,
    action: TICKET_AUDIT_ACTIONS[decision.ticket.status],
    subject: `ticket:${decision.ticket.id}`,
    detail: { from: decision.event.from, note: decision.event.note },
    site: decision.ticket.site,
  });
  return { entityId: decision.ticket.id, out: await ticketOut(tx, ctx, decision.ticket, before) };
}
