import type { DeviceUpMessage } from '@frontdesk/protocol';
import { cancelEscalation } from '../../../domain/index.js';
import { applyEscalation } from '../apply.js';
import type { DeviceContext, Handler } from '../context.js';
import { notYours, ownsEntity } from './ownership.js';

/** The guest no longer needs a person. */
export const escalationCancel: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'escalation.cancel' }>
> = async (tx, ctx, msg) => {
  const e = await tx.escalations.get(msg.body.escalationId);
  // Only what this device raised (or a phone took over): another's is not found, whether it exists or not.
  if (!e || !(await ownsEntity(tx, ctx.device, 'escalation', e))) return notYours('escalation');
  const actor = { kind: 'device' as const, id: ctx.device.id };
  return applyEscalation(tx, ctx, cancelEscalation(e, actor, ctx.now, msg.body.reason ?? null));
};
