import { describe, expect, it } from 'vitest';
import { fakeTimers, fakeWorker, type FakeWorker } from '../../test/fake-worker.js';
import { isAbort, throwIfAborted } from './abort.js';
import { WorkerBridge, WorkerFailedError } from './bridge.js';

interface Api {
  double(n: number): number;
  never(): Promise<never>;
}

function setup(idleMs?: number) {
  const workers: FakeWorker[] = [];
  const time = fakeTimers();
  const bridge = new WorkerBridge<Api>({
    name: 'test',
    ...(idleMs === undefined ? {} : { idleMs }),
    timers: time,
    create: () => {
      const w = fakeWorker({ double: (n: number) => n * 2, never: () => new Promise(() => {}) });
      workers.push(w);
      return w;
    },
  });
  return { bridge, workers, time };
}

describe('WorkerBridge', () => {
  it('starts the worker on the first call and keeps it for the next', async () => {
    const { bridge, workers } = setup();
    expect(bridge.started).toBe(false);
    expect(await bridge.call((api) => api.double(2))).toBe(4);
    expect(await bridge.call((api) => api.double(5))).toBe(10);
    expect(workers).toHaveLength(1);
  });

  it('ends an idle worker after idleMs, and starts one again for the next call', async () => {
    const { bridge, workers, time } = setup(1000);
    await bridge.call((api) => api.double(1));
    expect(time.timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([1000]);
    time.fire();
    expect(workers[0]!.terminated).toBe(true);
    expect(bridge.started).toBe(false);
    expect(await bridge.call((api) => api.double(3))).toBe(6);
    expect(workers).toHaveLength(2);
  });

  it('aborting a call rejects it at once with an AbortError and ends the worker', async () => {
    const { bridge, workers } = setup();
    const abort = new AbortController();
    const call = bridge.call((api) => api.never(), { signal: abort.signal });
    abort.abort();
    const error = await call.catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(workers[0]!.terminated).toBe(true);
  });

  it('an already aborted signal starts no worker', async () => {
    const { bridge, workers } = setup();
    const abort = new AbortController();
    abort.abort();
    await expect(bridge.call((api) => api.double(1), { signal: abort.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(workers).toHaveLength(0);
    expect(() => throwIfAborted(abort.signal)).toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
  });

  it('a crashed worker fails the calls waiting for it, and is replaced', async () => {
    const { bridge, workers } = setup();
    const waiting = bridge.call((api) => api.never());
    await new Promise((r) => setTimeout(r, 0));
    workers[0]!.crash('out of memory');
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerFailedError);
    expect(error).toMatchObject({ code: 'WORKER_FAILED', message: 'out of memory' });
    expect(workers[0]!.terminated).toBe(true);
    expect(await bridge.call((api) => api.double(4))).toBe(8);
  });
});
