import {
  envelope,
  type DownMessage,
  type Lang,
  type StaffUpBody,
  type StaffUpType,
} from '@frontdesk/protocol';
import type { PasswordForm, PasswordOutcome } from '../features/session/account.js';
import { SessionKeeper } from '../features/session/session-keeper.js';
import { dict } from '../i18n/dict.js';
import type { Notifier, ScreenKeeper } from '../notify/notifier.js';
import { ApiError, sessionFrom, type ConsoleApi, type TicketDetail } from '../sync/api.js';
import { brokerUrl, StaffLink } from '../sync/link.js';
import { dueForSend, type Outbox } from '../sync/outbox.js';
import type { Drafts, Kv, OutboxEntry } from '../storage/db.js';
import type { PendingAction, Session } from './state.js';
import type { ConsoleStore } from './store.js';

/** Unacknowledged actions are sent again after this long on a live link (and on every reconnect). */
const ACK_TIMEOUT_MS = 10_000;
const RESEND_CHECK_MS = 2_000;
const CACHE_EVERY_MS = 1_000;

export interface ControllerDeps {
  store: ConsoleStore;
  api: ConsoleApi;
  outbox: Outbox;
  drafts: Drafts;
  kv: Kv;
  notifier: Notifier;
  screen: ScreenKeeper;
  now: () => number;
  newId: () => string;
  location: { protocol: string; host: string };
  /** Per-browser MQTT client id suffix. */
  clientSuffix: string;
}

const toPending = (e: OutboxEntry): PendingAction => ({ id: e.id, type: e.type, body: e.body, ts: e.ts });

/** The console's I/O shell: sign-in, the link, the outbox, notifications; decisions live in the reducer. */
export class ConsoleController {
  private link: StaffLink | null = null;
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private resendTimer: ReturnType<typeof setInterval> | null = null;
  private cacheTimer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribeCache: (() => void) | null = null;
  /** Whether this sign-in told the server the saved duty choice yet (once per sign-in). */
  private dutyAnnounced = false;
  private readonly keeper: SessionKeeper;

  constructor(private readonly d: ControllerDeps) {
    this.keeper = new SessionKeeper({
      api: d.api,
      now: d.now,
      location: d.location,
      session: () => this.state.session,
      replace: (session) => this.replaceSession(session),
      expire: () => this.expire(),
    });
  }

  get state() {
    return this.d.store.state;
  }

  /** On start: a saved, unexpired session resumes (the console survives a reload). */
  async resume(): Promise<void> {
    const saved = await this.d.kv.session();
    const prefs = await this.d.kv.prefs();
    if (prefs) this.d.store.dispatch({ type: 'lang', lang: prefs.lang });
    if (saved && saved.expiresAt > this.d.now()) await this.start(saved);
    else if (saved) {
      await this.d.kv.setSession(null);
      this.d.store.dispatch({ type: 'sign_in_failed', problem: 'expired', id: saved.staff.id });
    }
  }

  async signIn(id: string, password: string): Promise<void> {
    try {
      const answer = await this.d.api.login(id.trim(), password);
      const session = sessionFrom(answer, brokerUrl(answer.mqtt.ws, this.d.location), this.d.now());
      await this.d.kv.setSession(session);
      await this.start(session);
    } catch (err) {
      const problem = err instanceof ApiError && err.code === 'UNAUTHENTICATED' ? 'wrong' : 'network';
      this.d.store.dispatch({ type: 'sign_in_failed', problem, id });
    }
  }

  private async start(session: Session): Promise<void> {
    const { store, api } = this.d;
    api.useToken(session.token);
    store.dispatch({ type: 'signed_in', session });
    // Without a saved choice the server's default holds: a console that comes online is on duty.
    const prefs = await this.d.kv.prefs();
    store.dispatch({ type: 'duty', onDuty: prefs?.onDuty ?? true, place: prefs?.place ?? null });
    this.dutyAnnounced = prefs === null;
    // No choice saved on this handheld: the server's record of my presence is the truth.
    if (prefs === null) void this.loadPresence();
    const cachedKb = await this.d.kv.kb(session.staff.site);
    if (cachedKb) store.dispatch({ type: 'kb', kb: cachedKb });
    const work = await this.d.kv.work(session.staff.id);
    if (work) {
      store.dispatch({ type: 'escalations', list: work.escalations });
      store.dispatch({ type: 'tickets', list: work.tickets });
      for (const [escalationId, lines] of Object.entries(work.chats))
        store.dispatch({ type: 'chat_history', escalationId, lines });
    }
    this.unsubscribeCache = store.subscribe(() => this.scheduleCache());
    store.dispatch({
      type: 'pending_restored',
      actions: (await this.d.outbox.pending(session.staff.id)).map(toPending),
    });
    this.connect(session);
    this.resendTimer = setInterval(() => void this.flush(false), RESEND_CHECK_MS);
    void this.d.screen.set(store.state.onDuty);
    void this.refresh();
  }

