import { expose } from 'comlink';
import type { WorkerLike } from '../src/workers/bridge.js';

/**
 * A worker for unit tests: `api` exposed with Comlink on one end of a MessageChannel, as a real
 * worker exposes its own; the test holds the other end. `crash()` fires the worker's `error` event.
 */
export interface FakeWorker extends WorkerLike {
  terminated: boolean;
  crash(message: string): void;
}

export function fakeWorker(api: object): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2);
  const onError: Array<(event: unknown) => void> = [];
  const fake: FakeWorker = {
    terminated: false,
    postMessage: (message: unknown, transfer?: Transferable[]) => port1.postMessage(message, transfer ?? []),
    addEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      if (type === 'error') onError.push(listener as (event: unknown) => void);
      else port1.addEventListener(type, listener);
    },
    removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) =>
      port1.removeEventListener(type, listener),
    start: () => port1.start(),
    terminate: () => {
      fake.terminated = true;
      port1.close();
      port2.close();
    },
    crash: (message: string) => onError.forEach((l) => l({ message })),
  };
  return fake;
}

/** Timers the test fires by hand. */
export function fakeTimers() {
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  return {
    timers,
    setTimeout: (fn: () => void, ms: number) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (t: unknown) => {
      if (t) (t as { cleared: boolean }).cleared = true;
    },
    /** Fires every timer not cleared (once). */
    fire: () =>
      timers
        .filter((t) => !t.cleared)
        .forEach((t) => {
          t.cleared = true;
          t.fn();
        }),
  };
}
