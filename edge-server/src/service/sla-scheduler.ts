/**
 * Runs the SLA timers: one timer set for the nearest deadline, re-armed after every tick and moved
 * earlier when a new escalation brings a nearer one. The clock and the timer functions are injected.
 */
import type { TimeoutTimers } from './clock.js';

// setTimeout's limit; later deadlines are re-checked when this fires.
const MAX_DELAY_MS = 2 ** 31 - 1;

export class SlaScheduler {
  private handle: unknown = null;
  private dueAt: number | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly tick: () => Promise<number | null>,
    private readonly timers: TimeoutTimers,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** A deadline exists at `at`: make sure a tick happens by then. */
  wake(at: number): void {
    if (this.stopped) return;
    if (this.dueAt !== null && this.dueAt <= at) return;
    this.arm(at);
  }

  /** Tick now (serialised: a kick during a tick runs one more tick after it). */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const next = await this.tick();
          this.disarm();
          if (next !== null) this.arm(next);
        } catch (err) {
          this.onError(err);
          // Try again soon rather than never: a store hiccup must not stop the SLA clock.
          this.arm(this.timers.now() + 1000);
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(at: number): void {
    this.disarm();
    this.dueAt = at;
    const delay = Math.min(Math.max(0, at - this.timers.now()), MAX_DELAY_MS);
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.dueAt = null;
      void this.kick();
    }, delay);
  }

  private disarm(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    this.dueAt = null;
  }
}
