/**
 * Pure rate-limit policy: sign-in failure counters with exponential lockouts, and token buckets for
 * the messages a device may send. Every function takes `now` (ms) and returns the next state and a
 * decision; the stateful maps live in `auth/limiter.ts`.
 */
import type { DeviceUpType } from '@frontdesk/protocol';

// ---- sign-in failures ---------------------------------------------------------------------------

export interface LockoutPolicy {
  /** Failures tolerated before the first lockout. */
  threshold: number;
  /** The first lockout; each further failure past the threshold doubles it. */
  baseMs: number;
  /** The longest lockout. */
  maxMs: number;
  /** Failures are forgotten after this long without one (and without a lock in force). */
  forgetAfterMs: number;
}

/**
 * Per id: 5 wrong passwords, then 1 s, 2 s, 4 s … up to 15 min. A kiosk or a person mistyping never
 * reaches it; an online guesser gets about 100 guesses a day once at the cap.
 */
export const DEFAULT_ID_LOCKOUT: LockoutPolicy = {
  threshold: 5,
  baseMs: 1000,
  maxMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
};

/**
 * Per remote address: a larger budget, since a building's NAT or a staff room's shared tablet puts
 * many people behind one address; it stops one machine from spraying guesses over many ids.
 */
export const DEFAULT_ADDRESS_LOCKOUT: LockoutPolicy = {
  threshold: 50,
  baseMs: 1000,
  maxMs: 15 * 60 * 1000,
  forgetAfterMs: 60 * 60 * 1000,
};

export interface FailureState {
  failures: number;
  lastFailureAt: number;
  /** 0 when not locked. */
  lockedUntil: number;
}

export type LockDecision = { locked: false } | { locked: true; retryAfterMs: number };

/** Whether `state` refuses an attempt at `now` (without verifying the password). */
export function lockStatus(state: FailureState | undefined, now: number): LockDecision {
  if (!state || state.lockedUntil <= now) return { locked: false };
  return { locked: true, retryAfterMs: state.lockedUntil - now };
}

/** A failure that began a lockout: what the audit trail records (one row per lockout). */
export interface FailureOutcome {
  state: FailureState;
  /** Set when this failure locked the key. */
  lockedForMs: number | null;
}

/** Counts a verified wrong password. Attempts refused while locked are not counted. */
export function recordFailure(
  state: FailureState | undefined,
  policy: LockoutPolicy,
  now: number,
): FailureOutcome {
  const stale = !state || (state.lockedUntil <= now && now - state.lastFailureAt >= policy.forgetAfterMs);
  const failures = (stale ? 0 : state.failures) + 1;
  if (failures < policy.threshold)
    return { state: { failures, lastFailureAt: now, lockedUntil: 0 }, lockedForMs: null };
  const doublings = Math.min(failures - policy.threshold, 30);
  const lockedForMs = Math.min(policy.baseMs * 2 ** doublings, policy.maxMs);
  return { state: { failures, lastFailureAt: now, lockedUntil: now + lockedForMs }, lockedForMs };
}

/** Whether a key's state may be dropped (nothing to remember): keeps the maps small. */
export function failureForgotten(state: FailureState, policy: LockoutPolicy, now: number): boolean {
  return state.lockedUntil <= now && now - state.lastFailureAt >= policy.forgetAfterMs;
}

// ---- message budgets ------------------------------------------------------------------------------

export interface RateBudget {
  /** The burst: messages accepted at once from a full bucket. */
  burst: number;
  /** One message more is allowed every `refillMs`. */
  refillMs: number;
}

export interface BucketState {
  tokens: number;
  updatedAt: number;
}

export type TakeDecision =
  { allowed: true; state: BucketState } | { allowed: false; state: BucketState; retryAfterMs: number };

/** A token bucket: takes `n` tokens (one message, or an upload's bytes) if there are that many. */
export function takeTokens(
  state: BucketState | undefined,
  budget: RateBudget,
  now: number,
  n: number,
): TakeDecision {
  const elapsed = state ? Math.max(0, now - state.updatedAt) : 0;
  const tokens = state ? Math.min(budget.burst, state.tokens + elapsed / budget.refillMs) : budget.burst;
  if (tokens >= n) return { allowed: true, state: { tokens: tokens - n, updatedAt: now } };
  return {
    allowed: false,
    state: { tokens, updatedAt: now },
    retryAfterMs: Math.ceil((n - tokens) * budget.refillMs),
  };
}

