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
  /**
   * Keys of photos in the `photos` store that must be uploaded (`POST /api/photos`) before this
   * request is published; their server ids are then appended to `body.photoIds`. Empty or absent:
   * nothing to upload.
   */
  photos?: string[];
}

/** A photo taken on the kiosk, kept until it is uploaded (then deleted from the kiosk). */
export interface StoredPhoto {
  key: string;
  blob: Blob;
  takenAt: number;
}

export interface KioskSettings {
  deviceId: string;
  secret: string;
  site: string;
  defaultLang: 'zh' | 'en';
  idleTimeoutS: number;
  /** Empty: MQTT over WebSocket on the origin that served the kiosk (`ws://<host>/mqtt`). */
  mqttUrl: string;
  /** The KB place this kiosk stands at; empty: the place of its registration on the server. */
  place: string;
  /** Speech out: 0–100. */
  volume: number;
  /** Whether answers are read aloud for a new guest (the guest can still mute or unmute). */
  speakAnswers: boolean;
}

interface KioskDb extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { byId: string } };
  kv: { key: string; value: KioskSettings | KnowledgeBase | number | string };
  photos: { key: string; value: StoredPhoto };
}

export type KioskDatabase = IDBPDatabase<KioskDb>;

export const DB_NAME = 'frontdesk-kiosk';

export function openKioskDb(name = DB_NAME): Promise<KioskDatabase> {
  return openDB<KioskDb>(name, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        outbox.createIndex('byId', 'id', { unique: true });
        db.createObjectStore('kv');
      }
      // Version 2: photos waiting for upload (fault reports), kept across reloads and power cuts.
      if (oldVersion < 2) db.createObjectStore('photos', { keyPath: 'key' });
    },
  });
}
