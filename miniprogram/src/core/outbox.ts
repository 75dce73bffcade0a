import {
  decodeDeviceUp,
  envelope,
  topics,
  type DeviceUpType,
  type DownBody,
  type ErrorCode,
} from '@frontdesk/protocol';

/**
 * Synchronous key–value storage: `Taro.setStorageSync` / `getStorageSync` in the app (WeChat's
 * storage, `localStorage` in H5), a map in tests.
 */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface OutboxEntry {
  /** The envelope id: the same on every attempt, so the server's inbox drops a repeat. */
  id: string;
  type: DeviceUpType;
  body: unknown;
  ts: number;
  attempts: number;
  lastSentAt: number | null;
}

export const OUTBOX_KEY = 'frontdesk.outbox';

/**
 * Every request the phone makes, kept in storage until the server acknowledges it, so nothing typed
 * is lost when the phone drops off the network or WeChat closes the app.
 */
export class Outbox {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key = OUTBOX_KEY,
  ) {}

  all(): OutboxEntry[] {
    const raw = this.storage.get(this.key);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
    } catch {
      return [];
    }
  }

  add(entry: OutboxEntry): void {
    this.save([...this.all().filter((e) => e.id !== entry.id), entry]);
  }

  markSent(id: string, at: number): void {
    this.save(this.all().map((e) => (e.id === id ? { ...e, attempts: e.attempts + 1, lastSentAt: at } : e)));
  }

  /** Removes the entry with this envelope id; null when there was none (a duplicate ack). */
  remove(id: string): OutboxEntry | null {
    const entries = this.all();
    const found = entries.find((e) => e.id === id) ?? null;
    if (found) this.save(entries.filter((e) => e.id !== id));
    return found;
  }

  private save(entries: OutboxEntry[]): void {
    this.storage.set(this.key, JSON.stringify(entries));
  }
}

/** Server errors after which the same request may succeed later: it stays in the outbox. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INTERNAL', 'RATE_LIMITED']);

export interface SenderDeps {
  outbox: Outbox;
  deviceId(): string;
  /** One QoS 1 publish on the live connection (the server's `ack` is what counts, not the PUBACK). */
  publish(topic: string, payload: string): void;
  now(): number;
  newId(): string;
  /** Unacknowledged entries are sent again after this long (and after every reconnect). */
  ackTimeoutMs: number;
}

export type Settled =
  | { entry: OutboxEntry; outcome: 'ack'; ack: DownBody<'ack'> }
  | { entry: OutboxEntry; outcome: 'rejected'; error: DownBody<'error'> };

/**
 * Delivers the outbox in order: a request is checked against the protocol's schema, written, then
 * published when the link is up; it leaves only on the server's `ack` for its id, or on an error the
 * same request cannot recover from.
 */
export class OutboxSender {
  private online = false;

  constructor(private readonly deps: SenderDeps) {}

  /** Writes the request to the outbox and sends it if the link is up; returns its envelope id. */
  enqueue(type: DeviceUpType, body: unknown): string {
    const id = this.deps.newId();
    const ts = this.deps.now();
    const message = envelope(type, body, { id, from: this.deps.deviceId(), ts });
    const checked = decodeDeviceUp(JSON.stringify(message));
    if (!checked.ok) throw new Error(`invalid ${type}: ${checked.reason}`);
    this.deps.outbox.add({ id, type, body: checked.message.body, ts, attempts: 0, lastSentAt: null });
    this.sendWhere((e) => e.lastSentAt === null);
    return id;
  }

  /** The link came up (send everything not yet acknowledged, in order) or went down. */
  setOnline(online: boolean): void {
    this.online = online;
    if (online) this.sendWhere(() => true);
  }

  /** Re-sends what has waited longer than the ack timeout; call it from a periodic timer. */
  tick(): void {
    const due = this.deps.now() - this.deps.ackTimeoutMs;
    this.sendWhere((e) => e.lastSentAt === null || e.lastSentAt <= due);
  }

  pendingCount(): number {
    return this.deps.outbox.all().length;
  }

  handleAck(ack: DownBody<'ack'>): Settled | null {
    const entry = this.deps.outbox.remove(ack.ref);
    return entry ? { entry, outcome: 'ack', ack } : null;
  }

  /** Final errors drop the request; retryable ones leave it for the next pass. */
  handleError(error: DownBody<'error'>): Settled | null {
    if (error.ref === null || RETRYABLE.has(error.code)) return null;
    const entry = this.deps.outbox.remove(error.ref);
    return entry ? { entry, outcome: 'rejected', error } : null;
  }

  private sendWhere(select: (e: OutboxEntry) => boolean): void {
    if (!this.online) return;
    const from = this.deps.deviceId();
    const topic = topics.device(from, 'up');
    for (const entry of this.deps.outbox.all()) {
      if (!select(entry)) continue;
      // A request written before a new sign-in goes out as this session's device.
      const message = envelope(entry.type, entry.body, { id: entry.id, from, ts: entry.ts });
      this.deps.publish(topic, JSON.stringify(message));
      this.deps.outbox.markSent(entry.id, this.deps.now());
    }
  }
}
