import {
  ERROR_MESSAGES,
  understandAnswerSchema,
  type DownMessage,
  type EscalationTrigger,
  type IntentId,
  type Lang,
} from '@frontdesk/protocol';
import {
  escalationFor,
  escalationOpen,
  initialConversation,
  reduceConversation,
  type ConversationEvent,
  type ConversationState,
  type Notice,
} from '../core/conversation.js';
import { mqttUrlFor } from '../core/endpoints.js';
import { CLIENT_ERROR_MESSAGES, PhoneError, errorFromReply } from '../core/errors.js';
import { DICTS } from '../core/i18n.js';
import { entityId } from '../core/ids.js';
import { Outbox, OutboxSender } from '../core/outbox.js';
import { SessionClient } from '../core/session.js';
import { Link } from './link.js';
import { PLATFORM, edgeBaseUrl, loginCode, makeId, pageOrigin, taroHttp, taroStorage } from './platform.js';

export type SessionStatus = 'idle' | 'opening' | 'ready' | 'refused';

export interface AppView {
  conversation: ConversationState;
  session: SessionStatus;
  /** Why there is no session (e.g. phone sign-in is off on this server). */
  sessionError: Notice | null;
  online: boolean;
  pending: number;
}

const LANG_KEY = 'frontdesk.lang';
const ACK_TIMEOUT_MS = 10_000;

const toNotice = (error: unknown): Notice =>
  error instanceof PhoneError
    ? { code: error.code, text: error.text }
    : { code: 'OFFLINE', text: CLIENT_ERROR_MESSAGES.OFFLINE };

/**
 * The thin shell around the pure core: one per app, shared by the pages. It signs in, keeps the
 * MQTT link, sends every request through the outbox and folds whatever happens into one view.
 */
export class PhoneApp {
  private view: AppView;
  private readonly listeners = new Set<(view: AppView) => void>();
  private sessions: SessionClient | null = null;
  private link: Link | null = null;
  private readonly sender: OutboxSender;
  private started: Promise<void> | null = null;
  private resend: ReturnType<typeof setInterval> | null = null;

  constructor() {
    const lang: Lang = taroStorage.get(LANG_KEY) === 'en' ? 'en' : 'zh';
    this.view = {
      conversation: initialConversation(lang),
      session: 'idle',
      sessionError: null,
      online: false,
      pending: 0,
    };
    this.sender = new OutboxSender({
      outbox: new Outbox(taroStorage),
      deviceId: () => this.sessions?.session?.deviceId ?? 'unknown',
      publish: (topic, payload) => this.link?.publish(topic, payload),
      now: () => Date.now(),
      newId: makeId,
      ackTimeoutMs: ACK_TIMEOUT_MS,
    });
    this.update({ pending: this.sender.pendingCount() });
  }

  get current(): AppView {
    return this.view;
  }

