import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { KnowledgeBase, StaffUpType } from '@frontdesk/protocol';
import type { ChatLine, Session } from '../app/state.js';
import type { StaffEscalationView, TicketView } from '@frontdesk/protocol';

/** One request waiting for the server's `ack`, in the order it was made. */
export interface OutboxEntry {
  seq?: number;
  /** The envelope id: the server's idempotency key, so sending it again is always safe. */
  id: string;
  /** Whose request it is: a handheld may be shared between shifts. */
  staffId: string;
  type: StaffUpType;
  body: Record<string, unknown>;
  ts: number;
  attempts: number;
  lastSentAt: number | null;
}

export interface ConsolePrefs {
  lang: 'zh' | 'en';
  onDuty: boolean;
  place: string | null;
}

/** What was on screen, so the console opens offline with the work it had (per member of staff). */
export interface WorkCache {
  escalations: StaffEscalationView[];
  tickets: TicketView[];
  chats: Record<string, ChatLine[]>;
}

interface ConsoleDb extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { byId: string } };
  /** Chat drafts by escalation id (and the resolve note as `note:<id>`): a typed reply is never lost. */
  drafts: { key: string; value: string };
  kv: { key: string; value: Session | KnowledgeBase | ConsolePrefs | WorkCache | string };
}

export type ConsoleDatabase = IDBPDatabase<ConsoleDb>;
export const DB_NAME = 'frontdesk-console';

export function openConsoleDb(name = DB_NAME): Promise<ConsoleDatabase> {
  return openDB<ConsoleDb>(name, 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('byId', 'id', { unique: true });
      db.createObjectStore('drafts');
      db.createObjectStore('kv');
    },
  });
}

/** Drafts survive a reload, a crash and an expired session. */
export class Drafts {
  constructor(private readonly db: ConsoleDatabase) {}

  async get(key: string): Promise<string> {
    return (await this.db.get('drafts', key)) ?? '';
  }

  async set(key: string, text: string): Promise<void> {
    if (text) await this.db.put('drafts', text, key);
    else await this.db.delete('drafts', key);
  }
}

export class Kv {
  constructor(private readonly db: ConsoleDatabase) {}

  async session(): Promise<Session | null> {
    return ((await this.db.get('kv', 'session')) as Session | undefined) ?? null;
  }

  async setSession(session: Session | null): Promise<void> {
    if (session) await this.db.put('kv', session, 'session');
    else await this.db.delete('kv', 'session');
  }

  async kb(site: string): Promise<KnowledgeBase | null> {
    return ((await this.db.get('kv', `kb:${site}`)) as KnowledgeBase | undefined) ?? null;
  }

  async setKb(kb: KnowledgeBase): Promise<void> {
    await this.db.put('kv', kb, `kb:${kb.site}`);
  }

  async work(staffId: string): Promise<WorkCache | null> {
    return ((await this.db.get('kv', `work:${staffId}`)) as WorkCache | undefined) ?? null;
  }

  async setWork(staffId: string, work: WorkCache): Promise<void> {
    await this.db.put('kv', work, `work:${staffId}`);
  }

  async clearWork(staffId: string): Promise<void> {
    await this.db.delete('kv', `work:${staffId}`);
  }

  async prefs(): Promise<ConsolePrefs | null> {
    return ((await this.db.get('kv', 'prefs')) as ConsolePrefs | undefined) ?? null;
  }

  async setPrefs(prefs: ConsolePrefs): Promise<void> {
    await this.db.put('kv', prefs, 'prefs');
  }
}
