/**
 * What a device may act on: what it raised itself, and — for a guest's phone — what a kiosk handed
 * over to it (`handover.offer`, then the phone presenting the code). Everything else is answered as
 * if it did not exist: a device never learns whether another device's id is taken.
 */
import type { Device } from '../../../domain/index.js';
import type { Stores } from '../../../store/store.js';

type Owned = { id: string; deviceId: string };

/** Whether `device` raised `entity` or took it over from a kiosk by a handover. */
export async function ownsEntity(
  tx: Stores,
  device: Device,
  kind: 'escalation' | 'ticket',
  entity: Owned | null,
): Promise<boolean> {
  if (!entity) return false;
  if (entity.deviceId === device.id) return true;
  if (device.kind !== 'phone') return false;
  const which = kind === 'escalation' ? { escalationId: entity.id } : { ticketId: entity.id };
  const taken = await tx.handovers.listAttached({ ...which, phoneDeviceId: device.id });
  return taken.some((h) => h.deviceId === entity.deviceId);
}

/**
 * Whether `conversationId` is the device's own conversation: recorded as its own, or carried by one of
 * its escalations or tickets, or handed over to this phone.
 */
export async function ownsConversation(tx: Stores, device: Device, conversationId: string): Promise<boolean> {
  const c = await tx.conversations.get(conversationId);
  if (c) {
    if (c.site === device.site && c.deviceId === device.id) return true;
  } else {
    const escalations = await tx.escalations.list({ deviceId: device.id });
    if (escalations.some((e) => e.conversationId === conversationId)) return true;
    const tickets = await tx.tickets.list({ deviceId: device.id });
    if (tickets.some((t) => t.conversationId === conversationId)) return true;
  }
  if (device.kind !== 'phone') return false;
  const taken = await tx.handovers.listAttached({ phoneDeviceId: device.id });
  return taken.some((h) => h.conversationId === conversationId);
}

/** The one answer for "not yours" and "not there". */
export function notYours(kind: 'escalation' | 'ticket' | 'conversation') {
  return { ok: false as const, code: 'NOT_FOUND' as const, reason: `no such ${kind} of this device` };
}
