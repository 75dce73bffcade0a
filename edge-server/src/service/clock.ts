/**
 * The one clock and timer interface of the service: the SLA scheduler, the handover purge, the
 * queue-snapshot debounce and the retention schedule all take it, so each is tested on fake time.
 * Handles are opaque; `systemTimers` unrefs them so no timer alone keeps the process alive.
 */
export interface Clock {
  now(): number;
}

export interface Timers extends Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The one-shot part (the SLA scheduler, debounces). */
export type TimeoutTimers = Pick<Timers, 'now' | 'setTimeout' | 'clearTimeout'>;
/** The repeating part (purges). */
export type IntervalTimers = Pick<Timers, 'now' | 'setInterval' | 'clearInterval'>;

const unref = <T>(handle: T): T => {
  (handle as { unref?: () => void }).unref?.();
  return handle;
};

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => unref(setTimeout(fn, ms)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => unref(setInterval(fn, ms)),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/**
 * Runs `job` now and then every `intervalMs`. Runs never overlap (a tick during a run joins it);
 * `stop` clears the timer and waits for a run in flight, so the store is not closed under a query.
 */
export class PeriodicJob {
  private handle: unknown = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly timers: IntervalTimers,
    private readonly intervalMs: number,
    private readonly job: (now: number) => Promise<void>,
  ) {}

  /** Runs once now and arms the timer. */
  start(): Promise<void> {
    if (this.handle === null) {
      this.handle = this.timers.setInterval(() => void this.run(), this.intervalMs);
      (this.handle as { unref?: () => void }).unref?.();
    }
    return this.run();
  }

  /** One run (joined, not repeated, when one is already running). */
  run(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.job(this.timers.now()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.handle !== null) this.timers.clearInterval(this.handle);
    this.handle = null;
    await this.running;
  }
}