  subscribe(listener: (view: AppView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Signs in once (or again with a kiosk's continue code, which resumes that conversation). */
  start(site: string, handover: string | null = null): Promise<void> {
    if (handover === null && this.started) return this.started;
    this.started = this.open(site, handover);
    return this.started;
  }

  private async open(site: string, handover: string | null): Promise<void> {
    const sessions = (this.sessions ??= new SessionClient({
      baseUrl: edgeBaseUrl(),
      site,
      login: loginCode,
      http: taroHttp,
      now: Date.now,
    }));
    this.update({ session: 'opening', sessionError: null });
    try {
      const session = await sessions.open(handover ?? undefined);
      if (session.handover) this.dispatch({ type: 'resumed', handover: session.handover });
      this.connect(sessions, session.deviceId, session.token, session.mqtt.ws);
      this.update({ session: 'ready' });
    } catch (error) {
      this.started = null;
      this.update({ session: 'refused', sessionError: toNotice(error) });
    }
  }

  private connect(sessions: SessionClient, deviceId: string, token: string, ws: string): void {
    this.link?.close();
    // What waited too long for its ack goes again (same envelope id: the server drops repeats).
    this.resend ??= setInterval(() => this.sender.tick(), ACK_TIMEOUT_MS);
    this.link = new Link({
      url: mqttUrlFor(PLATFORM, ws, pageOrigin()),
      deviceId,
      token,
      onOnline: (online) => {
        this.update({ online });
        this.sender.setOnline(online);
        this.update({ pending: this.sender.pendingCount() });
      },
      onMessage: (m) => this.received(m),
      password: async () => (await sessions.ensure()).token,
    });
  }

  setLang(lang: Lang): void {
    taroStorage.set(LANG_KEY, lang);
    this.dispatch({ type: 'lang', lang });
  }

  dismiss(): void {
    this.dispatch({ type: 'dismiss' });
  }

  /** A typed question: answered by the edge server's model from the site's knowledge base. */
  async ask(text: string): Promise<void> {
    const trimmed = text.trim().slice(0, 500);
    if (!trimmed || !this.sessions) return;
    const c = this.view.conversation;
    const conversationId = c.conversationId ?? entityId('conv', makeId());
    this.dispatch({ type: 'asked', id: makeId(), text: trimmed, at: Date.now(), conversationId });
    try {
      const reply = await this.sessions.request('POST', '/api/understand', {
        text: trimmed,
        lang: c.lang,
        conversationId,
        ...(c.dialogue ? { state: c.dialogue } : {}),
      });
      if (reply.status !== 200) throw errorFromReply(reply.status, reply.body);
      const answer = understandAnswerSchema.parse(reply.body);
      this.dispatch({ type: 'answered', id: makeId(), at: Date.now(), answer });
      const trigger = escalationFor(answer);
      if (trigger) this.requestPerson(trigger);
    } catch (error) {
      this.dispatch({ type: 'failed', notice: toNotice(error) });
    }
  }

  /** A clarification chip: its label goes back as the next question. */
  pick(intent: IntentId): Promise<void> {
    return this.ask(DICTS[this.view.conversation.lang].intents[intent]);
  }

  /** Raises an escalation over MQTT (through the outbox), as the kiosk's "talk to a person". */
  requestPerson(trigger: EscalationTrigger = 'asked_for_person'): void {
    const c = this.view.conversation;
    if (escalationOpen(c.escalation)) return;
    const conversationId = c.conversationId ?? entityId('conv', makeId());
    const escalationId = entityId('esc', makeId());
    this.dispatch({ type: 'escalation_requested', escalationId });
    const lastGuest = c.lines.filter((l) => l.role === 'guest').at(-1);
    const transcript = c.lines
      .filter((l) => l.text && l.role !== 'staff')
      .slice(-100)
      .map((l) => ({ role: l.role, text: (l.text ?? '').slice(0, 2000), at: l.at }));
    this.enqueue('escalation.raise', {
      escalationId,
      conversationId,
      trigger,
      lang: c.lang,
      summary: (lastGuest?.text ?? DICTS[c.lang].talkToPerson).slice(0, 500),
      transcript,
    });
  }

  sendChat(text: string): void {
    const trimmed = text.trim().slice(0, 1000);
    const e = this.view.conversation.escalation;
    if (!trimmed || !e || e.status === 'queued') return;
    const id = this.enqueue('chat.send', { escalationId: e.id, text: trimmed });
    if (id) this.dispatch({ type: 'guest_chat', id, text: trimmed, at: Date.now() });
  }

  private enqueue(type: 'escalation.raise' | 'chat.send', body: unknown): string | null {
    try {
      const id = this.sender.enqueue(type, body);
      this.update({ pending: this.sender.pendingCount() });
      return id;
    } catch {
      this.dispatch({
        type: 'failed',
        notice: { code: 'INVALID_MESSAGE', text: ERROR_MESSAGES.INVALID_MESSAGE },
      });
      return null;
    }
  }

  private received(message: DownMessage): void {
    if (message.type === 'ack') {
      const settled = this.sender.handleAck(message.body);
      const body = settled?.entry.body as { escalationId?: string } | undefined;
      if (settled?.entry.type === 'escalation.raise' && message.body.entityId && body?.escalationId)
        this.dispatch({
          type: 'escalation_acked',
          requestedId: body.escalationId,
          escalationId: message.body.entityId,
        });
    } else if (message.type === 'error') {
      this.sender.handleError(message.body);
      this.dispatch({ type: 'down', message });
    } else {
      this.dispatch({ type: 'down', message });
    }
    this.update({ pending: this.sender.pendingCount() });
  }

  private dispatch(event: ConversationEvent): void {
    this.update({ conversation: reduceConversation(this.view.conversation, event) });
  }

  private update(patch: Partial<AppView>): void {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l(this.view);
  }
}

let app: PhoneApp | null = null;

/** The app's one shell, made on first use (a page is the first to need it). */
export function phoneApp(): PhoneApp {
  app ??= new PhoneApp();
  return app;
}
