import type { StaffUpMessage } from '@frontdesk/protocol';
import { chatAudience, staffChatRefusal } from '../../../domain/index.js';
import { recordAudit } from '../../audit.js';
import { guestDevices } from '../../notify.js';
import { out } from '../../outbound.js';
import type { Handler, StaffContext } from '../context.js';
import { noEscalation, siteEscalation, staffRef } from './escalation.js';

/**
 * The member of staff handling an escalation, or a supervisor joining it, writes to the guest's
 * screens; the line is echoed to the writer's other consoles, the assignee and the site's supervisors.
 */
export const staffChatSend: Handler<StaffContext, Extract<StaffUpMessage, { type: 'chat.send' }>> = async (
  tx,
  ctx,
  msg,
) => {
  const { member, now } = ctx;
  const e = await siteEscalation(tx, ctx, msg.body.escalationId);
  if (!e) return noEscalation(msg.body.escalationId);
  const refused = staffChatRefusal(e, member);
  if (refused) return refused;
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
    detail: { text: msg.body.text, ...(e.assigneeId !== member.id ? { joined: true } : {}) },
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
  const staff = chatAudience(e, await tx.staff.list(e.site), member.id);
  return {
    entityId: e.id,
    out: [
      ...(await guestDevices(tx, e.deviceId, { escalationId: e.id })).map((id) =>
        out('device', id, 'chat.message', body),
      ),
      ...staff.map((id) => out('staff', id, 'chat.message', body)),
    ],
  };
};
