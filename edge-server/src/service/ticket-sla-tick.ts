/** The SLA clock's work on tickets: re-escalate to the supervisors what nobody started in time. */
import { ticketDeadline, tickTicket } from '../domain/index.js';
import type { Stores } from '../store/store.js';
import { recordAudit } from './audit.js';
import type { HandlerContext } from './handlers/context.js';
import { ticketOut } from './notify.js';
import type { Outbound } from './outbound.js';

/** Ticks every waiting ticket due at `ctx.now`; returns the next ticket deadline and what to send. */
export async function ticketSlaTick(
  tx: Stores,
  ctx: HandlerContext,
): Promise<{ next: number | null; out: Outbound[] }> {
  const out: Outbound[] = [];
  let next: number | null = null;
  for (const t of await tx.tickets.list({ status: ['open', 'assigned'] })) {
    const decision = tickTicket(t, ctx.now);
    if (!decision) {
      const due = ticketDeadline(t);
      if (due !== null && (next === null || due < next)) next = due;
      continue;
    }
    ctx.metrics.reEscalations++;
    await tx.tickets.put(decision.ticket);
    await tx.tickets.appendEvent(decision.event);
    await recordAudit(tx.audit, ctx.now, {
      actor: 'system',
      action: 'ticket.re_escalated',
      subject: `ticket:${t.id}`,
      site: t.site,
      detail: { status: t.status, waitedMs: ctx.now - t.createdAt },
    });
    out.push(...(await ticketOut(tx, ctx, decision.ticket, t)));
  }
  return { next, out };
}
