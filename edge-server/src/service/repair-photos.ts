/**
 * A repair photo joins its ticket in one transaction: the ticket lists it, its history gets an entry,
 * the audit trail a row, and everyone who follows the ticket gets `ticket.updated` (after the commit).
 */
import { addRepairPhoto, fail, type DomainError, type Role, type Ticket } from '../domain/index.js';
import type { Stores } from '../store/store.js';
import { recordAudit } from './audit.js';
import { ticketOut } from './notify.js';
import type { Outbound } from './outbound.js';
import type { HandlerContext } from './handlers/context.js';

export async function attachRepairPhoto(
  tx: Stores,
  now: number,
  ctx: Pick<HandlerContext, 'queueChanged'>,
  staff: { id: string; site: string; role: Role },
  ticketId: string,
  photoId: string,
): Promise<{ ok: true; ticket: Ticket; out: Outbound[] } | DomainError> {
  const t = await tx.tickets.get(ticketId);
  // Another site's ticket is as good as unknown (as `GET /api/tickets/:id`).
  if (!t || t.site !== staff.site) return fail('NOT_FOUND', `no ticket ${ticketId}`);
  const decision = addRepairPhoto(t, photoId, { kind: 'staff', id: staff.id, role: staff.role }, now);
  if (!decision.ok) return decision;
  await tx.tickets.put(decision.ticket);
  await tx.tickets.appendEvent(decision.event);
  await recordAudit(tx.audit, now, {
    actor: `staff:${staff.id}`,
    action: 'ticket.photo',
    subject: `ticket:${t.id}`,
    detail: { photoId },
    site: t.site,
  });
  return { ok: true, ticket: decision.ticket, out: await ticketOut(tx, ctx, decision.ticket, t) };
}
