import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { maskPersonalData } from '../domain/privacy.js';
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
 * Deletes what is past its retention: photo files and their records, conversation transcripts,
 * failed-sign-in audit rows, and old idempotency records. Returns what it removed; the audit trail says so too (counts only).
 */
export async function applyRetention(store: Store, dataDir: string, policy: RetentionPolicy, now: number) {
  let photos = 0;
  for (;;) {
    const batch = await store.photos.listCreatedBefore(now - policy.photoDays * DAY_MS, 500);
    if (batch.length === 0) break;
    for (const photo of batch) {
      // The file first: a crash in between leaves a record without a file (served as 404), never an
      // orphaned image of a guest's room that nobody knows about.
      await rm(join(dataDir, 'photos', photo.sha256), { force: true });
      await store.photos.delete(photo.id);
      photos++;
    }
  }
  const conversations = await store.conversations.deleteUpdatedBefore(now - policy.conversationDays * DAY_MS);
  const inbox = await store.inbox.prune(now - policy.inboxDays * DAY_MS);
  const authFailures = await store.audit.deleteAuthFailuresBefore(now - policy.authFailureDays * DAY_MS);
  if (photos + conversations + authFailures > 0) {
    await store.audit.append({
      at: now,
      actor: 'system',
      action: 'retention.purge',
      subject: 'store',
      detail: maskPersonalData({ photos, conversations, authFailures, policy }),
    });
  }
  return { photos, conversations, inbox, authFailures };
}
