import { handoverCutoffs, type HandoverPurgePolicy } from '../domain/handovers.js';
import type { HandoverStore } from '../store/store.js';
import { PeriodicJob, type IntervalTimers } from './clock.js';

/**
 * Deletes expired continue-on-phone handovers (codes nobody took, and old links of phones that took
 * one) now and then every `intervalMs`. Runs never overlap; `stop` clears the timer and waits for a
 * run in flight, so a shutdown is not held and the store is not closed under a query.
 */
export class HandoverPurge {
  private readonly job: PeriodicJob;

  constructor(deps: {
    handovers: Pick<HandoverStore, 'deleteExpired'>;
    policy: HandoverPurgePolicy;
    intervalMs: number;
    timers: IntervalTimers;
    onPurged(count: number): void;
    onError(err: unknown): void;
  }) {
    this.job = new PeriodicJob(deps.timers, deps.intervalMs, (now) =>
      deps.handovers.deleteExpired(handoverCutoffs(now, deps.policy)).then(
        (count) => {
          if (count > 0) deps.onPurged(count);
        },
        (err: unknown) => deps.onError(err),
      ),
    );
  }

  /** Purges once now and arms the timer. */
  start(): Promise<void> {
    return this.job.start();
  }

  /** One purge (joined, not repeated, when one is already running). */
  run(): Promise<void> {
    return this.job.run();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
