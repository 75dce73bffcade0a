import { maskAtRest } from './at-rest.js';
import type { Store, Stores } from './store.js';

/** Runs async sections one at a time, in call order. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Wraps every method of every sub-store so that a call made outside a transaction waits for the
 * transaction in progress: no write can slip into (or be rolled back with) someone else's transaction.
 */
function guardStores(stores: Stores, mutex: Mutex): Stores {
  const guarded: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(stores)) {
    guarded[name] = new Proxy(sub as object, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          mutex.run(async () => (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
  }
  return guarded as unknown as Stores;
}

export interface TransactionHooks {
  begin(): void;
  commit(): void;
  rollback(): void;
  close(): void;
}

/** A `Store` from raw sub-stores and the backend's transaction primitives. */
export function composeStore(kind: string, backend: Stores, hooks: TransactionHooks): Store {
  const mutex = new Mutex();
  // Personal numbers are masked before any backend sees them (at-rest.ts).
  const raw = maskAtRest(backend);
  return {
    kind,
    ...guardStores(raw, mutex),
    transaction<T>(fn: (tx: Stores) => Promise<T>): Promise<T> {
      return mutex.run(async () => {
        hooks.begin();
        try {
          const result = await fn(raw);
          hooks.commit();
          return result;
        } catch (err) {
          hooks.rollback();
          throw err;
        }
      });
    },
    async close() {
      await mutex.run(async () => hooks.close());
    },
  };
}
