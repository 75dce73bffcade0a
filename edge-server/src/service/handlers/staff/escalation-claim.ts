import type { StaffUpMessage } from '@frontdesk/protocol';
import { claimEscalation } from '../../../domain/index.js';
import { applyEscalation } from '../apply.js';
import type { Handler, StaffContext } from '../context.js';
import { noEscalation, siteEscalation, staffRef } from './escalation.js';

/** A member of staff takes an escalation offered to them. */
export const escalationClaim: Handler<
  StaffContext,
  Extract<StaffUpMessage, { type: 'escalation.claim' }>
> = async (tx, ctx, msg) => {
  const e = await siteEscalation(tx, ctx, msg.body.escalationId);
  if (!e) return noEscalation(msg.body.escalationId);
  const decision = claimEscalation(e, ctx.member.id, ctx.now);
  // A lost claim says who won (the escalation is of the member's own site).
  if (!decision.ok && decision.code === 'CONFLICT' && e.assigneeId) {
    const winner = await tx.staff.get(e.assigneeId);
    return { ...decision, details: { assignee: { id: e.assigneeId, name: winner?.name ?? '' } } };
  }
  return applyEscalation(tx, ctx, decision, staffRef(ctx));
};
