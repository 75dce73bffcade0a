import type { DeviceUpMessage } from '@frontdesk/protocol';
import { cancelEscalation } from '../../../domain/index.js';
import { applyEscalation } from '../apply.js';
import type { DeviceContext, Handler } from '../context.js';

/** The guest no longer needs a person. */
export const escalationCancel: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'escalation.cancel' }>
> = async (tx, ctx, msg) => {
  const e = await tx.escalations.get(msg.body.escalationId);
  if (!e) return { ok: false, code: 'NOT_FOUND', reason: `no escalation ${msg.body.escalationId}` };
  const actor = { kind: 'device' as const, id: ctx.device.id };
  return applyEscalation(tx, ctx, cancelEscalation(e, actor, ctx.now, msg.body.reason ?? null));
};
