import type { DeviceUpMessage } from '@frontdesk/protocol';
import { chatAudience } from '../../../domain/index.js';
import { guestDevices } from '../../notify.js';
import { out } from '../../outbound.js';
import type { DeviceContext, Handler } from '../context.js';

/** The guest writes to the member of staff handling their escalation. */
export const deviceChatSend: Handler<DeviceContext, Extract<DeviceUpMessage, { type: 'chat.send' }>> = async (
  tx,
  ctx,
  msg,
) => {
  const { device, now } = ctx;
  const e = await tx.escalations.get(msg.body.escalationId);
  // The guest's phone may chat on an escalation a kiosk handed over to it, and on no other.
  const handedOver =
    e !== null &&
    device.kind === 'phone' &&
    (await tx.handovers.listAttached({ escalationId: e.id, phoneDeviceId: device.id })).length > 0;
  if (!e || (e.deviceId !== device.id && !handedOver))
    return { ok: false, code: 'NOT_FOUND', reason: `no escalation ${msg.body.escalationId} of this device` };
  if (e.status === 'resolved' || e.status === 'cancelled')
    return { ok: false, code: 'INVALID_STATE', reason: 'the conversation with staff has ended' };
  await tx.chat.append({
    id: msg.id,
    escalationId: e.id,
    from: 'guest',
    staffId: null,
    name: null,
    text: msg.body.text,
    at: now,
  });
  // Who works on it, and the site's supervisors (one may have joined the conversation).
  const to = chatAudience(e, await tx.staff.list(e.site), null);
  const body = {
    escalationId: e.id,
    messageId: msg.id,
    from: 'guest' as const,
    name: null,
    text: msg.body.text,
    at: now,
  };
  // The guest's other screen (kiosk or phone) sees what was written on this one.
  const guestScreens = (await guestDevices(tx, e.deviceId, { escalationId: e.id })).filter(
    (id) => id !== device.id,
  );
  return {
    entityId: e.id,
    out: [
      ...to.map((staffId) => out('staff', staffId, 'chat.message', body)),
      ...guestScreens.map((id) => out('device', id, 'chat.message', body)),
    ],
  };
};
