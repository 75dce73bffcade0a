import type { StaffUpMessage } from '@frontdesk/protocol';
import { recordAudit } from '../../audit.js';
import { guestDevices } from '../../notify.js';
import { out } from '../../outbound.js';
import type { Handler, StaffContext } from '../context.js';
import { noEscalation, siteEscalation, staffRef } from './escalation.js';

/** The member of staff handling an escalation writes to the guest's screens. */
export const staffChatSend: Handler<StaffContext, Extract<StaffUpMessage, { type: 'chat.send' }>> = async (
  tx,
  ctx,
  msg,
) => {
  const { member, now } = ctx;
  const e = await siteEscalation(tx, ctx, msg.body.escalationId);
  if (!e) return noEscalation(msg.body.escalationId);
  if (e.status !== 'claimed' || (e.assigneeId !== member.id && member.role === 'staff'))
    return { ok: false, code: 'FORBIDDEN', reason: 'claim the escalation before chatting with the guest' };
  await tx.chat.append({
    id: msg.id,
    escalationId: e.id,
    from: 'staff',
    staffId: member.id,
    name: member.name,
    text: msg.body.text,
    at: now,
  });
  await recordAudit(tx.audit, now, {
    actor: staffRef(ctx),
    action: 'chat.send',
    subject: `escalation:${e.id}`,
    detail: { text: msg.body.text },
    site: e.site,
  });
  const body = {
    escalationId: e.id,
    messageId: msg.id,
    from: 'staff' as const,
    name: member.name,
    text: msg.body.text,
    at: now,
  };
  return {
    entityId: e.id,
    out: (await guestDevices(tx, e.deviceId, { escalationId: e.id })).map((id) =>
      out('device', id, 'chat.message', body),
    ),
  };
};
