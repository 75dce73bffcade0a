import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { TimeoutTimers } from './clock.js';
import { QUEUE_SNAPSHOT_INTERVAL_MS, QueueSnapshots } from './queue-snapshots.js';

/** Timers that fire only when the test says so. */
function fakeTimers() {
  const armed = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: TimeoutTimers = {
    now: () => 0,
    setTimeout: (fn, ms) => {
      armed.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (handle) => void armed.delete(handle as number),
  };
  const fire = () => {
    const due = [...armed.entries()];
    armed.clear();
    for (const [, t] of due) t.fn();
  };
  return { timers, armed, fire };
}

describe('QueueSnapshots', () => {
  it('coalesces a burst of changes into one snapshot per site per interval', async () => {
    const { timers, armed, fire } = fakeTimers();
    const published: string[] = [];
    const q = new QueueSnapshots({
      timers,
      logger: pino({ level: 'silent' }),
      publish: async (site) => void published.push(site),
    });
    for (let i = 0; i < 5; i++) q.changed('grand-hotel');
    q.changed('city-hospital');
    expect([...armed.values()].map((t) => t.ms)).toEqual([
      QUEUE_SNAPSHOT_INTERVAL_MS,
      QUEUE_SNAPSHOT_INTERVAL_MS,
    ]);
    fire();
    expect(published.sort()).toEqual(['city-hospital', 'grand-hotel']);
    q.changed('grand-hotel');
    expect(armed.size).toBe(1);
  });

  it('stop cancels what is pending', () => {
    const { timers, armed } = fakeTimers();
    const q = new QueueSnapshots({
      timers,
      logger: pino({ level: 'silent' }),
      publish: async () => undefined,
    });
    q.changed('grand-hotel');
    q.stop();
    expect(armed.size).toBe(0);
  });
});
