/**
 * The message pipeline: a delivered MQTT message is validated → authorised → deduplicated → decided
 * by its handler and committed in one transaction (with its inbox record) → and only then published
 * and acknowledged. Every input is answered: an ack, or an error with a stable code on the sender's
 * error topic. Nothing here throws for bad input.
 */
import {
  decodeDeviceUp,
  decodeStaffUp,
  parseTopic,
  statusPayloadSchema,
  topics,
  type DeviceUpMessage,
  type DownType,
  type PrincipalKind,
  type StaffUpMessage,
} from '@frontdesk/protocol';
import type { Logger } from 'pino';
import type { HandlingOutcome, Metrics } from '../metrics.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import { attachGuest } from './guest-tier.js';
import type { Clock } from './clock.js';
import type { HandlerContext } from './handlers/context.js';
import { onDeviceMessage, onStaffMessage } from './handlers/index.js';
import {
  FINAL_JOURNEY_TYPES,
  isJourneyMessage,
  unavailableReply,
  type JourneyMessage,
  type JourneyOutcome,
  type Journeys,
} from './journeys.js';
import { isError, type Handled, type Outbox } from './outbound.js';

export interface PipelineDeps {
  store: Store;
  clock: Clock;
  outbox: Outbox;
  logger: Logger;
  metrics: Metrics;
  journeys: Journeys;
  /** The handlers' context for a message decided at `now`. */
  context(now: number): HandlerContext;
  queueChanged(site: string): void;
  /** Someone came online: escalations waiting at the last level may now be offered to them. */
  presenceOnline(): Promise<unknown>;
  /** Per-device message budgets (auth/limiter.ts); none: not limited. */
  messageLimiter?: MessageLimiter;
}

/** Takes one message of `type` from the sender's budget; a reason when it is spent, else null. */
export interface MessageLimiter {
  take(kind: PrincipalKind, id: string, type: string, now: number): string | null;
}

export class MessagePipeline {
  constructor(private readonly deps: PipelineDeps) {}

  /** The broker delivered `payload` on `topic`. Resolves once it is handled and committed. */
  async handle(topic: string, payload: Buffer): Promise<void> {
    const t = parseTopic(topic);
    if (!t || t.kind === 'site') return;
    if (t.channel === 'up') {
      const started = performance.now();
      let outcome: HandlingOutcome = 'failed';
      try {
        outcome = await this.handleUp(t.kind, t.id, payload);
      } finally {
        this.deps.metrics.handled(t.kind, outcome, performance.now() - started);
      }
      return;
    }
    if (t.channel === 'status') return this.handleStatus(t.kind, t.id, payload);
  }

  private async handleUp(kind: PrincipalKind, id: string, payload: Buffer): Promise<HandlingOutcome> {
    const { metrics, outbox, store } = this.deps;
    metrics.messagesIn++;
    const decoded = kind === 'device' ? decodeDeviceUp(payload) : decodeStaffUp(payload);
    if (!decoded.ok) return this.refuse(kind, id, decoded.code, decoded.reason, decoded.ref);
    const msg = decoded.message;
    if (msg.from !== id)
      return this.refuse(
        kind,
        id,
        'FORBIDDEN',
        `"from" is ${msg.from} but the topic belongs to ${id}`,
        msg.id,
      );
    const seen = await store.inbox.get(id, msg.id);
    if (seen) {
      metrics.duplicates++;
      // A retried journey step gets the first reply again: the same room and key, the same queue number.
      if (seen.reply)
        await outbox.flush([
          { topic: topics.of(kind, id, 'down'), type: seen.reply.type as DownType, body: seen.reply.body },
        ]);
      await outbox.send(kind, id, 'ack', { ref: msg.id, duplicate: true, entityId: seen.entityId });
      return 'duplicate';
    }
    // Over the device's budget: refused before anything is stored or anyone is paged (a retry of what
    // was already done is answered above without spending it).
    const limited = this.deps.messageLimiter?.take(kind, id, msg.type, this.deps.clock.now());
    if (limited) return this.refuse(kind, id, 'RATE_LIMITED', limited, msg.id);
    if (kind === 'device' && isJourneyMessage(msg as DeviceUpMessage))
      return this.handleJourney(id, msg as JourneyMessage);
    let result: Handled;
    try {
      result = await store.transaction(async (tx) => {
        const now = this.deps.clock.now();
        const ctx = this.deps.context(now);
        const r =
          kind === 'device'
            ? await onDeviceMessage(tx, ctx, id, msg as DeviceUpMessage)
            : await onStaffMessage(tx, ctx, id, msg as StaffUpMessage);
        // Recorded in the same transaction as its effects: a replay after a crash finds it, or finds nothing.
        if (!isError(r)) await tx.inbox.put({ source: id, messageId: msg.id, entityId: r.entityId, at: now });
        return r;
      });
    } catch (err) {
      this.deps.logger.error({ err, kind, id, type: msg.type }, 'handler failed');
      await outbox.reject(kind, id, 'INTERNAL', 'the server could not process this message', msg.id);
      return 'failed';
    }
    if (isError(result)) return this.refuse(kind, id, result.code, result.reason, msg.id, result.details);
    metrics.messagesAccepted++;
    await outbox.flush(result.out);
    await outbox.send(kind, id, 'ack', { ref: msg.id, duplicate: false, entityId: result.entityId });
    // Coming on duty is like coming online: unstaffed and last-level work may now be offered to them.
    if (msg.type === 'presence.set' && msg.body.onDuty) await this.deps.presenceOnline();
    return 'accepted';
  }

