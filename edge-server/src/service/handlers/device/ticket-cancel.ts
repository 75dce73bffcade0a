import type { DeviceUpMessage } from '@frontdesk/protocol';
import { transitionTicket } from '../../../domain/index.js';
import { applyTicket } from '../apply.js';
import type { DeviceContext, Handler } from '../context.js';

/** The guest withdraws their fault report. */
export const ticketCancel: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'ticket.cancel' }>
> = async (tx, ctx, msg) => {
  const t = await tx.tickets.get(msg.body.ticketId);
  if (!t) return { ok: false, code: 'NOT_FOUND', reason: `no ticket ${msg.body.ticketId}` };
  const actor = { kind: 'device' as const, id: ctx.device.id };
  return applyTicket(
    tx,
    ctx,
    transitionTicket(t, 'cancelled', actor, null, ctx.now),
    `device:${ctx.device.id}`,
  );
};