  /** The expiry and refresh timers and the MQTT link of a session's token. */
  private connect(session: Session): void {
    const { store } = this.d;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(() => void this.expire(), Math.max(0, session.expiresAt - this.d.now()));
    this.keeper.schedule(session);
    const s = session.staff;
    this.link = new StaffLink({
      url: session.mqttWs,
      staffId: s.id,
      token: session.token,
      site: s.site,
      supervisor: s.role !== 'staff',
      clientSuffix: this.d.clientSuffix,
      onState: (connection) => {
        store.dispatch({ type: 'connection', connection });
        if (connection === 'online') {
          // A saved duty choice is told once per sign-in: the server may have forgotten it (a restart).
          if (!this.dutyAnnounced) {
            this.dutyAnnounced = true;
            const { onDuty, place } = store.state;
            void this.send('presence.set', { onDuty, place });
          }
          void this.flush(true);
          void this.refresh();
        }
      },
      onMessage: (m) => void this.onMessage(m),
      onRefused: () => void this.expire(),
    });
  }

  /**
   * A new token for the same member (refresh, password change): saved, used for HTTP at once, and
   * MQTT reconnects with it. The outbox is in IndexedDB and is flushed on the new link's connect,
   * so nothing queued is lost; the old link goes without a retained `offline` (I am still here).
   */
  private async replaceSession(session: Session): Promise<void> {
    if (!this.state.session) return;
    await this.d.kv.setSession(session);
    this.d.api.useToken(session.token);
    this.d.store.dispatch({ type: 'session_refreshed', session });
    const old = this.link;
    this.link = null;
    await old?.close(false);
    if (this.state.session?.token === session.token) this.connect(session);
  }

  /** The page became visible again: a refresh may be due (timers sleep with the handheld). */
  woke(): void {
    this.keeper.woke();
  }

  changePassword(form: PasswordForm): Promise<PasswordOutcome> {
    return this.keeper.changePassword(form);
  }

  /** Adds a repair photo to a ticket I hold; null when done, else the server's code. */
  async addRepairPhoto(ticketId: string, image: Blob): Promise<ApiError['code'] | null> {
    try {
      const ticket = await this.d.api.addRepairPhoto(ticketId, image);
      this.d.store.dispatch({ type: 'tickets', list: [ticket] });
      return null;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') void this.expire();
      return err instanceof ApiError ? err.code : 'NETWORK';
    }
  }

