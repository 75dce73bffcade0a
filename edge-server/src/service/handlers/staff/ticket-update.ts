import type { StaffUpMessage } from '@frontdesk/protocol';
import { transitionTicket, type Actor } from '../../../domain/index.js';
import { applyTicket } from '../apply.js';
import type { Handler, StaffContext } from '../context.js';
import { staffRef } from './escalation.js';

/** A member of staff moves a ticket on (in progress, resolved, ...). */
export const ticketUpdate: Handler<StaffContext, Extract<StaffUpMessage, { type: 'ticket.update' }>> = async (
  tx,
  ctx,
  msg,
) => {
  const { member, now } = ctx;
  const t = await tx.tickets.get(msg.body.ticketId);
  if (!t || t.site !== member.site)
    return { ok: false, code: 'NOT_FOUND', reason: `no ticket ${msg.body.ticketId}` };
  const actor: Actor = { kind: 'staff', id: member.id, role: member.role };
  return applyTicket(
    tx,
    ctx,
    transitionTicket(t, msg.body.status, actor, msg.body.note ?? null, now),
    staffRef(ctx),
  );
};
