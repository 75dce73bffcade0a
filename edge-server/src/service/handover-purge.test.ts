import { describe, expect, it } from 'vitest';
import type { Handover } from '../domain/types.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { IntervalTimers } from './clock.js';
import { HandoverPurge } from './handover-purge.js';

const MIN = 60_000;
const T0 = 1_800_000_000_000;

/** A clock the test moves and an interval timer it fires by hand. */
function fakeTimers() {
  const state = { now: T0, armed: [] as Array<{ fn: () => void; ms: number }>, cleared: 0 };
  const timers: IntervalTimers = {
    now: () => state.now,
    setInterval(fn, ms) {
      const handle = { fn, ms };
      state.armed.push(handle);
      return handle;
    },
    clearInterval(handle) {
      state.armed = state.armed.filter((h) => h !== handle);
      state.cleared++;
    },
  };
  return { state, timers, fire: () => state.armed.forEach((h) => h.fn()) };
}

function handover(codeHash: string, expiresAt: number, phoneDeviceId: string | null = null): Handover {
  const base = { site: 's', deviceId: 'k1', conversationId: 'c1', escalationId: null, ticketId: null };
  return { ...base, codeHash, createdAt: T0 - MIN, expiresAt, phoneDeviceId };
}

describe('HandoverPurge', () => {
  it('deletes handovers as they expire, on its interval, by the injected clock', async () => {
    const store = createMemoryStore();
    await store.handovers.put(handover('soon', T0 + 5 * MIN));
    await store.handovers.put(handover('later', T0 + 60 * MIN));
    await store.handovers.put(handover('taken', T0 + 5 * MIN, 'phone-1'));
    const { state, timers, fire } = fakeTimers();
    const purged: number[] = [];
    const purge = new HandoverPurge({
      handovers: store.handovers,
      policy: { attachedKeepMs: 24 * 60 * MIN },
      intervalMs: 10 * MIN,
      timers,
      onPurged: (n) => purged.push(n),
      onError: (err) => {
        throw err;
      },
    });

    await purge.start();
    expect(state.armed.map((h) => h.ms)).toEqual([10 * MIN]);
    expect(purged).toEqual([]);

    state.now = T0 + 10 * MIN;
    fire();
    await purge.run();
    expect(purged).toEqual([1]);
    expect(await store.handovers.get('soon')).toBeNull();
    expect(await store.handovers.get('later')).not.toBeNull();
    // A phone still follows what it took: kept past the code's expiry.
    expect(await store.handovers.get('taken')).not.toBeNull();

    state.now = T0 + 5 * MIN + 24 * 60 * MIN;
    fire();
    await purge.run();
    expect(purged).toEqual([1, 2]);
    expect(await store.handovers.get('later')).toBeNull();
    expect(await store.handovers.get('taken')).toBeNull();

    await purge.stop();
    expect(state.armed).toEqual([]);
    expect(state.cleared).toBe(1);
  });

  it('reports a failed purge and keeps its timer', async () => {
    const { state, timers, fire } = fakeTimers();
    const errors: unknown[] = [];
    const purge = new HandoverPurge({
      handovers: { deleteExpired: () => Promise.reject(new Error('disk I/O error')) },
      policy: { attachedKeepMs: 0 },
      intervalMs: MIN,
      timers,
      onPurged: () => undefined,
      onError: (err) => errors.push(err),
    });
    await purge.start();
    fire();
    await purge.run();
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk I/O error', 'disk I/O error']);
    expect(state.armed).toHaveLength(1);
    await purge.stop();
  });
});