  /**
   * A journey step: ask the hotel or hospital system (outside the store's transaction: it is another
   * system), then record the audit entry and, for the final operations, the reply with the inbox
   * record, in one transaction. A system that fails gets a `SYSTEM_UNAVAILABLE` reply, not recorded,
   * so the kiosk's retry asks again.
   */
  private async handleJourney(deviceId: string, msg: JourneyMessage): Promise<HandlingOutcome> {
    const { store, metrics, logger, outbox } = this.deps;
    const device = await store.devices.get(deviceId);
    if (!device || device.revoked)
      return this.refuse('device', deviceId, 'FORBIDDEN', `unknown or revoked device ${deviceId}`, msg.id);
    const kb = await store.knowledgeBases.get(device.site);
    const now = this.deps.clock.now();
    let outcome: JourneyOutcome | null = null;
    try {
      outcome = await this.deps.journeys.handle(device.site, kb, msg, `${deviceId}:${msg.id}`, now);
    } catch (err) {
      logger.error({ err, deviceId, type: msg.type }, 'hotel or hospital system failed');
    }
    const reply = outcome?.reply ?? unavailableReply(msg);
    try {
      await store.transaction(async (tx) => {
        if (outcome?.audit)
          await recordAudit(tx.audit, now, {
            actor: `device:${deviceId}`,
            ...outcome.audit,
            site: device.site,
          });
        await attachGuest(tx, device, msg, outcome, now);
        if (outcome && FINAL_JOURNEY_TYPES.has(msg.type))
          await tx.inbox.put({
            source: deviceId,
            messageId: msg.id,
            entityId: outcome.entityId,
            at: now,
            reply,
          });
      });
    } catch (err) {
      logger.error({ err, deviceId, type: msg.type }, 'journey commit failed');
      await outbox.reject('device', deviceId, 'INTERNAL', 'the server could not record this step', msg.id);
      return 'failed';
    }
    logger.info({ deviceId, type: msg.type, problem: reply.body.problem?.code ?? null }, 'journey step');
    metrics.messagesAccepted++;
    await outbox.flush([
      { topic: topics.of('device', deviceId, 'down'), type: reply.type, body: reply.body },
    ]);
    await outbox.send('device', deviceId, 'ack', {
      ref: msg.id,
      duplicate: false,
      entityId: outcome?.entityId ?? null,
    });
    return 'accepted';
  }

  /** Tells the sender why its message was refused. */
  private async refuse(...args: Parameters<Outbox['reject']>): Promise<'rejected'> {
    await this.deps.outbox.reject(...args);
    return 'rejected';
  }

  private async handleStatus(kind: PrincipalKind, id: string, payload: Buffer): Promise<void> {
    let state: 'online' | 'offline';
    try {
      const parsed = statusPayloadSchema.safeParse(JSON.parse(payload.toString('utf8')));
      if (!parsed.success) return;
      state = parsed.data.state;
    } catch {
      return;
    }
    if (kind !== 'staff') return;
    const { store } = this.deps;
    const member = await store.staff.get(id);
    if (!member) return;
    await store.transaction(async (tx) => {
      const current = await tx.staff.getPresence(id);
      await tx.staff.putPresence({
        staffId: id,
        online: state === 'online',
        onDuty: current?.onDuty ?? true,
        place: current?.place ?? null,
        updatedAt: this.deps.clock.now(),
      });
    });
    this.deps.queueChanged(member.site);
    if (state === 'online') await this.deps.presenceOnline();
  }
}
