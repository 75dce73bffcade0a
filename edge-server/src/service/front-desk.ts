/**
 * The application service as one facade: it wires the message pipeline (`pipeline.ts`, with one
 * handler per message type in `handlers/`), the SLA tick, knowledge-base publishing, phone sessions,
 * device revocation and the read queries, and owns nothing but that wiring.
 */
import {
  topics,
  type ErrorCode,
  type KnowledgeBaseInput,
  type PrincipalKind,
  type Priority,
} from '@frontdesk/protocol';
import type { Logger } from 'pino';
import type { TokenSigner } from '../auth/secrets.js';
import {
  policyFor,
  toStaffView,
  type Escalation,
  type EscalationPolicy,
  type Role,
  type Ticket,
  type TicketPolicies,
} from '../domain/index.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/store.js';
import { recordAudit, type AuditRecord } from './audit.js';
import { systemTimers, type Clock, type TimeoutTimers } from './clock.js';
import { revokeDevice } from './devices.js';
import { attachRepairPhoto } from './repair-photos.js';
import type { HandlerContext } from './handlers/context.js';
import { Journeys, type JourneySystems } from './journeys.js';
import { KnowledgeBases, type PublishBy } from './knowledge-base.js';
import { Outbox, out, type Outbound, type Publisher } from './outbound.js';
import { PhoneSessions } from './phone-sessions.js';
import { MessagePipeline, type MessageLimiter } from './pipeline.js';
import * as queries from './queries.js';
import { QueueSnapshots } from './queue-snapshots.js';
import { slaTick } from './sla-tick.js';
import * as staffQueries from './staff-queries.js';
import type { WeChatLogin } from './wechat.js';

export { SERVER_ID, type Publisher } from './outbound.js';
export type { HandoverView } from './queries.js';

export interface FrontDeskDeps {
  store: Store;
  bus: Publisher;
  now: () => number;
  newId: () => string;
  logger: Logger;
  metrics: Metrics;
  tokens: TokenSigner;
  /** The phone login; null: phone sessions are refused with NOT_CONFIGURED. */
  wechat: WeChatLogin | null;
  /** The debounce of queue snapshots; the system's timers unless a test drives them. */
  timers?: TimeoutTimers;
  policies?: Partial<Record<Priority, EscalationPolicy>>;
  ticketPolicies?: TicketPolicies;
  /** Told of every new SLA deadline, so the scheduler can wake in time. */
  onDeadline?: (at: number) => void;
  /**
   * Told when a device is revoked, to close its live MQTT connections (the embedded broker can; an
   * external one cannot, see the README). Returns how many were closed.
   */
  onDeviceRevoked?: (deviceId: string) => number;
  /** The hotel and hospital systems behind the check-in journeys; none: those requests are refused politely. */
  systems?: JourneySystems;
  /** Per-device message budgets (auth/limiter.ts); none: not limited. */
  messageLimiter?: MessageLimiter;
}

export class FrontDesk {
  private readonly clock: Clock;
  private readonly outbox: Outbox;
  private readonly queue: QueueSnapshots;
  private readonly pipeline: MessagePipeline;
  private readonly kbs: KnowledgeBases;
  private readonly phones: PhoneSessions;

  constructor(private readonly deps: FrontDeskDeps) {
    const { store, logger, metrics } = deps;
    this.clock = { now: deps.now };
    this.outbox = new Outbox({ bus: deps.bus, clock: this.clock, newId: deps.newId, logger, metrics });
    this.queue = new QueueSnapshots({
      timers: deps.timers ?? systemTimers,
      logger,
      publish: (site) => this.publishQueueSnapshot(site),
    });
    this.kbs = new KnowledgeBases({ store, clock: this.clock, outbox: this.outbox });
    this.phones = new PhoneSessions({ store, clock: this.clock, wechat: deps.wechat, tokens: deps.tokens });
    this.pipeline = new MessagePipeline({
      store,
      clock: this.clock,
      outbox: this.outbox,
      logger,
      metrics,
      journeys: new Journeys(
        deps.systems ?? { property: null, keys: null, hospital: null, utcOffsetMin: 480 },
      ),
      context: (now) => this.context(now),
      queueChanged: (site) => this.queue.changed(site),
      presenceOnline: () => this.tick({ presenceChanged: true }),
      messageLimiter: deps.messageLimiter,
    });
  }

  private context(now: number): HandlerContext {
    return {
      now,
      policies: this.deps.policies,
      ticketPolicies: this.deps.ticketPolicies,
      metrics: this.deps.metrics,
      onDeadline: (at) => this.deps.onDeadline?.(at),
      queueChanged: (site) => this.queue.changed(site),
    };
  }

  /** The broker delivered `payload` on `topic`. Resolves once it is handled and committed. */
  handle(topic: string, payload: Buffer): Promise<void> {
    return this.pipeline.handle(topic, payload);
  }

