import type { StaffUpMessage } from '@frontdesk/protocol';
import { releaseEscalation } from '../../../domain/index.js';
import { candidates } from '../../notify.js';
import { applyEscalation } from '../apply.js';
import type { Handler, StaffContext } from '../context.js';
import { noEscalation, siteEscalation, staffRef } from './escalation.js';

/** A member of staff gives a claimed escalation back: it is offered again. */
export const escalationRelease: Handler<
  StaffContext,
  Extract<StaffUpMessage, { type: 'escalation.release' }>
> = async (tx, ctx, msg) => {
  const e = await siteEscalation(tx, ctx, msg.body.escalationId);
  if (!e) return noEscalation(msg.body.escalationId);
  const kb = await tx.knowledgeBases.get(e.site);
  const found = await candidates(tx, e.site, e.place, kb);
  return applyEscalation(tx, ctx, releaseEscalation(e, ctx.member.id, ctx.now, found), staffRef(ctx));
};
