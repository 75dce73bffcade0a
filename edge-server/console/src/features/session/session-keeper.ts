/**
 * Keeps the staff session alive and ends it on purpose: refreshes the token at three quarters of its
 * life (and at once on waking when less than a quarter is left), changes the password, signs out on
 * the server. The I/O shell around `account.ts`; installing a new token (HTTP, MQTT, state) is the
 * controller's `replace`.
 */
import type { Session } from '../../app/state.js';
import { ApiError, sessionFrom, type ConsoleApi, type LoginAnswer } from '../../sync/api.js';
import { brokerUrl } from '../../sync/link.js';
import {
  passwordFormProblem,
  passwordRefusal,
  refreshDelayMs,
  REFRESH_RETRY_MS,
  type PasswordForm,
  type PasswordOutcome,
} from './account.js';

/** Signing out does not wait longer than this for the server: the handheld signs out regardless. */
const LOGOUT_WAIT_MS = 3000;

export interface SessionKeeperDeps {
  api: ConsoleApi;
  now: () => number;
  location: { protocol: string; host: string };
  /** The session now, or null when signed out. */
  session: () => Session | null;
  /** Installs a new token for the same member: saved, used for HTTP, MQTT reconnected with it. */
  replace(session: Session): Promise<void>;
  /** The server no longer accepts the session. */
  expire(): Promise<void>;
}

export class SessionKeeper {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly d: SessionKeeperDeps) {}

  /** Plans the next refresh of `session`. */
  schedule(session: Session, delayMs = refreshDelayMs(session, this.d.now())): void {
    this.cancel();
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The handheld woke up (the page became visible): a timer may have slept through its moment. */
  woke(): void {
    const session = this.d.session();
    if (session && refreshDelayMs(session, this.d.now()) === 0) void this.refresh();
  }

  private fromAnswer(answer: LoginAnswer): Session {
    return sessionFrom(answer, brokerUrl(answer.mqtt.ws, this.d.location), this.d.now());
  }

  /** One refresh at a time; offline, it tries again a minute later (the expiry timer still runs). */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const before = this.d.session();
    if (!before) return;
    try {
      const session = this.fromAnswer(await this.d.api.refreshSession());
      if (this.d.session()?.token !== before.token) return;
      await this.d.replace(session);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') await this.d.expire();
      else if (this.d.session()) this.schedule(before, REFRESH_RETRY_MS);
    }
  }

  async changePassword(form: PasswordForm): Promise<PasswordOutcome> {
    const session = this.d.session();
    if (!session) return { ok: false, problem: 'network' };
    const problem = passwordFormProblem(form, session.staff.id);
    if (problem) return { ok: false, problem };
    try {
      const answer = await this.d.api.changePassword(form.current, form.next);
      // The server closed every MQTT connection of mine, this one too: reconnect with the new token.
      await this.d.replace(this.fromAnswer(answer));
      return { ok: true };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
        await this.d.expire();
        return { ok: false, problem: 'network' };
      }
      return err instanceof ApiError
        ? passwordRefusal(err.code, err.details)
        : { ok: false, problem: 'network' };
    }
  }

  /** Ends the token on the server, best effort: offline or slow, the handheld signs out anyway. */
  async logout(): Promise<void> {
    this.cancel();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), LOGOUT_WAIT_MS);
    try {
      await this.d.api.logout(abort.signal);
    } catch {
      // Offline or already ended: the token dies with its expiry; the local sign-out goes ahead.
    } finally {
      clearTimeout(timer);
    }
  }
}
