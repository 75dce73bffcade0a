/**
 * The application service: the thin shell around the pure domain. It turns a delivered MQTT message
 * into a decision (validate → authorise → deduplicate → decide → commit in one transaction) and then
 * publishes what follows from it. Every input is answered: an ack, or an error with a reason on the
 * sender's error topic. Nothing here throws for bad input.
 */
import {
  ERROR_MESSAGES,
  decodeDeviceUp,
  decodeStaffUp,
  encodeDown,
  parseTopic,
  statusPayloadSchema,
  topics,
  type DeviceUpMessage,
  type DownType,
  type ErrorCode,
  type GuestEscalationView,
  type HandoverOfferBody,
  type KnowledgeBase,
  type KnowledgeBaseInput,
  type PrincipalKind,
  type Priority,
  type StaffUpMessage,
  type TicketView,
} from '@frontdesk/protocol';
import type { z } from 'zod';
import type { downBodies } from '@frontdesk/protocol';
import type { Logger } from 'pino';
import {
  appendTurn,
  buildCandidates,
  cancelEscalation,
  checkTicketPhotos,
  claimEscalation,
  createTicket,
  distancesFrom,
  escalationPlace,
  isHandoverCodeExpired,
  MAX_LEVEL,
  maskPersonalData,
  nextDeadline,
  noAnswerEscalationDue,
  policyFor,
  queuePositions,
  raiseEscalation,
  releaseEscalation,
  resolveEscalation,
  tickEscalation,
  toGuestView,
  toStaffView,
  toTicketView,
  transitionTicket,
  validateKnowledgeBase,
  type Actor,
  type Candidate,
  type DomainError,
  type Escalation,
  type EscalationEvent,
  type EscalationPolicy,
  type Handover,
  type Photo,
  type StaffMember,
  type StaffPresence,
  type Ticket,
  type TicketEvent,
} from '../domain/index.js';
import type { TokenSigner } from '../auth/secrets.js';
import { sha256Hex } from '../auth/secrets.js';
import type { Metrics } from '../metrics.js';
import type { Stores, Store } from '../store/store.js';
import type { WeChatLogin } from './wechat.js';
import {
  FINAL_JOURNEY_TYPES,
  Journeys,
  isJourneyMessage,
  unavailableReply,
  type JourneyMessage,
  type JourneyOutcome,
  type JourneySystems,
} from './journeys.js';

export const SERVER_ID = 'edge-server';
const PHONE_SESSION_MS = 24 * 60 * 60 * 1000;
/** Queue snapshots are coalesced: one per site per interval, whatever the rate of changes. */
const QUEUE_SNAPSHOT_INTERVAL_MS = 500;

/** What a phone learns about the conversation a kiosk handed over to it. */
export interface HandoverView {
  conversationId: string;
  expiresAt: number;
  escalation: GuestEscalationView | null;
  ticket: TicketView | null;
}

export interface Publisher {
  publish(topic: string, payload: string, options?: { retain?: boolean }): Promise<void>;
}

export interface FrontDeskDeps {
  store: Store;
  bus: Publisher;
  now: () => number;
  newId: () => string;
  logger: Logger;
  metrics: Metrics;
  tokens: TokenSigner;
  wechat: WeChatLogin;
  policies?: Partial<Record<Priority, EscalationPolicy>>;
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
  messageLimiter?: { take(kind: PrincipalKind, id: string, type: string, now: number): string | null };
}

type Body<K extends DownType> = z.input<(typeof downBodies)[K]>;

/** A message to send once the transaction has committed. */
interface Outbound {
  topic: string;
  type: DownType;
  body: unknown;
  retain?: boolean;
}

interface SiteContext {
  members: StaffMember[];
  presences: StaffPresence[];
  loads: Map<string, number>;
}

type Handled = { entityId: string | null; out: Outbound[] } | DomainError;

const isError = (r: unknown): r is DomainError =>
  typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false;

export class FrontDesk {
  private readonly queueTimers = new Map<string, ReturnType<typeof setTimeout>>();

  private readonly journeys: Journeys;

  constructor(private readonly deps: FrontDeskDeps) {
    this.journeys = new Journeys(
      deps.systems ?? { property: null, keys: null, hospital: null, utcOffsetMin: 480 },
    );
  }

  // ---- inbound ---------------------------------------------------------------------------------

  /** The broker delivered `payload` on `topic`. Resolves once it is handled and committed. */
  async handle(topic: string, payload: Buffer): Promise<void> {
    const t = parseTopic(topic);
    if (!t || t.kind === 'site') return;
    if (t.channel === 'up') return this.handleUp(t.kind, t.id, payload);
    if (t.channel === 'status') return this.handleStatus(t.kind, t.id, payload);
  }

