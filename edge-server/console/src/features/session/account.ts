/**
 * The session and password rules of "my account", pure (no clock, no I/O): when to refresh the
 * session token, and what is wrong with a password form before it is sent. The server checks the
 * same rule (`passwordProblem` from the protocol); checking here first only saves a round trip.
 */
import { passwordProblem, type ErrorCode, type PasswordProblem } from '@frontdesk/protocol';

/** Sessions saved before `issuedAt` was kept were twelve-hour sessions (the server's length). */
const LEGACY_SESSION_MS = 12 * 60 * 60 * 1000;
/** After a failed refresh (offline), try again this much later, if the session lasts that long. */
export const REFRESH_RETRY_MS = 60_000;

/**
 * How long to wait before refreshing a session: at three quarters of its life, so a handheld that
 * was asleep through that moment refreshes as soon as it wakes (0: now, less than a quarter left).
 * Times are on the handheld's clock (`sessionFrom`).
 */
export function refreshDelayMs(session: { expiresAt: number; issuedAt?: number }, now: number): number {
  const issuedAt = session.issuedAt ?? session.expiresAt - LEGACY_SESSION_MS;
  const refreshAt = issuedAt + ((session.expiresAt - issuedAt) * 3) / 4;
  return Math.max(0, refreshAt - now);
}

export interface PasswordForm {
  current: string;
  next: string;
  repeat: string;
}

export type PasswordFormProblem = 'missing' | 'mismatch' | PasswordProblem;

/** What stops the form from being sent, or null. */
export function passwordFormProblem(form: PasswordForm, staffId: string): PasswordFormProblem | null {
  if (!form.current || !form.next) return 'missing';
  if (form.next !== form.repeat) return 'mismatch';
  return passwordProblem(form.next, { id: staffId, current: form.current });
}

/** What the account screen shows after a change: done, or why not (a form problem or a server code). */
export type PasswordOutcome =
  | { ok: true }
  | {
      ok: false;
      problem: PasswordFormProblem | Extract<ErrorCode, 'WRONG_PASSWORD' | 'RATE_LIMITED'> | 'network';
    };

/** A server refusal as something the screen can say in the user's language. */
export function passwordRefusal(code: ErrorCode | 'NETWORK', details: unknown): PasswordOutcome {
  if (code === 'WRONG_PASSWORD' || code === 'RATE_LIMITED') return { ok: false, problem: code };
  if (code === 'WEAK_PASSWORD') {
    const p = (details as { problem?: unknown } | undefined)?.problem;
    const known: PasswordProblem[] = ['too_short', 'too_long', 'same_as_id', 'same_as_current'];
    return { ok: false, problem: known.find((k) => k === p) ?? 'too_short' };
  }
  return { ok: false, problem: 'network' };
}
