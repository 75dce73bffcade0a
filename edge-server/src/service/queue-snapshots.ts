import type { Logger } from 'pino';
import type { TimeoutTimers } from './clock.js';

/** Queue snapshots are coalesced: one per site per interval, whatever the rate of changes. */
export const QUEUE_SNAPSHOT_INTERVAL_MS = 500;

/** Debounces the retained queue snapshot of each site (`topics.siteQueue`). */
export class QueueSnapshots {
  private readonly pending = new Map<string, unknown>();

  constructor(
    private readonly deps: {
      timers: TimeoutTimers;
      publish(site: string): Promise<void>;
      logger: Logger;
    },
  ) {}

  /** Something at `site` changed: publish its snapshot once the interval has passed. */
  changed(site: string): void {
    if (this.pending.has(site)) return;
    const handle = this.deps.timers.setTimeout(() => {
      this.pending.delete(site);
      this.deps
        .publish(site)
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'queue snapshot failed'));
    }, QUEUE_SNAPSHOT_INTERVAL_MS);
    (handle as { unref?: () => void }).unref?.();
    this.pending.set(site, handle);
  }

  stop(): void {
    for (const handle of this.pending.values()) this.deps.timers.clearTimeout(handle);
    this.pending.clear();
  }
}
