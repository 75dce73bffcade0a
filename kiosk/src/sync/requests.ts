import { envelope, topics, type DeviceUpBody, type DownBody, type DownMessage } from '@frontdesk/protocol';

/**
 * Interactive request / reply with the edge server (booking and appointment lookups, check-in, check-out).
 * Unlike everything else the kiosk sends, these never go through the outbox: an answer that arrives
 * minutes later would reach a different guest. Offline, or without a reply in time, the request fails at
 * once and the feature hands the guest to the desk. A retry re-sends the same envelope id, which the
 * server answers with its first reply (never a second key or queue number).
 */
export type RequestType =
  'booking.find' | 'checkin.complete' | 'checkout.complete' | 'appointment.find' | 'appointment.checkin';

export interface ReplyTypes {
  'booking.find': 'booking.found';
  'checkin.complete': 'checkin.completed';
  'checkout.complete': 'checkout.completed';
  'appointment.find': 'appointment.found';
  'appointment.checkin': 'appointment.checked_in';
}

const REPLY_TYPES: ReplyTypes = {
  'booking.find': 'booking.found',
  'checkin.complete': 'checkin.completed',
  'checkout.complete': 'checkout.completed',
  'appointment.find': 'appointment.found',
  'appointment.checkin': 'appointment.checked_in',
};

export type ReplyOf<T extends RequestType> = DownBody<ReplyTypes[T]>;
export type RequestBody<T extends RequestType> = Omit<DeviceUpBody<T>, 'requestId'>;

/** Why there is no reply: offline now, no answer in time, or the server refused the message itself. */
export type RequestFailureReason = 'offline' | 'timeout' | 'rejected';

export class RequestFailure extends Error {
  constructor(readonly reason: RequestFailureReason) {
    super(`request failed: ${reason}`);
    this.name = 'RequestFailure';
  }
}

export interface RequestClientDeps {
  deviceId: string;
  /** Publishes on the live connection (QoS 1). */
  publish(topic: string, payload: string): void;
  /** Whether the link is up now. */
  online(): boolean;
  newId(): string;
  now(): number;
  setTimer(fn: () => void, ms: number): () => void;
  /** How long one attempt waits for its reply. */
  timeoutMs: number;
}

interface Pending {
  replyType: string;
  resolve(body: unknown): void;
  reject(error: RequestFailure): void;
}

export class RequestClient {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: RequestClientDeps) {}

  /**
   * Sends `type` and resolves with its reply. `attempts` > 1 re-sends the same envelope after each
   * timeout while the link is up (the final operations, which the server answers once).
   */
  async request<T extends RequestType>(
    type: T,
    body: RequestBody<T>,
    options: { attempts?: number } = {},
  ): Promise<ReplyOf<T>> {
    const id = this.deps.newId();
    const payload = JSON.stringify(
      envelope(type, { ...body, requestId: id }, { id, from: this.deps.deviceId, ts: this.deps.now() }),
    );
    const attempts = Math.max(1, options.attempts ?? 1);
    for (let attempt = 1; ; attempt++) {
      if (!this.deps.online()) throw new RequestFailure('offline');
      try {
        return (await this.once(id, REPLY_TYPES[type], payload)) as ReplyOf<T>;
      } catch (error) {
        if (!(error instanceof RequestFailure) || error.reason !== 'timeout' || attempt >= attempts)
          throw error;
      }
    }
  }

  /** A message from the server: settles the request it answers, if any. Returns whether it did. */
  received(message: DownMessage): boolean {
    if (message.type === 'error') {
      const p = message.body.ref ? this.pending.get(message.body.ref) : undefined;
      if (!p || !message.body.ref) return false;
      this.pending.delete(message.body.ref);
      p.reject(new RequestFailure('rejected'));
      return true;
    }
    const body = message.body as { requestId?: unknown };
    if (typeof body.requestId !== 'string') return false;
    const p = this.pending.get(body.requestId);
    if (!p || p.replyType !== message.type) return false;
    this.pending.delete(body.requestId);
    p.resolve(message.body);
    return true;
  }

  /** Drops every waiting request (the guest walked away): late replies are then ignored. */
  abandonAll(): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new RequestFailure('timeout'));
    }
  }

  private once(id: string, replyType: string, payload: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const cancel = this.deps.setTimer(() => {
        if (this.pending.get(id)?.replyType !== replyType) return;
        this.pending.delete(id);
        reject(new RequestFailure('timeout'));
      }, this.deps.timeoutMs);
      this.pending.set(id, {
        replyType,
        resolve: (b) => {
          cancel();
          resolve(b);
        },
        reject: (e) => {
          cancel();
          reject(e);
        },
      });
      this.deps.publish(topics.device(this.deps.deviceId, 'up'), payload);
    });
  }
}
