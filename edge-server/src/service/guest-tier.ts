/**
 * A guest identified by a booking lookup: their tier is attached to the kiosk conversation they are
 * in, and a request for a person raised from that conversation carries `vip` (real data, not a flag
 * the kiosk chose).
 */
import type { Conversation, Device } from '../domain/index.js';
import type { Stores } from '../store/store.js';
import type { JourneyMessage, JourneyOutcome } from './journeys.js';

export async function attachGuest(
  tx: Stores,
  device: Device,
  msg: JourneyMessage,
  outcome: JourneyOutcome | null,
  now: number,
): Promise<void> {
  if (!outcome?.guest || msg.type !== 'booking.find' || !msg.body.conversationId) return;
  const id = msg.body.conversationId;
  const existing = await tx.conversations.get(id);
  // Another device's conversation is not this guest's: nothing is attached to it.
  if (existing && (existing.deviceId !== device.id || existing.site !== device.site)) return;
  const base: Conversation = existing ?? {
    id,
    site: device.site,
    deviceId: device.id,
    lang: 'zh',
    turns: [],
    unansweredStreak: 0,
    startedAt: now,
    updatedAt: now,
  };
  await tx.conversations.put({ ...base, guest: outcome.guest, updatedAt: now });
}

/** Whether the guest of this device's conversation is a VIP, by what a booking lookup found. */
export async function conversationIsVip(
  tx: Stores,
  device: Device,
  conversationId: string,
): Promise<boolean> {
  const c = await tx.conversations.get(conversationId);
  return c !== null && c.deviceId === device.id && c.guest?.tier === 'vip';
}
