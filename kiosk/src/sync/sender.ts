import {
  ERROR_MESSAGES,
  MAX_UP_PAYLOAD_BYTES,
  envelope,
  topics,
  utf8Length,
  type DeviceUpType,
  type DownBody,
  type ErrorCode,
} from '@frontdesk/protocol';
import type { OutboxEntry } from '../storage/db.js';
import type { Outbox } from './outbox.js';
import { PhotoUploadError, type PhotoStore, type PhotoUploader } from './photos.js';

/** Server errors after which the same request may succeed later: it stays in the outbox. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INTERNAL', 'RATE_LIMITED']);

export interface SenderDeps {
  outbox: Outbox;
  deviceId: string;
  /**
   * Queues one QoS 1 publish on the live connection. Called only while connected, in outbox order;
   * it does not wait for the PUBACK (the server's `ack` is what counts, not the broker's).
   */
  publish(topic: string, payload: string): void;
  now(): number;
  newId(): string;
  /** Unacknowledged entries are sent again after this long (and after every reconnect). */
  ackTimeoutMs: number;
  /** The number of entries waiting changed. */
  onPending?(count: number): void;
  /** Where photos wait and how they reach the server; needed only for requests that carry photos. */
  photos?: { store: PhotoStore; uploader: PhotoUploader };
  /**
   * A request the kiosk refused itself, never sent: over the 64 KiB a message may carry (the broker
   * would close the connection on it, and the outbox would send it again on every reconnect).
   */
  onRefused?(settled: Settled): void;
  /** A photo upload failed (for diagnostics); the request waits and is tried again on the next pass. */
  onUploadError?(error: unknown): void;
}

export type Settled =
  | { entry: OutboxEntry; outcome: 'ack'; ack: DownBody<'ack'> }
  | { entry: OutboxEntry; outcome: 'rejected'; error: DownBody<'error'> };

/**
 * Delivers the outbox: every request is written first, then published in order; an entry leaves only
 * on the server's `ack` for its id, or on an error the same request cannot recover from. All I/O and
 * the clock are passed in, so the delivery rules are tested without a broker or real time.
 */
export class OutboxSender {
  private online = false;
  /** One send pass at a time, so entries go out in order even when requests come in bursts. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SenderDeps) {}

  /**
   * Writes the request to the outbox, then sends it if the link is up. Returns its envelope id.
   * `photos`: keys in the photo store to upload first (their ids are added to `body.photoIds`).
   */
  async enqueue(type: DeviceUpType, body: unknown, options: { photos?: string[] } = {}): Promise<string> {
    const id = this.deps.newId();
    await this.deps.outbox.add(id, type, body, this.deps.now(), options.photos ?? []);
    await this.notify();
    await this.serial(() => this.sendWhere((e) => e.lastSentAt === null));
    return id;
  }

  /** The link came up (send everything not yet acknowledged, in order) or went down. */
  async setOnline(online: boolean): Promise<void> {
    this.online = online;
    if (online) await this.serial(() => this.sendWhere(() => true));
  }

  /** Re-sends what has waited longer than the ack timeout; call it from a periodic timer. */
  async tick(): Promise<void> {
    const due = this.deps.now() - this.deps.ackTimeoutMs;
    await this.serial(() => this.sendWhere((e) => e.lastSentAt === null || e.lastSentAt <= due));
  }

  /** The server committed a request. Null when the id is not ours (a duplicate ack). */
  async handleAck(ack: DownBody<'ack'>): Promise<Settled | null> {
    const entry = await this.deps.outbox.remove(ack.ref);
    await this.notify();
    return entry ? { entry, outcome: 'ack', ack } : null;
  }

  /** The server refused a request: final errors drop it, retryable ones leave it for the next pass. */
  async handleError(error: DownBody<'error'>): Promise<Settled | null> {
    if (error.ref === null || RETRYABLE.has(error.code)) return null;
    const entry = await this.deps.outbox.remove(error.ref);
    await this.notify();
    return entry ? { entry, outcome: 'rejected', error } : null;
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async sendWhere(select: (e: OutboxEntry) => boolean): Promise<void> {
    if (!this.online) return;
    const topic = topics.device(this.deps.deviceId, 'up');
    for (const pending of await this.deps.outbox.pending()) {
      if (!this.online) return;
      if (!select(pending)) continue;
      // Photos first: a request is published only once the server has every photo it refers to.
      // Until then nothing after it goes out either, so requests keep their order.
      const entry = await this.uploadPhotos(pending);
      if (!entry) return;
      const message = envelope(entry.type, entry.body, {
        id: entry.id,
        from: this.deps.deviceId,
        ts: entry.ts,
      });
      const payload = JSON.stringify(message);
      const bytes = utf8Length(payload);
      if (bytes > MAX_UP_PAYLOAD_BYTES) {
        await this.refuseTooLarge(entry, bytes);
        continue;
      }
      this.deps.publish(topic, payload);
      await this.deps.outbox.markSent(entry.id, this.deps.now());
    }
  }

  private async refuseTooLarge(entry: OutboxEntry, bytes: number): Promise<void> {
    await this.deps.outbox.remove(entry.id);
    await this.notify();
    const text = ERROR_MESSAGES.PAYLOAD_TOO_LARGE;
    const error: DownBody<'error'> = {
      code: 'PAYLOAD_TOO_LARGE',
      message: `${text.en} (${bytes} bytes; the limit is ${MAX_UP_PAYLOAD_BYTES})`,
      messageZh: text.zh,
      ref: entry.id,
    };
    this.deps.onRefused?.({ entry, outcome: 'rejected', error });
  }

  /** The entry with its photos uploaded, or null when an upload must be tried again later. */
  private async uploadPhotos(entry: OutboxEntry): Promise<OutboxEntry | null> {
    let current = entry;
    for (const key of entry.photos ?? []) {
      const photos = this.deps.photos;
      if (!photos) return null;
      const stored = await photos.store.get(key);
      try {
        if (stored) {
          const { photoId } = await photos.uploader.upload(stored.blob);
          current = (await this.deps.outbox.photoUploaded(entry.id, key, photoId)) ?? current;
        } else {
          // The photo is gone from the kiosk (storage evicted): the request goes without it.
          current = (await this.deps.outbox.photoUploaded(entry.id, key, '')) ?? current;
        }
      } catch (error) {
        if (error instanceof PhotoUploadError && error.kind === 'reject') {
          // The server will never take this photo: the request goes without it rather than never.
          current = (await this.deps.outbox.photoUploaded(entry.id, key, '')) ?? current;
        } else {
          this.deps.onUploadError?.(error);
          return null;
        }
      }
      // The server has it (or never will): the kiosk keeps no copy.
      await photos.store.delete(key);
    }
    return current;
  }

  /** Reports how many entries are waiting (call once at start: a reload may have left some). */
  async notify(): Promise<void> {
    if (this.deps.onPending) this.deps.onPending(await this.deps.outbox.count());
  }
}
