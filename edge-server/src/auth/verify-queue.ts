/**
 * A bounded, prioritised queue for password verifications. scrypt runs on libuv's thread pool (4
 * threads by default), which file reads, DNS and zlib share: a 64-way flood of logins once pushed a
 * legitimate MQTT login from 116 ms to 7.6 s. At most `concurrency` verifications run at once (below
 * the pool size, so HTTP and the store keep threads), at most `maxWaiting` wait, and a full queue
 * refuses at once (`BUSY`) instead of growing. Lanes: a principal that signed in recently, then one
 * that exists in the store, then ids nobody knows; a waiter of a better lane takes the place of the
 * newest waiter of the worst lane when the queue is full.
 *
 * Hand-written rather than p-limit/p-queue: neither refuses when full nor displaces lower lanes.
 */

export const VERIFY_LANES = ['recent', 'known', 'unknown'] as const;
export type VerifyLane = (typeof VERIFY_LANES)[number];

export const BUSY = Symbol('verification queue busy');

export interface VerificationQueueOptions {
  /** Verifications in flight at once; below libuv's pool of 4 (UV_THREADPOOL_SIZE). */
  concurrency: number;
  /** Verifications allowed to wait; past it, an attempt is refused at once. */
  maxWaiting: number;
}

/** Two scrypt verifications at once (~40 ms each here) and 32 waiting: a queue drains in under 1 s. */
export const DEFAULT_VERIFY_QUEUE: VerificationQueueOptions = { concurrency: 2, maxWaiting: 32 };

interface Waiter {
  start(): void;
  refuse(): void;
}

export class VerificationQueue {
  private running = 0;
  private readonly lanes: Record<VerifyLane, Waiter[]> = { recent: [], known: [], unknown: [] };

  constructor(private readonly options: VerificationQueueOptions = DEFAULT_VERIFY_QUEUE) {}

  /** How many verifications run and wait now (for /metrics and tests). */
  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waitingCount() };
  }

  /** Runs `task` when a slot is free; `BUSY` when the queue is full of waiters as important. */
  run<T>(lane: VerifyLane, task: () => Promise<T>): Promise<T | typeof BUSY> {
    if (this.running < this.options.concurrency && this.waitingCount() === 0) return this.execute(task);
    if (this.waitingCount() >= this.options.maxWaiting && !this.displaceBelow(lane))
      return Promise.resolve(BUSY);
    return new Promise<T | typeof BUSY>((resolve, reject) => {
      this.lanes[lane].push({
        start: () => this.execute(task).then(resolve, reject),
        refuse: () => resolve(BUSY),
      });
    });
  }

  private async execute<T>(task: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.next();
    }
  }

  private next(): void {
    for (const lane of VERIFY_LANES) {
      const waiter = this.lanes[lane].shift();
      if (waiter) return waiter.start();
    }
  }

  /** Refuses the newest waiter of the worst lane below `lane`; false when there is none. */
  private displaceBelow(lane: VerifyLane): boolean {
    const rank = VERIFY_LANES.indexOf(lane);
    for (const below of VERIFY_LANES.slice(rank + 1).reverse()) {
      const waiter = this.lanes[below].pop();
      if (waiter) {
        waiter.refuse();
        return true;
      }
    }
    return false;
  }

  private waitingCount(): number {
    let n = 0;
    for (const lane of VERIFY_LANES) n += this.lanes[lane].length;
    return n;
  }
}
