import type { DeviceUpType } from '@frontdesk/protocol';
import type { KioskDatabase, OutboxEntry } from '../storage/db.js';

/**
 * Every request the kiosk makes, kept in IndexedDB until the server acknowledges it. Writing here
 * first is what makes a request survive a reload, a power cut or a dead link: the sender only ever
 * publishes what is in the outbox.
 */
export class Outbox {
  constructor(private readonly db: KioskDatabase) {}

  async add(
    id: string,
    type: DeviceUpType,
    body: unknown,
    ts: number,
    photos: string[] = [],
  ): Promise<OutboxEntry> {
    const entry: OutboxEntry = {
      id,
      type,
      body,
      ts,
      attempts: 0,
      lastSentAt: null,
      ...(photos.length > 0 ? { photos } : {}),
    };
    const seq = await this.db.add('outbox', entry);
    return { ...entry, seq };
  }

  /** Everything not yet acknowledged, oldest first. */
  async pending(): Promise<OutboxEntry[]> {
    return this.db.getAll('outbox');
  }

  async count(): Promise<number> {
    return this.db.count('outbox');
  }

  async markSent(id: string, at: number): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const entry = await tx.store.index('byId').get(id);
    if (entry) await tx.store.put({ ...entry, attempts: entry.attempts + 1, lastSentAt: at });
    await tx.done;
  }

  /**
   * One photo of the entry is on the server: its id joins `body.photoIds` and it leaves `photos`,
   * in one transaction, so a reload finds either the photo still to upload or its id in the body.
   */
  async photoUploaded(id: string, photoKey: string, photoId: string): Promise<OutboxEntry | null> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const entry = await tx.store.index('byId').get(id);
    if (!entry) {
      await tx.done;
      return null;
    }
    const body = (entry.body ?? {}) as { photoIds?: string[] };
    // An empty id: the photo was let go (refused or lost); only its pending key is removed.
    const kept = (body.photoIds ?? []).filter((p) => p !== photoId);
    const photoIds = photoId ? [...kept, photoId] : kept;
    const next: OutboxEntry = {
      ...entry,
      body: { ...body, photoIds },
      photos: (entry.photos ?? []).filter((k) => k !== photoKey),
    };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /** Removes the entry with this envelope id; false when there was none (a duplicate ack). */
  async remove(id: string): Promise<OutboxEntry | null> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const key = await tx.store.index('byId').getKey(id);
    const entry = key === undefined ? undefined : await tx.store.get(key);
    if (key !== undefined) await tx.store.delete(key);
    await tx.done;
    return entry ?? null;
  }
}
