import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { PeriodicJob, type Timers } from '../service/clock.js';
import { HandoverPurge } from '../service/handover-purge.js';
import type { PhotoService } from '../service/photos.js';
import { applyRetention } from '../service/retention.js';
import type { Store } from '../store/store.js';

const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Personal data and expired handovers are deleted on schedule: at start, then periodically. */
export async function startPurges(deps: {
  store: Store;
  photos: PhotoService;
  config: Config;
  timers: Timers;
  logger: Logger;
}) {
  const { store, photos, config, timers, logger } = deps;
  const retention = new PeriodicJob(timers, RETENTION_INTERVAL_MS, (at) =>
    applyRetention(store, photos, config.retention, at).then(
      (r) =>
        r.photos + r.conversations + r.authFailures > 0 ? logger.info(r, 'retention purge') : undefined,
      (err: unknown) => logger.error({ err }, 'retention purge failed'),
    ),
  );
  await retention.start();
  // Handover codes nobody took go when they expire; a phone's link to what it follows goes with the
  // conversation transcripts.
  const handoverPurge = new HandoverPurge({
    handovers: store.handovers,
    policy: { attachedKeepMs: config.retention.conversationDays * 24 * 60 * 60 * 1000 },
    intervalMs: config.handoverPurgeIntervalMs,
    timers,
    onPurged: (count) => logger.info({ count }, 'expired handovers purged'),
    onError: (err) => logger.error({ err }, 'handover purge failed'),
  });
  await handoverPurge.start();
  return {
    async stop() {
      await retention.stop();
      await handoverPurge.stop();
    },
  };
}