  /** Applies every SLA timer that is due now; returns the next deadline, or null. */
  async tick(options: { presenceChanged?: boolean } = {}): Promise<number | null> {
    const result = await this.deps.store.transaction((tx) =>
      slaTick(tx, this.context(this.clock.now()), options.presenceChanged === true),
    );
    await this.outbox.flush(result.out);
    return result.next;
  }

  /** Validates, versions, stores and publishes (retained) a site's knowledge base. */
  publishKnowledgeBase(input: KnowledgeBaseInput, by: PublishBy) {
    return this.kbs.publish(input, by);
  }

  /** Publishes an earlier version's content again as a new version; null if there is no such version. */
  revertKnowledgeBase(site: string, version: number, by: { actor: string; reason: string }) {
    return this.kbs.revert(site, version, by);
  }

  /**
   * Revokes a device: it can no longer connect, and its live connections are closed at once (with the
   * embedded broker). Only an admin of the device's site may. Revoking twice is harmless.
   */
  async revokeDevice(
    deviceId: string,
    admin: { id: string; site: string },
  ): Promise<{ ok: true; disconnected: number } | { ok: false; code: ErrorCode; reason: string }> {
    const by = { actor: `staff:${admin.id}`, site: admin.site };
    const result = await revokeDevice(this.deps.store, this.clock.now(), deviceId, by);
    if (!result.ok) return result;
    // After the commit: a reconnect racing with this is refused, since the store already says revoked.
    const disconnected = this.deps.onDeviceRevoked?.(deviceId) ?? 0;
    this.deps.logger.info({ deviceId, disconnected }, 'device revoked');
    return { ok: true, disconnected };
  }

  /**
   * Adds a stored repair photo to a ticket its member holds (assignee, or a supervisor of its site);
   * `ticket.updated` then carries it. Refusals are the domain's codes.
   */
  async addRepairPhoto(
    staff: { id: string; site: string; role: Role },
    ticketId: string,
    photoId: string,
  ): Promise<{ ok: true; ticket: Ticket } | { ok: false; code: ErrorCode; reason: string }> {
    const now = this.clock.now();
    const result = await this.deps.store.transaction((tx) =>
      attachRepairPhoto(
        tx,
        now,
        { queueChanged: (site) => this.queue.changed(site) },
        staff,
        ticketId,
        photoId,
      ),
    );
    if (!result.ok) return result;
    await this.outbox.flush(result.out);
    return { ok: true, ticket: result.ticket };
  }

  /**
   * After a start: republish every site's knowledge base and queue (retained), and re-offer pending
   * escalations, in case the last run stopped between committing and notifying.
   */
  async recover(): Promise<void> {
    const { store } = this.deps;
    for (const site of await store.knowledgeBases.sites()) {
      const kb = await store.knowledgeBases.get(site);
      if (kb) await this.kbs.retain(kb);
      await this.publishQueueSnapshot(site);
    }
    const list: Outbound[] = [];
    for (const e of await store.escalations.list({ status: ['pending'] })) {
      const view = toStaffView(e, null, null, policyFor(e.priority, this.deps.policies));
      for (const id of e.offeredTo) list.push(out('staff', id, 'escalation.offered', { escalation: view }));
    }
    await this.outbox.flush(list);
  }

  openPhoneSession(site: string, code: string, handoverCode?: string) {
    return this.phones.open(site, code, handoverCode);
  }

  /** What the phone page shows for a continue code, or null when it is unknown or expired. */
  handoverStatus(code: string) {
    return this.phones.handoverStatus(code);
  }

  escalationViews(site: string, status?: Escalation['status'][]) {
    return queries.escalationViews(this.deps.store, this.deps.policies, site, status);
  }

  escalationDetail(id: string) {
    return staffQueries.escalationDetail(this.deps.store, this.deps.policies, id);
  }

  ticketDetail(id: string) {
    return staffQueries.ticketDetail(this.deps.store, id);
  }

  staffMe(staffId: string) {
    return staffQueries.staffMe(this.deps.store, staffId);
  }

  ticketViews(site: string, status?: Ticket['status'][]) {
    return queries.ticketViews(this.deps.store, site, status);
  }

  queueSnapshot(site: string) {
    return queries.queueSnapshot(this.deps.store, this.deps.policies, site);
  }

  /** Appends to the audit trail now, with ID and phone numbers masked. */
  audit(entry: AuditRecord): Promise<void> {
    return recordAudit(this.deps.store.audit, this.clock.now(), entry);
  }

  /** Tells a principal why its message or action was refused (ACL denials come here too). */
  reject(
    kind: PrincipalKind,
    id: string,
    code: ErrorCode,
    reason: string,
    ref: string | null,
  ): Promise<void> {
    return this.outbox.reject(kind, id, code, reason, ref);
  }

  private async publishQueueSnapshot(site: string): Promise<void> {
    const snapshot = await this.queueSnapshot(site);
    await this.outbox.flush([
      { topic: topics.siteQueue(site), type: 'queue.snapshot', body: snapshot, retain: true },
    ]);
  }

  /** Stops background timers (queue snapshots). */
  stop(): void {
    this.queue.stop();
  }
}
