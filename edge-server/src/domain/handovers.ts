import type { Handover } from './types.js';

/**
 * When a continue-on-phone handover is over. Its code may be presented until `expiresAt`. A row no
 * phone took is worthless after that; a row a phone took is the phone's link to the ticket and
 * request it follows (updates, chat), so it stays as long as conversation transcripts do.
 */
export interface HandoverPurgePolicy {
  /** How long an attached handover outlives its code (ms): the conversation retention. */
  attachedKeepMs: number;
}

/** The code can no longer be presented (the phone page and a new phone session refuse it). */
export function isHandoverCodeExpired(h: Pick<Handover, 'expiresAt'>, now: number): boolean {
  return h.expiresAt <= now;
}

/** Rows whose code expired at or before these instants go: one for unattached rows, one for attached. */
export interface HandoverCutoffs {
  unattached: number;
  attached: number;
}

export function handoverCutoffs(now: number, policy: HandoverPurgePolicy): HandoverCutoffs {
  return { unattached: now, attached: now - policy.attachedKeepMs };
}

/** Whether a stored handover is past keeping; a store's `deleteExpired` deletes exactly these. */
export function isHandoverPurgeable(
  h: Pick<Handover, 'expiresAt' | 'phoneDeviceId'>,
  cutoffs: HandoverCutoffs,
): boolean {
  return h.expiresAt <= (h.phoneDeviceId === null ? cutoffs.unattached : cutoffs.attached);
}