  private async handleUp(kind: PrincipalKind, id: string, payload: Buffer): Promise<void> {
    const { metrics } = this.deps;
    metrics.messagesIn++;
    const decoded = kind === 'device' ? decodeDeviceUp(payload) : decodeStaffUp(payload);
    if (!decoded.ok) return this.reject(kind, id, decoded.code, decoded.reason, decoded.ref);
    const msg = decoded.message;
    if (msg.from !== id) {
      return this.reject(
        kind,
        id,
        'FORBIDDEN',
        `"from" is ${msg.from} but the topic belongs to ${id}`,
        msg.id,
      );
    }
    const seen = await this.deps.store.inbox.get(id, msg.id);
    if (seen) {
      metrics.duplicates++;
      // A retried journey step gets the first reply again: the same room and key, the same queue number.
      if (seen.reply)
        await this.flush([
          { topic: topics.of(kind, id, 'down'), type: seen.reply.type as DownType, body: seen.reply.body },
        ]);
      await this.send(kind, id, 'ack', { ref: msg.id, duplicate: true, entityId: seen.entityId });
      return;
    }
    // Over the device's budget: refused before anything is stored or anyone is paged (a retry of what
    // was already done is answered above without spending it).
    const limited = this.deps.messageLimiter?.take(kind, id, msg.type, this.deps.now());
    if (limited) return this.reject(kind, id, 'RATE_LIMITED', limited, msg.id);
    if (kind === 'device' && isJourneyMessage(msg as DeviceUpMessage))
      return this.handleJourney(id, msg as JourneyMessage);
    let result: Handled;
    try {
      result = await this.deps.store.transaction(async (tx) => {
        const r =
          kind === 'device'
            ? await this.onDeviceMessage(tx, id, msg as DeviceUpMessage)
            : await this.onStaffMessage(tx, id, msg as StaffUpMessage);
        // Recorded in the same transaction as its effects: a replay after a crash finds it, or finds nothing.
        if (!isError(r))
          await tx.inbox.put({ source: id, messageId: msg.id, entityId: r.entityId, at: this.deps.now() });
        return r;
      });
    } catch (err) {
      this.deps.logger.error({ err, kind, id, type: msg.type }, 'handler failed');
      return this.reject(kind, id, 'INTERNAL', 'the server could not process this message', msg.id);
    }
    if (isError(result)) return this.reject(kind, id, result.code, result.reason, msg.id);
    metrics.messagesAccepted++;
    await this.flush(result.out);
    await this.send(kind, id, 'ack', { ref: msg.id, duplicate: false, entityId: result.entityId });
  }

