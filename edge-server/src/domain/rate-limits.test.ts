import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ID_LOCKOUT,
  DEVICE_MESSAGE_BUDGETS,
  bucketFull,
  failureForgotten,
  lockStatus,
  recordFailure,
  takeToken,
  type BucketState,
  type FailureState,
} from './rate-limits.js';

const policy = { threshold: 5, baseMs: 1000, maxMs: 15 * 60 * 1000, forgetAfterMs: 60 * 60 * 1000 };

function fail(times: number, start: FailureState | undefined, now: number) {
  let state = start;
  const locks: Array<number | null> = [];
  for (let i = 0; i < times; i++) {
    const r = recordFailure(state, policy, now);
    state = r.state;
    locks.push(r.lockedForMs);
  }
  return { state: state!, locks };
}

describe('sign-in lockout', () => {
  it('tolerates four failures, locks on the fifth for 1 s, and doubles per failure up to 15 min', () => {
    const { state, locks } = fail(4, undefined, 0);
    expect(locks).toEqual([null, null, null, null]);
    expect(lockStatus(state, 0)).toEqual({ locked: false });
    let s = state;
    const windows: number[] = [];
    let now = 0;
    for (let i = 0; i < 14; i++) {
      const r = recordFailure(s, policy, now);
      windows.push(r.lockedForMs!);
      s = r.state;
      now = s.lockedUntil; // the next failure comes once the lock has run out
    }
    expect(windows.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(windows.at(-1)).toBe(15 * 60 * 1000);
    expect(Math.max(...windows)).toBe(15 * 60 * 1000);
  });

  it('refuses while locked with the time left, and lets the attempt through when the window ends', () => {
    const { state } = fail(5, undefined, 10_000);
    expect(lockStatus(state, 10_000)).toEqual({ locked: true, retryAfterMs: 1000 });
    expect(lockStatus(state, 10_999)).toEqual({ locked: true, retryAfterMs: 1 });
    expect(lockStatus(state, 11_000)).toEqual({ locked: false });
  });

  it('forgets old failures after an hour of quiet, but not while a lock is in force', () => {
    const { state } = fail(4, undefined, 0);
    expect(recordFailure(state, policy, 60 * 60 * 1000).state.failures).toBe(1);
    expect(recordFailure(state, policy, 60 * 60 * 1000 - 1).lockedForMs).toBe(1000);
    const long = { failures: 40, lastFailureAt: 0, lockedUntil: 2 * 60 * 60 * 1000 };
    expect(failureForgotten(long, policy, 60 * 60 * 1000)).toBe(false);
    expect(failureForgotten(long, policy, 2 * 60 * 60 * 1000)).toBe(true);
  });

  it('ships the documented per-id policy', () => {
    expect(DEFAULT_ID_LOCKOUT).toEqual(policy);
  });
});

describe('message token bucket', () => {
  const budget = { burst: 3, refillMs: 1000 };

  it('allows the burst at once, then one per refill interval', () => {
    let state: BucketState | undefined;
    const allowed: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const d = takeToken(state, budget, 0);
      state = d.state;
      allowed.push(d.allowed);
    }
    expect(allowed).toEqual([true, true, true, false, false]);
    const refused = takeToken(state, budget, 400);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 600 });
    expect(takeToken(refused.state, budget, 1000).allowed).toBe(true);
  });

  it('never holds more than the burst, however long the device was quiet', () => {
    const { state } = takeToken(undefined, budget, 0);
    expect(bucketFull(state, budget, 999)).toBe(false);
    expect(bucketFull(state, budget, 1000)).toBe(true);
    let s: BucketState = state;
    let ok = 0;
    for (let i = 0; i < 10; i++) {
      const d = takeToken(s, budget, 1_000_000);
      s = d.state;
      if (d.allowed) ok++;
    }
    expect(ok).toBe(3);
  });

  it('budgets every device message type, escalations far below the flood seen on the server', () => {
    const raise = DEVICE_MESSAGE_BUDGETS['escalation.raise'];
    const perHour = raise.burst + (60 * 60 * 1000) / raise.refillMs;
    expect(perHour).toBeLessThan(200);
    for (const b of Object.values(DEVICE_MESSAGE_BUDGETS)) {
      expect(b.burst).toBeGreaterThanOrEqual(10);
      expect(b.refillMs).toBeGreaterThan(0);
    }
  });
});
