import type { StaffUpType } from '@frontdesk/protocol';
import type { ConsoleDatabase, OutboxEntry } from '../storage/db.js';

/**
 * Every action a member of staff takes (claim, chat, resolve, ticket status, duty), kept in
 * IndexedDB until the server acknowledges it: written here first, published from here only, so a
 * dead link or a reload loses nothing. The envelope id is the idempotency key of the resend.
 */
export class Outbox {
  constructor(private readonly db: ConsoleDatabase) {}

  async add(entry: Omit<OutboxEntry, 'attempts' | 'lastSentAt' | 'seq'>): Promise<OutboxEntry> {
    const full: OutboxEntry = { ...entry, attempts: 0, lastSentAt: null };
    const seq = await this.db.add('outbox', full);
    return { ...full, seq };
  }

  /** Not yet acknowledged, oldest first; only this member's (another's wait for their sign-in). */
  async pending(staffId: string): Promise<OutboxEntry[]> {
    return (await this.db.getAll('outbox')).filter((e) => e.staffId === staffId);
  }

  async markSent(id: string, at: number): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const entry = await tx.store.index('byId').get(id);
    if (entry) await tx.store.put({ ...entry, attempts: entry.attempts + 1, lastSentAt: at });
    await tx.done;
  }

  /** Removes the entry (acknowledged or refused); null when there was none (a duplicate answer). */
  async remove(id: string): Promise<OutboxEntry | null> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const key = await tx.store.index('byId').getKey(id);
    const entry = key === undefined ? undefined : await tx.store.get(key);
    if (key !== undefined) await tx.store.delete(key);
    await tx.done;
    return entry ?? null;
  }

  async clear(staffId: string): Promise<void> {
    for (const e of await this.pending(staffId)) await this.remove(e.id);
  }
}

/** Which entries to publish at `now`: never sent, or sent longer than `ackTimeoutMs` ago (or `all`, after a reconnect). */
export function dueForSend(
  entries: readonly OutboxEntry[],
  now: number,
  ackTimeoutMs: number,
  all = false,
): OutboxEntry[] {
  return entries.filter((e) => all || e.lastSentAt === null || now - e.lastSentAt >= ackTimeoutMs);
}

export type { OutboxEntry, StaffUpType };
