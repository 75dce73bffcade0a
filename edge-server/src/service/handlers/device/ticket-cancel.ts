import type { DeviceUpMessage } from '@frontdesk/protocol';
import { transitionTicket } from '../../../domain/index.js';
import { applyTicket } from '../apply.js';
import type { DeviceContext, Handler } from '../context.js';
import { notYours, ownsEntity } from './ownership.js';

/** The guest withdraws their fault report. */
export const ticketCancel: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'ticket.cancel' }>
> = async (tx, ctx, msg) => {
  const t = await tx.tickets.get(msg.body.ticketId);
  // Only what this device reported (or a phone took over): another's is not found, whether it exists or not.
  if (!t || !(await ownsEntity(tx, ctx.device, 'ticket', t))) return notYours('ticket');
  const actor = { kind: 'device' as const, id: ctx.device.id };
  return applyTicket(
    tx,
    ctx,
    transitionTicket(t, 'cancelled', actor, null, ctx.now),
    `device:${ctx.device.id}`,
  );
};
