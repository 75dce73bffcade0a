import type { StaffUpMessage } from '@frontdesk/protocol';
import { transferEscalation } from '../../../domain/index.js';
import { candidates } from '../../notify.js';
import { applyEscalation } from '../apply.js';
import type { Handler, StaffContext } from '../context.js';
import { noEscalation, siteEscalation, staffRef } from './escalation.js';

/** The assignee or a supervisor hands an escalation on to a member of staff or a skill. */
export const escalationTransfer: Handler<
  StaffContext,
  Extract<StaffUpMessage, { type: 'escalation.transfer' }>
> = async (tx, ctx, msg) => {
  const { escalationId, to, note } = msg.body;
  const e = await siteEscalation(tx, ctx, escalationId);
  if (!e) return noEscalation(escalationId);
  const target = 'staffId' in to ? await tx.staff.get(to.staffId) : null;
  const kb = 'skill' in to ? await tx.knowledgeBases.get(e.site) : null;
  const decision = transferEscalation(e, {
    by: { id: ctx.member.id, role: ctx.member.role },
    to,
    note: note ?? null,
    now: ctx.now,
    target,
    candidates: 'skill' in to ? await candidates(tx, e.site, e.place, kb) : [],
  });
  return applyEscalation(tx, ctx, decision, staffRef(ctx));
};
