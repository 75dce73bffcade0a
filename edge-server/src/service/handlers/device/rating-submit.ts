import type { DeviceUpMessage } from '@frontdesk/protocol';
import type { DeviceContext, Handler } from '../context.js';

/** The guest rates the help they had. */
export const ratingSubmit: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'rating.submit' }>
> = async (tx, ctx, msg) => {
  const { device } = ctx;
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
