import type { StaffUpMessage } from '@frontdesk/protocol';
import { resolveEscalation } from '../../../domain/index.js';
import { applyEscalation } from '../apply.js';
import type { Handler, StaffContext } from '../context.js';
import { noEscalation, siteEscalation, staffRef } from './escalation.js';

/** The guest has been helped. */
export const escalationResolve: Handler<
  StaffContext,
  Extract<StaffUpMessage, { type: 'escalation.resolve' }>
> = async (tx, ctx, msg) => {
  const e = await siteEscalation(tx, ctx, msg.body.escalationId);
  if (!e) return noEscalation(msg.body.escalationId);
  const { member, now } = ctx;
  return applyEscalation(
    tx,
    ctx,
    resolveEscalation(e, member.id, msg.body.note, now, member.role),
    staffRef(ctx),
  );
};
