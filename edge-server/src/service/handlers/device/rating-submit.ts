import type { DeviceUpMessage } from '@frontdesk/protocol';
import type { DeviceContext, Handler } from '../context.js';
import { notYours, ownsConversation, ownsEntity } from './ownership.js';

/** The guest rates the help they had. */
export const ratingSubmit: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'rating.submit' }>
> = async (tx, ctx, msg) => {
  const { device } = ctx;
  const { conversationId, escalationId, ticketId } = msg.body;
  // A device rates only its own conversation (or one handed over to this phone), and only its own
  // escalation or ticket in it: a hospital kiosk cannot rate a hotel conversation.
  if (!(await ownsConversation(tx, device, conversationId))) return notYours('conversation');
  if (escalationId && !(await ownsEntity(tx, device, 'escalation', await tx.escalations.get(escalationId))))
    return notYours('escalation');
  if (ticketId && !(await ownsEntity(tx, device, 'ticket', await tx.tickets.get(ticketId))))
    return notYours('ticket');
  await tx.ratings.put({
    id: `${device.id}:${msg.id}`,
    site: device.site,
    deviceId: device.id,
    conversationId: msg.body.conversationId,
    escalationId: msg.body.escalationId ?? null,
    ticketId: msg.body.ticketId ?? null,
    score: msg.body.score,
    at: ctx.now,
  });
  return { entityId: null, out: [] };
};
