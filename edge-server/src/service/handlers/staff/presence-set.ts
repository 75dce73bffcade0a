import type { StaffUpMessage } from '@frontdesk/protocol';
import { recordAudit } from '../../audit.js';
import type { Handler, StaffContext } from '../context.js';
import { staffRef } from './escalation.js';

/** A member of staff goes on or off duty, or says where they are. */
export const presenceSet: Handler<StaffContext, Extract<StaffUpMessage, { type: 'presence.set' }>> = async (
  tx,
  ctx,
  msg,
) => {
  const { member, now } = ctx;
  const place = msg.body.place;
  // A place is one of the member's own site's places: another site's place would route its work here.
  if (place !== undefined && place !== null) {
    const kb = await tx.knowledgeBases.get(member.site);
    if (!kb?.places.some((p) => p.id === place))
      return { ok: false, code: 'FORBIDDEN', reason: `place ${place} is not a place of site ${member.site}` };
  }
  const current = await tx.staff.getPresence(member.id);
  await tx.staff.putPresence({
    staffId: member.id,
    online: current?.online ?? true,
    onDuty: msg.body.onDuty,
    // Absent keeps the place; null clears it.
    place: msg.body.place === undefined ? (current?.place ?? null) : msg.body.place,
    updatedAt: now,
  });
  await recordAudit(tx.audit, now, {
    actor: staffRef(ctx),
    action: msg.body.onDuty ? 'staff.on_duty' : 'staff.off_duty',
    subject: `staff:${member.id}`,
    detail: { place: msg.body.place ?? null },
    site: member.site,
  });
  ctx.queueChanged(member.site);
  return { entityId: null, out: [] };
};