  /** Saves the work on screen at most once a second (IndexedDB writes are cheap, not free). */
  private scheduleCache(): void {
    if (this.cacheTimer) return;
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = null;
      const { session, escalations, tickets, chats } = this.state;
      if (!session) return;
      const settled = Object.fromEntries(
        Object.entries(chats).map(([id, lines]) => [id, lines.filter((l) => !l.pending)]),
      );
      void this.d.kv.setWork(session.staff.id, {
        escalations: Object.values(escalations),
        tickets: Object.values(tickets),
        chats: settled,
      });
    }, CACHE_EVERY_MS);
  }

  /** Fetches what the server has now: the lists, the knowledge base, the queue for supervisors. */
  async refresh(): Promise<void> {
    const session = this.state.session;
    if (!session) return;
    try {
      const [escalations, tickets, kb] = await Promise.all([
        this.d.api.escalations(),
        this.d.api.tickets(),
        this.d.api.kb(session.staff.site),
      ]);
      this.d.store.dispatch({ type: 'escalations', list: escalations, open: true });
      this.d.store.dispatch({ type: 'tickets', list: tickets, open: true });
      this.d.store.dispatch({ type: 'kb', kb });
      void this.d.kv.setKb(kb);
      if (session.staff.role !== 'staff') {
        const queue = await this.d.api.queue();
        this.d.store.dispatch({ type: 'server', message: snapshotMessage(queue, this.d.now()) });
      }
    } catch (err) {
      this.onApiError(err);
    }
  }

  private onApiError(err: unknown): void {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') void this.expire();
    else console.warn('console: request failed', err);
  }

  private async loadPresence(): Promise<void> {
    try {
      const me = await this.d.api.me();
      this.d.store.dispatch({ type: 'duty', onDuty: me.onDuty, place: me.place });
    } catch (err) {
      this.onApiError(err);
    }
  }

  /** Opens an item: its chat so far (and the item itself when this console has not seen it). */
  async open(escalationId: string): Promise<void> {
    try {
      if (!this.state.escalations[escalationId])
        this.d.store.dispatch({
          type: 'escalations',
          list: await this.d.api.escalations(['pending', 'claimed', 'resolved', 'cancelled']),
        });
      this.d.store.dispatch({
        type: 'chat_history',
        escalationId,
        lines: await this.d.api.chat(escalationId),
      });
    } catch (err) {
      this.onApiError(err);
    }
  }

  /** A ticket's photo text and history (the item view); a failure other than expiry is the caller's to show. */
  async ticketDetail(ticketId: string): Promise<TicketDetail | null> {
    try {
      return await this.d.api.ticket(ticketId);
    } catch (err) {
      this.onApiError(err);
      return null;
    }
  }

  photo(photoId: string): Promise<Blob> {
    return this.d.api.photo(photoId);
  }

  private async onMessage(m: DownMessage): Promise<void> {
    const { store } = this.d;
    const before = store.state;
    if (m.type === 'ack' || (m.type === 'error' && m.body.ref)) {
      const ref = m.type === 'ack' ? m.body.ref : (m.body.ref ?? '');
      const entry = await this.d.outbox.remove(ref);
      if (m.type === 'error' && entry?.type === 'escalation.claim') {
        // The error says who won (`details.assignee`); the chat so far is fetched for the item.
        store.dispatch({ type: 'server', message: m });
        await this.open(String(entry.body.escalationId));
        return;
      }
      // Ticket changes arrive as `ticket.updated`: no refetch after a ticket.update's ack.
    }
    store.dispatch({ type: 'server', message: m });
    if (m.type === 'kb.snapshot') void this.d.kv.setKb(m.body);
    if (m.type === 'escalation.offered' && !before.offered.includes(m.body.escalation.id)) {
      const e = m.body.escalation;
      const t = dict[store.state.lang];
      await this.d.notifier.show({
        id: e.id,
        kind: 'item',
        title: t.notifyOffer(t.priority[e.priority]),
        body: e.summary,
        urgent: e.priority === 'emergency',
      });
    }
    if (m.type === 'ticket.assigned' && !before.tickets[m.body.ticket.id]) {
      const t = dict[store.state.lang];
      await this.d.notifier.show({
        id: m.body.ticket.id,
        kind: 'ticket',
        title: t.notifyTicket(t.category[m.body.ticket.category]),
        body: m.body.ticket.description,
        urgent: false,
      });
    }
  }

  /** Every action goes through the outbox: written to IndexedDB, shown as pending, sent, retried. */
  async send<K extends StaffUpType>(type: K, body: StaffUpBody<K>): Promise<string | null> {
    const session = this.state.session;
    if (!session) return null;
    const entry = await this.d.outbox.add({
      id: this.d.newId(),
      staffId: session.staff.id,
      type,
      body: body as Record<string, unknown>,
      ts: this.d.now(),
    });
    this.d.store.dispatch({ type: 'queued', action: toPending(entry) });
    await this.flush(false);
    return entry.id;
  }

  private async flush(all: boolean): Promise<void> {
    const session = this.state.session;
    const link = this.link;
    if (!session || !link?.connected) return;
    const now = this.d.now();
    for (const e of dueForSend(await this.d.outbox.pending(session.staff.id), now, ACK_TIMEOUT_MS, all)) {
      link.publishUp(
        JSON.stringify(envelope(e.type, e.body, { id: e.id, from: session.staff.id, ts: e.ts })),
      );
      await this.d.outbox.markSent(e.id, now);
    }
  }

  async setDuty(onDuty: boolean, place: string | null): Promise<void> {
    await this.d.kv.setPrefs({ lang: this.state.lang, onDuty, place });
    // `place: null` clears the place on the server too.
    await this.send('presence.set', { onDuty, place });
    await this.d.screen.set(onDuty);
  }

  async setLang(lang: Lang): Promise<void> {
    this.d.store.dispatch({ type: 'lang', lang });
    await this.d.kv.setPrefs({ lang, onDuty: this.state.onDuty, place: this.state.place });
  }

  async requestNotifications(): Promise<void> {
    this.d.store.dispatch({ type: 'notifications', permission: await this.d.notifier.request() });
  }

  draft(key: string): Promise<string> {
    return this.d.drafts.get(key);
  }

  saveDraft(key: string, text: string): Promise<void> {
    return this.d.drafts.set(key, text);
  }

  private async stop(): Promise<void> {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    if (this.resendTimer) clearInterval(this.resendTimer);
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.expiryTimer = this.resendTimer = this.cacheTimer = null;
    this.keeper.cancel();
    this.unsubscribeCache?.();
    this.unsubscribeCache = null;
    const link = this.link;
    this.link = null;
    await link?.close(true);
    await this.d.screen.set(false);
    this.d.api.useToken(null);
    await this.d.kv.setSession(null);
  }

  /** The token ran out (or the server stopped accepting it): back to sign-in, drafts and outbox kept. */
  async expire(): Promise<void> {
    if (!this.state.session) return;
    await this.stop();
    this.d.store.dispatch({ type: 'session_expired' });
  }

  /** On purpose: what was on screen (guests' words) does not stay on a shared handheld. */
  async signOut(): Promise<void> {
    const staffId = this.state.session?.staff.id;
    // The token ends on the server too (best effort: offline, the handheld still signs out).
    if (staffId) await this.keeper.logout();
    await this.stop();
    if (staffId) await this.d.kv.clearWork(staffId);
    this.d.store.dispatch({ type: 'signed_out' });
  }
}

function snapshotMessage(body: DownMessage['body'], now: number): DownMessage {
  return {
    v: 1,
    id: `http-${now}`,
    type: 'queue.snapshot',
    from: 'edge-server',
    ts: now,
    body,
  } as DownMessage;
}
