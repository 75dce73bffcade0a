import { recordAudit } from './audit.js';
import type { PhotoService } from './photos.js';
import type { Store } from '../store/store.js';

/** How long personal data is kept. Photos and transcripts go; escalations and tickets stay as records. */
export interface RetentionPolicy {
  photoDays: number;
  conversationDays: number;
  /** Processed-message ids: longer than any kiosk stays offline with a full outbox. */
  inboxDays: number;
  /** Failed-sign-in audit rows (`AUTH_FAILURE_ACTIONS`): the one part of the audit trail that goes. */
  authFailureDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes what is past its retention: photos (bytes and records, through the `PhotoService`),
 * conversation transcripts, old idempotency records, and the revocations of staff tokens that have
 * expired anyway (an expired token is refused without them). Returns what it removed; the audit trail
 * says so too (counts only).
 */
export async function applyRetention(
  store: Store,
  photos: PhotoService,
  policy: RetentionPolicy,
  now: number,
) {
  const photoCount = await photos.deleteCreatedBefore(now - policy.photoDays * DAY_MS);
  const conversations = await store.conversations.deleteUpdatedBefore(now - policy.conversationDays * DAY_MS);
  const inbox = await store.inbox.prune(now - policy.inboxDays * DAY_MS);
  const authFailures = await store.audit.deleteAuthFailuresBefore(now - policy.authFailureDays * DAY_MS);
  const revokedTokens = await store.revokedTokens.deleteExpiredBefore(now);
  if (photoCount + conversations + authFailures > 0) {
    await recordAudit(store.audit, now, {
      actor: 'system',
      action: 'retention.purge',
      subject: 'store',
      detail: { photos: photoCount, conversations, authFailures, policy },
      site: null,
    });
  }
  return { photos: photoCount, conversations, inbox, authFailures, revokedTokens };
}
