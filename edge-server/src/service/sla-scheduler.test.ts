import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlaScheduler } from './sla-scheduler.js';

describe('SlaScheduler (fake time)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const timers = () => ({ now: () => Date.now(), setTimeout, clearTimeout });

  it('ticks at the deadline the tick returns, and again at the next one', async () => {
    const deadlines = [1000, 5000, null];
    const calls: number[] = [];
    const s = new SlaScheduler(
      async () => {
        calls.push(Date.now());
        return deadlines.shift() ?? null;
      },
      timers(),
      () => undefined,
    );
    await s.kick();
    expect(calls).toEqual([0]);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([0, 1000]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toEqual([0, 1000, 5000]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(3);
    s.stop();
  });

  it('moves its timer earlier when woken for a nearer deadline, never later', async () => {
    const calls: number[] = [];
    const s = new SlaScheduler(
      async () => {
        calls.push(Date.now());
        return null;
      },
      timers(),
      () => undefined,
    );
    s.wake(10_000);
    s.wake(2_000);
    s.wake(8_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toEqual([2000]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toEqual([2000]);
    s.stop();
  });

  it('runs one more tick when kicked during a tick, and retries after a failure', async () => {
    let n = 0;
    const errors: unknown[] = [];
    let release!: () => void;
    const s = new SlaScheduler(
      async () => {
        n++;
        if (n === 1) await new Promise<void>((r) => (release = r));
        if (n === 3) throw new Error('store hiccup');
        return null;
      },
      timers(),
      (err) => errors.push(err),
    );
    const first = s.kick();
    void s.kick();
    release();
    await first;
    expect(n).toBe(2);
    await s.kick();
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(n).toBe(4);
    s.stop();
  });

  it('does nothing once stopped', async () => {
    const tick = vi.fn(async () => 100);
    const s = new SlaScheduler(tick, timers(), () => undefined);
    await s.kick();
    s.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(tick).toHaveBeenCalledTimes(1);
  });
});
