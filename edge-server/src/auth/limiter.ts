/**
 * The stateful side of the rate limits in `domain/rate-limits.ts`: the failure counters per id and
 * per remote address for sign-ins, and the token buckets per device and message type. The maps are
 * LRU caches with a fixed size, so a flood of made-up ids or addresses cannot grow memory; losing an
 * old entry only forgets a counter (the other key of a sign-in still counts).
 */
import { LRUCache } from 'lru-cache';
import {
  DEFAULT_ADDRESS_LOCKOUT,
  DEFAULT_ID_LOCKOUT,
  DEVICE_MESSAGE_BUDGETS,
  PHOTO_UPLOAD_QUOTAS,
  bucketFull,
  lockStatus,
  recordFailure,
  takeToken,
  takeUpload,
  type BucketState,
  type FailureState,
  type LockoutPolicy,
  type RateBudget,
  type UploadQuota,
  type UploadState,
} from '../domain/index.js';
import { AUTH_LOCKED_ACTION, type AuditAppend } from '../store/store.js';

export interface LoginLimits {
  id: LockoutPolicy;
  address: LockoutPolicy;
  /** Ids and addresses remembered at most (each). */
  maxTracked: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  id: DEFAULT_ID_LOCKOUT,
  address: DEFAULT_ADDRESS_LOCKOUT,
  maxTracked: 10_000,
};

/** A lockout that began: the audit trail gets one row for it, not one per attempt. */
export interface Lockout {
  key: 'id' | 'address';
  value: string;
  failures: number;
  lockedForMs: number;
}

/** The settings of `config.ts` (`AUTH_*`) as limits; the quiet time that forgets failures stays an hour. */
export function loginLimitsFrom(c: {
  idMaxFailures: number;
  addressMaxFailures: number;
  baseMs: number;
  maxMs: number;
}): LoginLimits {
  const common = { baseMs: c.baseMs, maxMs: c.maxMs, forgetAfterMs: DEFAULT_ID_LOCKOUT.forgetAfterMs };
  return {
    id: { ...common, threshold: c.idMaxFailures },
    address: { ...common, threshold: c.addressMaxFailures },
    maxTracked: DEFAULT_LOGIN_LIMITS.maxTracked,
  };
}

/** The one audit row of a lockout. Deleted after `RETENTION_AUTH_FAILURE_DAYS` (retention.ts). */
/**
 * The audit row of a lockout. `site` is the site of the locked-out staff member or device (its
 * administrator sees it); a lockout of an address or of an unknown id is server-level (null).
 */
export function lockoutAuditEntry(
  lockout: Lockout & { via: string },
  now: number,
  site: string | null,
): AuditAppend {
  return {
    site,
    at: now,
    actor: 'system',
    action: AUTH_LOCKED_ACTION,
    subject: `${lockout.key === 'id' ? 'principal' : 'address'}:${lockout.value}`,
    detail: { failures: lockout.failures, lockedForMs: lockout.lockedForMs, via: lockout.via },
  };
}

/** `::ffff:10.0.0.7` and `10.0.0.7` are the same client. */
export function normalizeAddress(address: string | undefined): string | null {
  if (!address) return null;
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export class LoginLimiter {
  private readonly ids: LRUCache<string, FailureState>;
  private readonly addresses: LRUCache<string, FailureState>;

  constructor(readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.ids = new LRUCache({ max: limits.maxTracked });
    this.addresses = new LRUCache({ max: limits.maxTracked });
  }

  /** How long `id` from `address` must still wait (the longer of the two locks), or null. */
  retryAfterMs(id: string, address: string | null, now: number): number | null {
    const a = lockStatus(this.ids.get(id), now);
    const b = address === null ? ({ locked: false } as const) : lockStatus(this.addresses.get(address), now);
    const wait = Math.max(a.locked ? a.retryAfterMs : 0, b.locked ? b.retryAfterMs : 0);
    return wait > 0 ? wait : null;
  }

  /** Counts a wrong password; returns the lockouts it began. */
  failure(id: string, address: string | null, now: number): Lockout[] {
    const started: Lockout[] = [];
    const count = (map: LRUCache<string, FailureState>, key: 'id' | 'address', value: string) => {
      const policy = key === 'id' ? this.limits.id : this.limits.address;
      const r = recordFailure(map.get(value), policy, now);
      map.set(value, r.state);
      if (r.lockedForMs !== null)
        started.push({ key, value, failures: r.state.failures, lockedForMs: r.lockedForMs });
    };
    count(this.ids, 'id', id);
    if (address !== null) count(this.addresses, 'address', address);
    return started;
  }

  /**
   * A right password resets the id's counter. The address keeps its count (it only fades with
   * quiet): otherwise one account the attacker owns would clear the address between guesses.
   */
  success(id: string): void {
    this.ids.delete(id);
  }
}

/** Per-device message budgets: one token bucket per device and message type. */
export class DeviceMessageLimiter {
  private readonly buckets: LRUCache<string, BucketState>;

  constructor(
    private readonly budgets: Partial<Record<string, RateBudget>> = DEVICE_MESSAGE_BUDGETS,
    maxTracked = 20_000,
  ) {
    this.buckets = new LRUCache({ max: maxTracked });
  }

  /**
   * Takes one message of `type` from `deviceId`'s budget. Returns null when allowed, else the reason
   * for the `RATE_LIMITED` error. Staff and types without a budget are not limited.
   */
  take(kind: 'device' | 'staff', deviceId: string, type: string, now: number): string | null {
    const budget = this.budgets[type];
    if (kind !== 'device' || !budget) return null;
    const key = `${deviceId}\u0000${type}`;
    const d = takeToken(this.buckets.get(key), budget, now);
    if (bucketFull(d.state, budget, now)) this.buckets.delete(key);
    else this.buckets.set(key, d.state);
    if (d.allowed) return null;
    const perMinute = Math.round((60_000 / budget.refillMs) * 10) / 10;
    return `too many ${type} messages from this device (${budget.burst} at once, then ${perMinute} a minute); retry in ${Math.ceil(d.retryAfterMs / 1000)} s`;
  }
}

/**
 * Per-device hourly photo quotas (`PHOTO_UPLOAD_QUOTAS`, pure in domain/rate-limits.ts). Kept in
 * memory: a restart forgets them, which at worst lets a device upload one more hour's quota.
 */
export class DeviceUploadLimiter {
  private readonly state: LRUCache<string, UploadState>;

  constructor(
    private readonly quotas: Record<'kiosk' | 'phone', UploadQuota> = PHOTO_UPLOAD_QUOTAS,
    maxTracked = 20_000,
  ) {
    this.state = new LRUCache({ max: maxTracked });
  }

  /** Takes an upload of `bytes` from the device's quota; null when allowed, else why and how long to wait. */
  take(
    device: { id: string; kind: 'kiosk' | 'phone' },
    bytes: number,
    now: number,
  ): { reason: string; retryAfterMs: number } | null {
    const quota = this.quotas[device.kind];
    const d = takeUpload(this.state.get(device.id), quota, bytes, now);
    if (d.allowed) {
      this.state.set(device.id, d.state);
      return null;
    }
    const limit =
      d.over === 'photos'
        ? `${quota.photos} photos`
        : `${Math.round(quota.bytes / 1024 / 1024)} MB of photos`;
    return {
      reason: `this ${device.kind} may upload ${limit} an hour; retry in ${Math.ceil(d.retryAfterMs / 1000)} s`,
      retryAfterMs: d.retryAfterMs,
    };
  }
}
