import { describe, expect, it } from 'vitest';
import { BUSY, VerificationQueue, type VerifyLane } from './verify-queue.js';

/** A task that finishes when the test says so. */
function gated() {
  const order: string[] = [];
  const open = new Map<string, () => void>();
  const task = (name: string) => () =>
    new Promise<string>((resolve) => {
      order.push(name);
      open.set(name, () => resolve(name));
    });
  return { order, open, task };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('VerificationQueue', () => {
  it('runs at most `concurrency` at once and serves lanes in order: recent, known, unknown', async () => {
    const q = new VerificationQueue({ concurrency: 2, maxWaiting: 10 });
    const { order, open, task } = gated();
    const run = (lane: VerifyLane, name: string) => q.run(lane, task(name));
    const results = [
      run('unknown', 'u1'),
      run('unknown', 'u2'),
      run('unknown', 'u3'),
      run('known', 'k1'),
      run('recent', 'r1'),
      run('known', 'k2'),
    ];
    await tick();
    expect(order).toEqual(['u1', 'u2']);
    expect(q.stats).toEqual({ running: 2, waiting: 4 });
    for (const name of ['u1', 'u2', 'r1', 'k1', 'k2', 'u3']) {
      open.get(name)!();
      await tick();
      await tick();
    }
    expect(order).toEqual(['u1', 'u2', 'r1', 'k1', 'k2', 'u3']);
    expect(await Promise.all(results)).toEqual(['u1', 'u2', 'u3', 'k1', 'r1', 'k2']);
    expect(q.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once when full, unless a better lane can take the newest worse waiter’s place', async () => {
    const q = new VerificationQueue({ concurrency: 1, maxWaiting: 2 });
    const { order, task } = gated();
    void q.run('known', task('k0'));
    const u1 = q.run('unknown', task('u1'));
    const u2 = q.run('unknown', task('u2'));
    expect(await q.run('unknown', task('u3'))).toBe(BUSY);
    const k1 = q.run('known', task('k1'));
    expect(await u2).toBe(BUSY);
    const k2 = q.run('known', task('k2'));
    expect(await u1).toBe(BUSY);
    expect(await q.run('known', task('k3'))).toBe(BUSY);
    expect(q.stats).toEqual({ running: 1, waiting: 2 });
    expect(order).toEqual(['k0']);
    void k1;
    void k2;
  });
});
