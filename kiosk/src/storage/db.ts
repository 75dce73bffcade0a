import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DeviceUpType, KnowledgeBase } from '@frontdesk/protocol';

/** One request waiting for the server's `ack`, in the order it was made. */
export interface OutboxEntry {
  /** Insertion order; the outbox publishes by it. */
  seq?: number;
  /** The envelope id: the server's idempotency key, so sending it again is always safe. */
  id: string;
  type: DeviceUpType;
  body: unknown;
  /** When the guest made the request (the envelope's `ts`, the same on every resend). */
  ts: number;
  attempts: number;
  lastSentAt: number | null;
}

export interface KioskSettings {
  deviceId: string;
  secret: string;
  site: string;
  defaultLang: 'zh' | 'en';
  idleTimeoutS: number;
  /** Empty: MQTT over WebSocket on the origin that served the kiosk (`ws://<host>/mqtt`). */
  mqttUrl: string;
  /** Speech out: 0–100. */
  volume: number;
  /** Whether answers are read aloud for a new guest (the guest can still mute or unmute). */
  speakAnswers: boolean;
}

interface KioskDb extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { byId: string } };
  kv: { key: string; value: KioskSettings | KnowledgeBase | number };
}

export type KioskDatabase = IDBPDatabase<KioskDb>;

export const DB_NAME = 'frontdesk-kiosk';

export function openKioskDb(name = DB_NAME): Promise<KioskDatabase> {
  return openDB<KioskDb>(name, 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('byId', 'id', { unique: true });
      db.createObjectStore('kv');
    },
  });
}