  /**
   * A journey step: ask the hotel or hospital system (outside the store's transaction: it is another
   * system), then record the audit entry and, for the final operations, the reply with the inbox
   * record, in one transaction. A system that fails gets a `SYSTEM_UNAVAILABLE` reply, not recorded,
   * so the kiosk's retry asks again.
   */
  private async handleJourney(deviceId: string, msg: JourneyMessage): Promise<void> {
    const { store, metrics, logger } = this.deps;
    const device = await store.devices.get(deviceId);
    if (!device || device.revoked)
      return this.reject('device', deviceId, 'FORBIDDEN', `unknown or revoked device ${deviceId}`, msg.id);
    const kb = await store.knowledgeBases.get(device.site);
    const now = this.deps.now();
    let outcome: JourneyOutcome | null = null;
    try {
      outcome = await this.journeys.handle(device.site, kb, msg, `${deviceId}:${msg.id}`, now);
    } catch (err) {
      logger.error({ err, deviceId, type: msg.type }, 'hotel or hospital system failed');
    }
    const reply = outcome?.reply ?? unavailableReply(msg);
    try {
      await store.transaction(async (tx) => {
        if (outcome?.audit)
          await this.audit(
            `device:${deviceId}`,
            outcome.audit.action,
            outcome.audit.subject,
            outcome.audit.detail,
            tx,
          );
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
      return this.reject('device', deviceId, 'INTERNAL', 'the server could not record this step', msg.id);
    }
    logger.info({ deviceId, type: msg.type, problem: reply.body.problem?.code ?? null }, 'journey step');
    metrics.messagesAccepted++;
    await this.flush([{ topic: topics.of('device', deviceId, 'down'), type: reply.type, body: reply.body }]);
    await this.send('device', deviceId, 'ack', {
      ref: msg.id,
      duplicate: false,
      entityId: outcome?.entityId ?? null,
    });
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
    const member = await this.deps.store.staff.get(id);
    if (!member) return;
    await this.deps.store.transaction(async (tx) => {
      const current = await tx.staff.getPresence(id);
      await tx.staff.putPresence({
        staffId: id,
        online: state === 'online',
        onDuty: current?.onDuty ?? true,
        place: current?.place ?? null,
        updatedAt: this.deps.now(),
      });
    });
    this.scheduleQueueSnapshot(member.site);
    // Someone came online: escalations waiting at the last level may now be offered to them.
    if (state === 'online') await this.tick({ presenceChanged: true });
  }

  // ---- device requests ---------------------------------------------------------------------------

  private async onDeviceMessage(tx: Stores, deviceId: string, msg: DeviceUpMessage): Promise<Handled> {
    const device = await tx.devices.get(deviceId);
    if (!device || device.revoked)
      return { ok: false, code: 'FORBIDDEN', reason: `unknown or revoked device ${deviceId}` };
    const now = this.deps.now();
    const actor: Actor = { kind: 'device', id: deviceId };
    switch (msg.type) {
      case 'conversation.turn': {
        const r = appendTurn(await tx.conversations.get(msg.body.conversationId), msg.body, {
          now,
          site: device.site,
          deviceId,
        });
        if (!r.ok) return r;
        await tx.conversations.put(r.conversation);
        if (!noAnswerEscalationDue(r.conversation)) return { entityId: r.conversation.id, out: [] };
        // Three turns without an answer: a person takes over, with the whole transcript.
        const last = r.conversation.turns.filter((t) => t.role === 'guest').at(-1);
        return this.raise(tx, device, {
          escalationId: `auto-${sha256Hex(`${deviceId}:${r.conversation.id}:${now}`).slice(0, 24)}`,
          conversationId: r.conversation.id,
          trigger: 'no_answer',
          lang: r.conversation.lang,
          summary: last?.text ?? '…',
          transcript: r.conversation.turns.slice(-100),
          intents: [],
          photoIds: [],
          vip: false,
        });
      }
      case 'escalation.raise':
        return this.raise(tx, device, msg.body);
      case 'escalation.cancel': {
        const e = await tx.escalations.get(msg.body.escalationId);
        if (!e) return { ok: false, code: 'NOT_FOUND', reason: `no escalation ${msg.body.escalationId}` };
        return this.applyEscalation(tx, cancelEscalation(e, actor, now, msg.body.reason ?? null));
      }
      case 'chat.send': {
        const e = await tx.escalations.get(msg.body.escalationId);
        // The guest's phone may chat on an escalation a kiosk handed over to it, and on no other.
        const handedOver =
          e !== null &&
          device.kind === 'phone' &&
          (await tx.handovers.listAttached({ escalationId: e.id, phoneDeviceId: deviceId })).length > 0;
        if (!e || (e.deviceId !== deviceId && !handedOver))
          return {
            ok: false,
            code: 'NOT_FOUND',
            reason: `no escalation ${msg.body.escalationId} of this device`,
          };
        if (e.status === 'resolved' || e.status === 'cancelled')
          return { ok: false, code: 'INVALID_STATE', reason: 'the conversation with staff has ended' };
        const message = {
          id: msg.id,
          escalationId: e.id,
          from: 'guest' as const,
          staffId: null,
          name: null,
          text: msg.body.text,
          at: now,
        };
        await tx.chat.append(message);
        const to = e.assigneeId ? [e.assigneeId] : e.offeredTo;
        const body = {
          escalationId: e.id,
          messageId: msg.id,
          from: 'guest' as const,
          name: null,
          text: msg.body.text,
          at: now,
        };
        // The guest's other screen (kiosk or phone) sees what was written on this one.
        const guestScreens = (await this.guestDevices(tx, e.deviceId, { escalationId: e.id })).filter(
          (id) => id !== deviceId,
        );
        return {
          entityId: e.id,
          out: [
            ...to.map((staffId) => this.out('staff', staffId, 'chat.message', body)),
            ...guestScreens.map((id) => this.out('device', id, 'chat.message', body)),
          ],
        };
      }
      case 'ticket.create': {
        const existing = await tx.tickets.get(msg.body.ticketId);
        if (existing)
          return { ok: false, code: 'CONFLICT', reason: `ticket ${msg.body.ticketId} already exists` };
        // The kiosk's outbox uploads a report's photos before publishing it, so they are here by now.
        const photos = new Map<string, Photo>();
        for (const id of new Set(msg.body.photoIds)) {
          const photo = await tx.photos.get(id);
          if (photo) photos.set(id, photo);
        }
        const refused = checkTicketPhotos(msg.body.photoIds, photos, device);
        if (refused) return refused;
        const kb = await tx.knowledgeBases.get(device.site);
        const place = msg.body.place ?? device.place;
        const decision = createTicket(msg.body, {
          now,
          site: device.site,
          siteKind: kb?.kind ?? 'hotel',
          rules: kb?.routing ?? [],
          deviceId,
          devicePlace: device.place,
          candidates: await this.candidates(tx, device.site, place ?? null, kb),
        });
        await tx.tickets.put(decision.ticket);
        await tx.tickets.appendEvent(decision.event);
        await this.audit(
          `device:${deviceId}`,
          'ticket.create',
          `ticket:${decision.ticket.id}`,
          { category: decision.ticket.category, room: decision.ticket.room },
          tx,
        );
        this.deps.metrics.ticketsCreated++;
        return { entityId: decision.ticket.id, out: await this.ticketOut(tx, decision.ticket, true) };
      }
      case 'ticket.cancel': {
        const t = await tx.tickets.get(msg.body.ticketId);
        if (!t) return { ok: false, code: 'NOT_FOUND', reason: `no ticket ${msg.body.ticketId}` };
        return this.applyTicket(tx, transitionTicket(t, 'cancelled', actor, null, now), `device:${deviceId}`);
      }
      case 'booking.find':
      case 'checkin.complete':
      case 'checkout.complete':
      case 'appointment.find':
      case 'appointment.checkin':
        // Handled by handleJourney before any transaction; here only for the exhaustive switch.
        return { ok: false, code: 'INVALID_STATE', reason: `${msg.type} is a journey step` };
      case 'handover.offer':
        return this.offerHandover(tx, device, msg.body);
      case 'rating.submit': {
        await tx.ratings.put({
          id: `${deviceId}:${msg.id}`,
          site: device.site,
          deviceId,
          conversationId: msg.body.conversationId,
          escalationId: msg.body.escalationId ?? null,
          ticketId: msg.body.ticketId ?? null,
          score: msg.body.score,
          at: now,
        });
        return { entityId: null, out: [] };
      }
    }
  }

  /** Stores the hash of a kiosk's continue-on-phone code, for the entities of this device only. */
  private async offerHandover(
    tx: Stores,
    device: { id: string; site: string; kind: string },
    body: HandoverOfferBody,
  ): Promise<Handled> {
    if (device.kind !== 'kiosk')
      return { ok: false, code: 'FORBIDDEN', reason: 'only a kiosk hands a conversation over' };
    const codeHash = sha256Hex(body.code);
    const existing = await tx.handovers.get(codeHash);
    if (existing)
      return existing.deviceId === device.id
        ? { entityId: null, out: [] }
        : { ok: false, code: 'CONFLICT', reason: 'this code is taken' };
    if (body.escalationId) {
      const e = await tx.escalations.get(body.escalationId);
      if (e && e.deviceId !== device.id)
        return { ok: false, code: 'FORBIDDEN', reason: `escalation ${e.id} belongs to another device` };
    }
    if (body.ticketId) {
      const t = await tx.tickets.get(body.ticketId);
      if (t && t.deviceId !== device.id)
        return { ok: false, code: 'FORBIDDEN', reason: `ticket ${t.id} belongs to another device` };
    }
    const now = this.deps.now();
    await tx.handovers.put({
      codeHash,
      site: device.site,
      deviceId: device.id,
      conversationId: body.conversationId,
      escalationId: body.escalationId ?? null,
      ticketId: body.ticketId ?? null,
      createdAt: now,
      expiresAt: now + body.ttlS * 1000,
      phoneDeviceId: null,
    });
    await this.audit(
      `device:${device.id}`,
      'handover.offer',
      `conversation:${body.conversationId}`,
      {
        escalationId: body.escalationId ?? null,
        ticketId: body.ticketId ?? null,
      },
      tx,
    );
    return { entityId: null, out: [] };
  }

  /** The devices that show a guest's escalation or ticket: the one that made it and attached phones. */
  private async guestDevices(
    tx: Stores,
    deviceId: string,
    entity: { escalationId: string } | { ticketId: string },
  ): Promise<string[]> {
    const phones = (await tx.handovers.listAttached(entity)).flatMap((h) =>
      h.phoneDeviceId ? [h.phoneDeviceId] : [],
    );
    return [...new Set([deviceId, ...phones])];
  }

  private async raise(
    tx: Stores,
    device: { id: string; site: string; place: string | null },
    body: Extract<DeviceUpMessage, { type: 'escalation.raise' }>['body'],
  ): Promise<Handled> {
    const existing = await tx.escalations.get(body.escalationId);
    if (existing) {
      return existing.deviceId === device.id
        ? { entityId: existing.id, out: [] }
        : { ok: false, code: 'CONFLICT', reason: `escalation id ${body.escalationId} is taken` };
    }
    // One open request for a person per conversation: a second trigger (the kiosk's and the
    // server's no-answer rule, a guest tapping twice) joins the first instead of paging twice.
    const open = await tx.escalations.list({ deviceId: device.id, status: ['pending', 'claimed'] });
    const same = open.find((e) => e.conversationId === body.conversationId);
    if (same) return { entityId: same.id, out: [] };

    const kb = await tx.knowledgeBases.get(device.site);
    const place = escalationPlace(body, device.place);
    const decision = raiseEscalation(body, {
      now: this.deps.now(),
      site: device.site,
      siteKind: kb?.kind ?? 'hotel',
      rules: kb?.routing ?? [],
      deviceId: device.id,
      devicePlace: device.place,
      candidates: await this.candidates(tx, device.site, place, kb),
    });
    this.deps.metrics.escalationsRaised++;
    const applied = await this.applyEscalation(tx, decision);
    if (isError(applied)) return applied;
    await this.audit(
      `device:${device.id}`,
      'escalation.raise',
      `escalation:${decision.escalation.id}`,
      {
        trigger: body.trigger,
        priority: decision.escalation.priority,
        skill: decision.escalation.skill,
        summary: body.summary,
      },
      tx,
    );
    return applied;
  }

  // ---- staff requests ----------------------------------------------------------------------------

  private async onStaffMessage(tx: Stores, staffId: string, msg: StaffUpMessage): Promise<Handled> {
    const member = await tx.staff.get(staffId);
    if (!member || member.disabled)
      return { ok: false, code: 'FORBIDDEN', reason: `unknown or disabled staff ${staffId}` };
    const now = this.deps.now();
    const actorRef = `staff:${staffId}`;
    const loadEscalation = async (id: string) => {
      const e = await tx.escalations.get(id);
      return e && e.site === member.site ? e : null;
    };
    switch (msg.type) {
      case 'escalation.claim': {
        const e = await loadEscalation(msg.body.escalationId);
        if (!e) return { ok: false, code: 'NOT_FOUND', reason: `no escalation ${msg.body.escalationId}` };
        return this.applyEscalation(tx, claimEscalation(e, staffId, now), actorRef);
      }
      case 'escalation.release': {
        const e = await loadEscalation(msg.body.escalationId);
        if (!e) return { ok: false, code: 'NOT_FOUND', reason: `no escalation ${msg.body.escalationId}` };
        const kb = await tx.knowledgeBases.get(e.site);
        const candidates = await this.candidates(tx, e.site, e.place, kb);
        return this.applyEscalation(tx, releaseEscalation(e, staffId, now, candidates), actorRef);
      }
      case 'escalation.resolve': {
        const e = await loadEscalation(msg.body.escalationId);
        if (!e) return { ok: false, code: 'NOT_FOUND', reason: `no escalation ${msg.body.escalationId}` };
        return this.applyEscalation(
          tx,
          resolveEscalation(e, staffId, msg.body.note, now, member.role),
          actorRef,
        );
      }
      case 'chat.send': {
        const e = await loadEscalation(msg.body.escalationId);
        if (!e) return { ok: false, code: 'NOT_FOUND', reason: `no escalation ${msg.body.escalationId}` };
        if (e.status !== 'claimed' || (e.assigneeId !== staffId && member.role === 'staff')) {
          return {
            ok: false,
            code: 'FORBIDDEN',
            reason: 'claim the escalation before chatting with the guest',
          };
        }
        await tx.chat.append({
          id: msg.id,
          escalationId: e.id,
          from: 'staff',
          staffId,
          name: member.name,
          text: msg.body.text,
          at: now,
        });
        await this.audit(actorRef, 'chat.send', `escalation:${e.id}`, { text: msg.body.text }, tx);
        const body = {
          escalationId: e.id,
          messageId: msg.id,
          from: 'staff' as const,
          name: member.name,
          text: msg.body.text,
          at: now,
        };
        return {
          entityId: e.id,
          out: (await this.guestDevices(tx, e.deviceId, { escalationId: e.id })).map((id) =>
            this.out('device', id, 'chat.message', body),
          ),
        };
      }
      case 'ticket.update': {
        const t = await tx.tickets.get(msg.body.ticketId);
        if (!t || t.site !== member.site)
          return { ok: false, code: 'NOT_FOUND', reason: `no ticket ${msg.body.ticketId}` };
        const actor: Actor = { kind: 'staff', id: staffId, role: member.role };
        return this.applyTicket(
          tx,
          transitionTicket(t, msg.body.status, actor, msg.body.note ?? null, now),
          actorRef,
        );
      }
      case 'presence.set': {
        const current = await tx.staff.getPresence(staffId);
        await tx.staff.putPresence({
          staffId,
          online: current?.online ?? true,
          onDuty: msg.body.onDuty,
          place: msg.body.place ?? current?.place ?? null,
          updatedAt: now,
        });
        await this.audit(
          actorRef,
          msg.body.onDuty ? 'staff.on_duty' : 'staff.off_duty',
          `staff:${staffId}`,
          { place: msg.body.place ?? null },
          tx,
        );
        this.scheduleQueueSnapshot(member.site);
        return { entityId: null, out: [] };
      }
    }
  }

  // ---- applying decisions ------------------------------------------------------------------------

  private async applyEscalation(
    tx: Stores,
    decision: { ok: true; escalation: Escalation; events: EscalationEvent[] } | DomainError,
    actor?: string,
  ): Promise<Handled> {
    if (!decision.ok) return decision;
    const { escalation: e, events } = decision;
    if (events.length === 0) return { entityId: e.id, out: [] };
    await tx.escalations.put(e);
    await tx.escalations.appendEvents(events);
    const due = nextDeadline(e, policyFor(e.priority, this.deps.policies));
    if (due !== null) this.deps.onDeadline?.(due);
    if (actor) {
      for (const ev of events)
        await this.audit(actor, `escalation.${ev.kind}`, `escalation:${e.id}`, ev.data, tx);
    }
    return { entityId: e.id, out: await this.escalationOut(tx, e, events) };
  }

  private async applyTicket(
    tx: Stores,
    decision: { ok: true; ticket: Ticket; event: TicketEvent } | DomainError,
    actor: string,
  ): Promise<Handled> {
    if (!decision.ok) return decision;
    await tx.tickets.put(decision.ticket);
    await tx.tickets.appendEvent(decision.event);
    await this.audit(
      actor,
      `ticket.${decision.ticket.status}`,
      `ticket:${decision.ticket.id}`,
      { from: decision.event.from, note: decision.event.note },
      tx,
    );
    return { entityId: decision.ticket.id, out: await this.ticketOut(tx, decision.ticket, false) };
  }

  /** Who hears about an escalation's events: the guest device, the staff offered it, the assignee. */
  private async escalationOut(
    tx: Stores,
    e: Escalation,
    events: EscalationEvent[],
    before?: Escalation,
  ): Promise<Outbound[]> {
    const policy = policyFor(e.priority, this.deps.policies);
    const pending = await tx.escalations.list({ site: e.site, status: ['pending'] });
    const position = queuePositions(pending).get(e.id) ?? null;
    const assignee = e.assigneeId ? await tx.staff.get(e.assigneeId) : null;
    const staffView = toStaffView(e, position, assignee?.name ?? null, policy);
    const guestView = toGuestView(e, position, assignee?.name ?? null);
    const out: Outbound[] = (await this.guestDevices(tx, e.deviceId, { escalationId: e.id })).map((id) =>
      this.out('device', id, 'escalation.updated', { escalation: guestView }),
    );
    for (const ev of events) {
      switch (ev.kind) {
        case 'offered': {
          const ids = (ev.data.staffIds as string[] | undefined) ?? e.offeredTo;
          for (const id of ids)
            out.push(this.out('staff', id, 'escalation.offered', { escalation: staffView }));
          break;
        }
        case 'reassured':
          out.push(
            this.out('device', e.deviceId, 'escalation.waiting', {
              escalationId: e.id,
              waitedMs: Number(ev.data.waitedMs ?? 0),
            }),
          );
          break;
        case 'claimed':
        case 'resolved':
        case 'cancelled':
        case 'released':
        case 're_escalated': {
          // A re-escalation moves the offer on: those who had it hear that it left them.
          const withdrawn =
            (ev.data.withdrawnFrom as string[] | undefined) ??
            (ev.kind === 're_escalated'
              ? (before?.offeredTo ?? []).filter((id) => !e.offeredTo.includes(id))
              : []);
          const told = new Set([...withdrawn, ...(e.assigneeId ? [e.assigneeId] : [])]);
          for (const id of told)
            out.push(
              this.out('staff', id, 'escalation.staff_updated', { escalation: staffView, event: ev.kind }),
            );
          break;
        }
        case 'raised':
          break;
      }
    }
    this.scheduleQueueSnapshot(e.site);
    return out;
  }

  private async ticketOut(tx: Stores, t: Ticket, created: boolean): Promise<Outbound[]> {
    const assignee = t.assigneeId ? await tx.staff.get(t.assigneeId) : null;
    const view = toTicketView(t, assignee?.name ?? null);
    const out = (await this.guestDevices(tx, t.deviceId, { ticketId: t.id })).map((id) =>
      this.out('device', id, 'ticket.updated', { ticket: view }),
    );
    if (t.assigneeId && (created || t.status === 'assigned'))
      out.push(this.out('staff', t.assigneeId, 'ticket.assigned', { ticket: view }));
    return out;
  }

  /**
   * Who could take work at `site`, for an escalation or ticket at `place`. The site part (members,
   * presence, load) is the same for every escalation in one tick, so a tick passes a cache.
   */
  private async candidates(
    tx: Stores,
    site: string,
    place: string | null,
    kb: KnowledgeBase | null,
    cache?: Map<string, unknown>,
  ): Promise<Candidate[]> {
    const key = `site:${site}`;
    let ctx = cache?.get(key) as SiteContext | undefined;
    if (!ctx) {
      ctx = await this.siteContext(tx, site);
      cache?.set(key, ctx);
    }
    const dkey = `dist:${site}:${place ?? ''}`;
    let distances = cache?.get(dkey) as Map<string, number> | undefined;
    if (!distances) {
      distances = kb && place ? distancesFrom(kb, place) : new Map<string, number>();
      cache?.set(dkey, distances);
    }
    return buildCandidates(ctx.members, ctx.presences, ctx.loads, distances);
  }

  private async siteContext(tx: Stores, site: string): Promise<SiteContext> {
    const members: StaffMember[] = await tx.staff.list(site);
    const presences = await tx.staff.listPresence();
    // Load is what someone already has in hand or has been offered: claimed escalations count
    // fully, pending offers too, so a burst spreads over people instead of piling on the nearest.
    const open = await tx.escalations.list({ site, status: ['pending', 'claimed'] });
    const loads = new Map<string, number>();
    const add = (id: string) => loads.set(id, (loads.get(id) ?? 0) + 1);
    for (const e of open) {
      if (e.status === 'claimed' && e.assigneeId) add(e.assigneeId);
      else for (const id of e.offeredTo) add(id);
    }
    return { members, presences, loads };
  }

  // ---- timers ------------------------------------------------------------------------------------

  /**
   * Applies every SLA timer that is due at `now`; returns the next deadline, or null. Escalations
   * not yet due are skipped without computing anything, except, when `presenceChanged`, those at the
   * last level, which are offered to whoever has just come on duty.
   */
  async tick(options: { presenceChanged?: boolean } = {}): Promise<number | null> {
    const out: Outbound[] = [];
    const next = await this.deps.store.transaction(async (tx) => {
      const now = this.deps.now();
      const pending = await tx.escalations.list({ status: ['pending'] });
      let soonest: number | null = null;
      const kbs = new Map<string, KnowledgeBase | null>();
      const cache = new Map<string, unknown>();
      for (const e of pending) {
        const policy = policyFor(e.priority, this.deps.policies);
        const due = nextDeadline(e, policy);
        const lastLevelOffer = options.presenceChanged === true && e.level >= MAX_LEVEL;
        if (!lastLevelOffer && (due === null || due > now)) {
          if (due !== null && (soonest === null || due < soonest)) soonest = due;
          continue;
        }
        if (!kbs.has(e.site)) kbs.set(e.site, await tx.knowledgeBases.get(e.site));
        const decision = tickEscalation(
          e,
          policy,
          now,
          await this.candidates(tx, e.site, e.place, kbs.get(e.site) ?? null, cache),
        );
        if (decision.events.length > 0) {
          if (decision.events.some((ev) => ev.kind === 're_escalated')) this.deps.metrics.reEscalations++;
          await tx.escalations.put(decision.escalation);
          await tx.escalations.appendEvents(decision.events);
          for (const ev of decision.events) {
            if (ev.kind === 're_escalated') {
              await this.audit('system', 'escalation.re_escalated', `escalation:${e.id}`, ev.data, tx);
            }
          }
          out.push(...(await this.escalationOut(tx, decision.escalation, decision.events, e)));
        }
        const nextDue = nextDeadline(decision.escalation, policy);
        if (nextDue !== null && (soonest === null || nextDue < soonest)) soonest = nextDue;
      }
      return soonest;
    });
    await this.flush(out);
    return next;
  }

  // ---- knowledge base ----------------------------------------------------------------------------

  /** Validates, versions, stores and publishes (retained) a site's knowledge base. */
  async publishKnowledgeBase(
    input: KnowledgeBaseInput,
    actor: string,
  ): Promise<{ ok: true; kb: KnowledgeBase } | { ok: false; reason: string; problems: string[] }> {
    const problems = validateKnowledgeBase(input);
    if (problems.length > 0)
      return { ok: false, reason: `the knowledge base has ${problems.length} problem(s)`, problems };
    const kb = await this.deps.store.transaction(async (tx) => {
      const previous = await tx.knowledgeBases.get(input.site);
      const next: KnowledgeBase = {
        ...input,
        version: (previous?.version ?? 0) + 1,
        updatedAt: this.deps.now(),
      };
      await tx.knowledgeBases.put(next);
      await this.audit(actor, 'kb.publish', `kb:${input.site}`, { version: next.version }, tx);
      return next;
    });
    await this.publishRetainedKb(kb);
    return { ok: true, kb };
  }

  /**
   * Revokes a device: it can no longer connect, and its live connections are closed at once (with the
   * embedded broker). Only an admin of the device's site may. Revoking twice is harmless.
   */
  async revokeDevice(
    deviceId: string,
    admin: { id: string; site: string },
  ): Promise<{ ok: true; disconnected: number } | { ok: false; code: ErrorCode; reason: string }> {
    const result = await this.deps.store.transaction(async (tx) => {
      const device = await tx.devices.get(deviceId);
      if (!device) return { ok: false as const, code: 'NOT_FOUND' as const, reason: `no device ${deviceId}` };
      if (device.site !== admin.site)
        return {
          ok: false as const,
          code: 'FORBIDDEN' as const,
          reason: `device ${deviceId} belongs to another site`,
        };
      if (!device.revoked) {
        await tx.devices.put({ ...device, revoked: true });
        await this.audit(`staff:${admin.id}`, 'device.revoke', `device:${deviceId}`, {}, tx);
      }
      return { ok: true as const };
    });
    if (!result.ok) return result;
    // After the commit: a reconnect racing with this is refused, since the store already says revoked.
    const disconnected = this.deps.onDeviceRevoked?.(deviceId) ?? 0;
    this.deps.logger.info({ deviceId, disconnected }, 'device revoked');
    return { ok: true, disconnected };
  }

  private async publishRetainedKb(kb: KnowledgeBase): Promise<void> {
    await this.deps.bus.publish(topics.siteKb(kb.site), encodeDown('kb.snapshot', kb, this.meta()), {
      retain: true,
    });
  }

  /**
   * After a start: republish every site's knowledge base and queue (retained), and re-offer pending
   * escalations, in case the last run stopped between committing and notifying.
   */
  async recover(): Promise<void> {
    for (const site of await this.deps.store.knowledgeBases.sites()) {
      const kb = await this.deps.store.knowledgeBases.get(site);
      if (kb) await this.publishRetainedKb(kb);
      await this.publishQueueSnapshot(site);
    }
    const pending = await this.deps.store.escalations.list({ status: ['pending'] });
    const out: Outbound[] = [];
    for (const e of pending) {
      const view = toStaffView(e, null, null, policyFor(e.priority, this.deps.policies));
      for (const id of e.offeredTo)
        out.push(this.out('staff', id, 'escalation.offered', { escalation: view }));
    }
    await this.flush(out);
  }

  // ---- phone sessions ----------------------------------------------------------------------------

  async openPhoneSession(
    site: string,
    code: string,
    handoverCode?: string,
  ): Promise<
    | {
        ok: true;
        value: {
          deviceId: string;
          token: string;
          expiresAt: number;
          handover: HandoverView | null;
        };
      }
    | { ok: false; code: ErrorCode; reason: string }
  > {
    const kb = await this.deps.store.knowledgeBases.get(site);
    if (!kb) return { ok: false, code: 'NOT_FOUND', reason: `no site ${site}` };
    const now = this.deps.now();
    // The handover code is checked before the WeChat code is spent, so a stale QR costs no login.
    if (handoverCode !== undefined) {
      const h = await this.deps.store.handovers.get(sha256Hex(handoverCode));
      if (!h || h.site !== site || isHandoverCodeExpired(h, now))
        return { ok: false, code: 'NOT_FOUND', reason: 'this QR code is unknown or has expired' };
    }
    const login = await this.deps.wechat.code2Session(code, now);
    if (!login.ok)
      return { ok: false, code: 'UNAUTHENTICATED', reason: `WeChat login failed: ${login.reason}` };
    // The device id is derived from the openid, so the openid itself is never stored or sent.
    const deviceId = `phone-${sha256Hex(`${site}:${login.openid}`).slice(0, 20)}`;
    const expiresAt = now + PHONE_SESSION_MS;
    const attached = await this.deps.store.transaction(async (tx) => {
      const existing = await tx.devices.get(deviceId);
      await tx.devices.put({
        id: deviceId,
        site,
        kind: 'phone',
        name: 'WeChat',
        place: null,
        secretHash: '',
        expiresAt,
        revoked: false,
        createdAt: existing?.createdAt ?? now,
      });
      await this.audit(`device:${deviceId}`, 'phone.session', `device:${deviceId}`, { site }, tx);
      if (handoverCode === undefined) return { ok: true as const, handover: null };
      const h = await tx.handovers.get(sha256Hex(handoverCode));
      if (!h || isHandoverCodeExpired(h, now)) return { ok: false as const, code: 'NOT_FOUND' as const };
      // The first phone to present the code keeps it: a photo of the QR taken later is worth nothing.
      if (h.phoneDeviceId !== null && h.phoneDeviceId !== deviceId)
        return { ok: false as const, code: 'CONFLICT' as const };
      await tx.handovers.put({ ...h, phoneDeviceId: deviceId });
      await this.audit(
        `device:${deviceId}`,
        'handover.attach',
        `conversation:${h.conversationId}`,
        {
          kiosk: h.deviceId,
          escalationId: h.escalationId,
          ticketId: h.ticketId,
        },
        tx,
      );
      return { ok: true as const, handover: await this.handoverView(tx, h) };
    });
    if (!attached.ok)
      return attached.code === 'CONFLICT'
        ? { ok: false, code: 'CONFLICT', reason: 'this QR code was already used on another phone' }
        : { ok: false, code: 'NOT_FOUND', reason: 'this QR code is unknown or has expired' };
    return {
      ok: true,
      value: {
        deviceId,
        token: this.deps.tokens.sign('phone', deviceId, expiresAt),
        expiresAt,
        handover: attached.handover,
      },
    };
  }

  /** What the phone page shows for a continue code, or null when it is unknown or expired. */
  async handoverStatus(
    code: string,
  ): Promise<(HandoverView & { site: string; lang: 'zh' | 'en' | null }) | null> {
    const h = await this.deps.store.handovers.get(sha256Hex(code));
    if (!h || isHandoverCodeExpired(h, this.deps.now())) return null;
    const view = await this.handoverView(this.deps.store, h);
    const conversation = await this.deps.store.conversations.get(h.conversationId);
    return { ...view, site: h.site, lang: conversation?.lang ?? null };
  }

  private async handoverView(tx: Stores, h: Handover): Promise<HandoverView> {
    let escalation: GuestEscalationView | null = null;
    if (h.escalationId) {
      const e = await tx.escalations.get(h.escalationId);
      if (e && e.deviceId === h.deviceId) {
        const pending = await tx.escalations.list({ site: e.site, status: ['pending'] });
        const assignee = e.assigneeId ? await tx.staff.get(e.assigneeId) : null;
        escalation = toGuestView(e, queuePositions(pending).get(e.id) ?? null, assignee?.name ?? null);
      }
    }
    let ticket: TicketView | null = null;
    if (h.ticketId) {
      const t = await tx.tickets.get(h.ticketId);
      if (t && t.deviceId === h.deviceId) {
        const assignee = t.assigneeId ? await tx.staff.get(t.assigneeId) : null;
        ticket = toTicketView(t, assignee?.name ?? null);
      }
    }
    return { conversationId: h.conversationId, expiresAt: h.expiresAt, escalation, ticket };
  }

  // ---- queries for HTTP --------------------------------------------------------------------------

  async escalationViews(site: string, status?: Escalation['status'][]) {
    const list = await this.deps.store.escalations.list({ site, status: status ?? ['pending', 'claimed'] });
    const positions = queuePositions(list.filter((e) => e.status === 'pending'));
    const names = await this.staffNames(site);
    return list.map((e) =>
      toStaffView(
        e,
        positions.get(e.id) ?? null,
        e.assigneeId ? (names.get(e.assigneeId) ?? null) : null,
        policyFor(e.priority, this.deps.policies),
      ),
    );
  }

  async escalationDetail(id: string) {
    const e = await this.deps.store.escalations.get(id);
    if (!e) return null;
    return {
      escalation: e,
      events: await this.deps.store.escalations.events(id),
      chat: await this.deps.store.chat.list(id),
    };
  }

  async ticketViews(site: string, status?: Ticket['status'][]) {
    const list = await this.deps.store.tickets.list({
      site,
      status: status ?? ['open', 'assigned', 'in_progress'],
    });
    const names = await this.staffNames(site);
    return list.map((t) => toTicketView(t, t.assigneeId ? (names.get(t.assigneeId) ?? null) : null));
  }

  async queueSnapshot(site: string) {
    const escalations = await this.escalationViews(site);
    const members = await this.deps.store.staff.list(site);
    const presence = new Map((await this.deps.store.staff.listPresence()).map((p) => [p.staffId, p]));
    const loads = new Map<string, number>();
    for (const e of escalations)
      if (e.status === 'claimed' && e.assignee) loads.set(e.assignee.id, (loads.get(e.assignee.id) ?? 0) + 1);
    return {
      site,
      escalations,
      staff: members.map((m) => ({
        id: m.id,
        name: m.name,
        role: m.role,
        skills: m.skills,
        online: presence.get(m.id)?.online ?? false,
        onDuty: presence.get(m.id)?.onDuty ?? false,
        place: presence.get(m.id)?.place ?? null,
        load: loads.get(m.id) ?? 0,
      })),
    };
  }

  private async staffNames(site: string) {
    return new Map((await this.deps.store.staff.list(site)).map((m) => [m.id, m.name]));
  }

  // ---- audit, errors, sending ---------------------------------------------------------------------

  /** Appends to the audit trail, with ID and phone numbers masked. */
  async audit(
    actor: string,
    action: string,
    subject: string,
    detail: Record<string, unknown>,
    tx?: Stores,
  ): Promise<void> {
    const target = tx ?? this.deps.store;
    await target.audit.append({
      at: this.deps.now(),
      actor,
      action,
      subject,
      detail: maskPersonalData(detail),
    });
  }

  /** Tells a principal why its message or action was refused (ACL denials come here too). */
  async reject(
    kind: PrincipalKind,
    id: string,
    code: ErrorCode,
    reason: string,
    ref: string | null,
  ): Promise<void> {
    this.deps.metrics.reject(code);
    this.deps.logger.warn({ kind, id, code, reason, ref }, 'message rejected');
    await this.publishSafely(
      topics.of(kind, id, 'error'),
      encodeDown('error', { code, message: reason, messageZh: ERROR_MESSAGES[code].zh, ref }, this.meta()),
    );
  }

  private out<K extends DownType>(kind: PrincipalKind, id: string, type: K, body: Body<K>): Outbound {
    return { topic: topics.of(kind, id, 'down'), type, body };
  }

  private async send<K extends DownType>(
    kind: PrincipalKind,
    id: string,
    type: K,
    body: Body<K>,
  ): Promise<void> {
    await this.flush([this.out(kind, id, type, body)]);
  }

  private async flush(out: Outbound[]): Promise<void> {
    for (const o of out) {
      await this.publishSafely(o.topic, encodeDown(o.type, o.body as never, this.meta()), o.retain);
    }
  }

  private async publishSafely(topic: string, payload: string, retain = false): Promise<void> {
    try {
      await this.deps.bus.publish(topic, payload, { retain });
    } catch (err) {
      // The decision is committed; a lost notification is recovered by clients re-reading state.
      this.deps.logger.warn({ err, topic }, 'publish failed');
    }
  }

  private meta() {
    return { id: this.deps.newId(), from: SERVER_ID, ts: this.deps.now() };
  }

  private scheduleQueueSnapshot(site: string): void {
    if (this.queueTimers.has(site)) return;
    const timer = setTimeout(() => {
      this.queueTimers.delete(site);
      this.publishQueueSnapshot(site).catch((err: unknown) =>
        this.deps.logger.warn({ err }, 'queue snapshot failed'),
      );
    }, QUEUE_SNAPSHOT_INTERVAL_MS);
    timer.unref();
    this.queueTimers.set(site, timer);
  }

  private async publishQueueSnapshot(site: string): Promise<void> {
    const snapshot = await this.queueSnapshot(site);
    await this.publishSafely(
      topics.siteQueue(site),
      encodeDown('queue.snapshot', snapshot, this.meta()),
      true,
    );
  }

  /** Stops background timers (queue snapshots). */
  stop(): void {
    for (const t of this.queueTimers.values()) clearTimeout(t);
    this.queueTimers.clear();
  }
}