/** A token bucket: takes one token if there is one. */
export function takeToken(state: BucketState | undefined, budget: RateBudget, now: number): TakeDecision {
  return takeTokens(state, budget, now, 1);
}

/** A bucket back to full holds nothing worth remembering. */
export function bucketFull(state: BucketState, budget: RateBudget, now: number): boolean {
  return state.tokens + (now - state.updatedAt) / budget.refillMs >= budget.burst;
}

const SECOND = 1000;

/**
 * What one kiosk or phone may send, per message type. A lobby kiosk serves one guest at a time: even
 * a queue at check-in time raises an escalation every minute or two, so a burst of 10 and one more
 * every 30 s never refuses a real guest while a runaway kiosk (or a stolen secret) opens at most
 * ~130 escalations an hour instead of thousands. Lookups (`booking.find`, `appointment.find`) are
 * kept low because each is a guess at a booking reference or ID number. `docs/protocol.md` lists these.
 */
export const DEVICE_MESSAGE_BUDGETS: Record<DeviceUpType, RateBudget> = {
  'conversation.turn': { burst: 60, refillMs: 1 * SECOND },
  'escalation.raise': { burst: 10, refillMs: 30 * SECOND },
  'escalation.cancel': { burst: 10, refillMs: 10 * SECOND },
  'chat.send': { burst: 30, refillMs: 2 * SECOND },
  'ticket.create': { burst: 10, refillMs: 30 * SECOND },
  'ticket.cancel': { burst: 10, refillMs: 10 * SECOND },
  'rating.submit': { burst: 10, refillMs: 30 * SECOND },
  'booking.find': { burst: 10, refillMs: 6 * SECOND },
  'checkin.complete': { burst: 10, refillMs: 6 * SECOND },
  'checkout.complete': { burst: 10, refillMs: 6 * SECOND },
  'appointment.find': { burst: 10, refillMs: 6 * SECOND },
  'appointment.checkin': { burst: 10, refillMs: 6 * SECOND },
  'handover.offer': { burst: 10, refillMs: 10 * SECOND },
};

// ---- photo uploads --------------------------------------------------------------------------------

const HOUR = 60 * 60 * 1000;

/** What one device may upload in an hour (refilled evenly over the hour). */
export interface UploadQuota {
  photos: number;
  bytes: number;
}

/**
 * Per device kind. A kiosk photographs a fault for a ticket now and then — a busy lobby a few an hour
 * — so 60 photos and 200 MB an hour never refuse it; a phone is anyone with a WeChat account, and a
 * guest reporting a fault sends one to four photos, so 12 photos and 30 MB an hour. Issue 10: an
 * anonymous phone sent 10 × 7 MB in seconds; now it is stopped after 4 of those. `docs/protocol.md`
 * lists these.
 */
export const PHOTO_UPLOAD_QUOTAS: Record<'kiosk' | 'phone', UploadQuota> = {
  kiosk: { photos: 60, bytes: 200 * 1024 * 1024 },
  phone: { photos: 12, bytes: 30 * 1024 * 1024 },
};

export interface UploadState {
  photos: BucketState;
  bytes: BucketState;
}

export type UploadDecision =
  { allowed: true; state: UploadState } | { allowed: false; retryAfterMs: number; over: 'photos' | 'bytes' };

/** Takes one photo of `bytes` from a device's hourly quota: both budgets, or neither. */
export function takeUpload(
  state: UploadState | undefined,
  quota: UploadQuota,
  bytes: number,
  now: number,
): UploadDecision {
  const photos = takeTokens(state?.photos, { burst: quota.photos, refillMs: HOUR / quota.photos }, now, 1);
  if (!photos.allowed) return { allowed: false, retryAfterMs: photos.retryAfterMs, over: 'photos' };
  const size = takeTokens(state?.bytes, { burst: quota.bytes, refillMs: HOUR / quota.bytes }, now, bytes);
  if (!size.allowed)
    return {
      allowed: false,
      retryAfterMs: bytes > quota.bytes ? HOUR : size.retryAfterMs,
      over: 'bytes',
    };
  return { allowed: true, state: { photos: photos.state, bytes: size.state } };
}

/**
 * `/m/continue` lookups per remote address. A guest opens their page a few times; a guesser of
 * handover codes gets 20 at once, then one every 6 s (600 an hour) — against 22+ random characters.
 */
export const HANDOVER_PAGE_BUDGET: RateBudget = { burst: 20, refillMs: 6 * SECOND };
