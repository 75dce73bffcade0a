import { handoverCutoffs, type HandoverPurgePolicy } from '../domain/handovers.js';
import type { HandoverStore } from '../store/store.js';

/** The clock and interval timer, injected so the purge is tested on a fake clock. */
export interface IntervalTimerApi {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Deletes expired continue-on-phone handovers (codes nobody took, and old links of phones that took
 * one) now and then every `intervalMs`. Runs never overlap; `stop` clears the timer and waits for a
 * run in flight, so a shutdown is not held and the store is not closed under a query.
 */
export class HandoverPurge {
  private handle: unknown = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      handovers: Pick<HandoverStore, 'deleteExpired'>;
      policy: HandoverPurgePolicy;
      intervalMs: number;
      timers: IntervalTimerApi;
      onPurged(count: number): void;
      onError(err: unknown): void;
    },
  ) {}

  /** Purges once now and arms the timer. */
  start(): Promise<void> {
    if (this.handle === null) {
      this.handle = this.deps.timers.setInterval(() => void this.run(), this.deps.intervalMs);
      (this.handle as { unref?: () => void }).unref?.();
    }
    return this.run();
  }

  /** One purge (joined, not repeated, when one is already running). */
  run(): Promise<void> {
    if (this.running) return this.running;
    const cutoffs = handoverCutoffs(this.deps.timers.now(), this.deps.policy);
    this.running = this.deps.handovers
      .deleteExpired(cutoffs)
      .then(
        (count) => {
          if (count > 0) this.deps.onPurged(count);
        },
        (err: unknown) => this.deps.onError(err),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.handle !== null) this.deps.timers.clearInterval(this.handle);
    this.handle = null;
    await this.running;
  }
}
