import type { DeviceUpType } from '@frontdesk/protocol';
import type { KioskDatabase, OutboxEntry } from '../storage/db.js';

/**
 * Every request the kiosk makes, kept in IndexedDB until the server acknowledges it. Writing here
 * first is what makes a request survive a reload, a power cut or a dead link: the sender only ever
 * publishes what is in the outbox.
 */
export class Outbox {
  constructor(private readonly db: KioskDatabase) {}

  async add(id: string, type: DeviceUpType, body: unknown, ts: number): Promise<OutboxEntry> {
    const entry: OutboxEntry = { id, type, body, ts, attempts: 0, lastSentAt: null };
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
