import type { StaffUpMessage } from '@frontdesk/protocol';
import { assignTicket } from '../../../domain/index.js';
import { applyTicket } from '../apply.js';
import type { Handler, StaffContext } from '../context.js';
import { staffRef } from './escalation.js';

/** A supervisor or admin (re)assigns one of the site's open tickets to a member of the site. */
export const ticketAssign: Handler<StaffContext, Extract<StaffUpMessage, { type: 'ticket.assign' }>> = async (
  tx,
  ctx,
  msg,
) => {
  const { member, now } = ctx;
  const t = await tx.tickets.get(msg.body.ticketId);
  // Another site's ticket is as unknown as a missing one.
  if (!t || t.site !== member.site)
    return { ok: false, code: 'NOT_FOUND', reason: `no ticket ${msg.body.ticketId}` };
  const decision = assignTicket(t, {
    by: { id: member.id, role: member.role },
    target: await tx.staff.get(msg.body.staffId),
    note: msg.body.note ?? null,
    now,
  });
  return applyTicket(tx, ctx, decision, staffRef(ctx));
};
