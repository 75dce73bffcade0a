import type { DeviceUpMessage } from '@frontdesk/protocol';
import { sha256Hex } from '../../../auth/secrets.js';
import { recordAudit } from '../../audit.js';
import type { DeviceContext, Handler } from '../context.js';

/** Stores the hash of a kiosk's continue-on-phone code, for the entities of this device only. */
export const handoverOffer: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'handover.offer' }>
> = async (tx, ctx, msg) => {
  const { device, now } = ctx;
  const body = msg.body;
  if (device.kind !== 'kiosk')
    return { ok: false, code: 'FORBIDDEN', reason: 'only a kiosk hands a conversation over' };
  const codeHash = sha256Hex(body.code);
  const existing = await tx.handovers.get(codeHash);
  if (existing)
    return existing.deviceId === device.id
      ? { entityId: null, out: [] }
      : { ok: false, code: 'CONFLICT', reason: 'this code is taken' };
  if (body.escalationId) {
    const e = await tx.escalations.get(body.escalationId);
    if (e && e.deviceId !== device.id)
      return { ok: false, code: 'FORBIDDEN', reason: `escalation ${e.id} belongs to another device` };
  }
  if (body.ticketId) {
    const t = await tx.tickets.get(body.ticketId);
    if (t && t.deviceId !== device.id)
      return { ok: false, code: 'FORBIDDEN', reason: `ticket ${t.id} belongs to another device` };
  }
  await tx.handovers.put({
    codeHash,
    site: device.site,
    deviceId: device.id,
    conversationId: body.conversationId,
    escalationId: body.escalationId ?? null,
    ticketId: body.ticketId ?? null,
    createdAt: now,
    expiresAt: now + body.ttlS * 1000,
    phoneDeviceId: null,
  });
  await recordAudit(tx.audit, now, {
    actor: `device:${device.id}`,
    action: 'handover.offer',
    subject: `conversation:${body.conversationId}`,
    detail: { escalationId: body.escalationId ?? null, ticketId: body.ticketId ?? null },
    site: device.site,
  });
  return { entityId: null, out: [] };
};
