import type { ErrorCode } from '@frontdesk/protocol';
import { Histogram } from 'prom-client';

/** How a message from a device or member of staff ended, for the handling-time histogram. */
export type HandlingOutcome = 'accepted' | 'duplicate' | 'rejected' | 'failed';

/**
 * Counters for /metrics: what was accepted, rejected (by code), refused by the ACL; and how long the
 * server took to handle each message (decode → commit → answer), for `/metrics` in Prometheus format.
 */
export class Metrics {
  readonly startedAt = Date.now();
  messagesIn = 0;
  messagesAccepted = 0;
  duplicates = 0;
  aclDenied = 0;
  authFailed = 0;
  escalationsRaised = 0;
  reEscalations = 0;
  ticketsCreated = 0;
  photosStored = 0;
  understood = 0;
  readonly rejected: Partial<Record<ErrorCode, number>> = {};
  /** Registered by the Prometheus registry (`prometheus.ts`), not globally. */
  readonly handling = new Histogram({
    name: 'frontdesk_message_handling_seconds',
    help: 'Time from a device or staff message arriving to its answer being published',
    labelNames: ['from', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [],
  });

  /** One message handled: who sent it (`device` or `staff`), how it ended, in milliseconds. */
  handled(from: 'device' | 'staff', outcome: HandlingOutcome, ms: number): void {
    this.handling.observe({ from, outcome }, ms / 1000);
  }

  reject(code: ErrorCode): void {
    this.rejected[code] = (this.rejected[code] ?? 0) + 1;
  }

  snapshot() {
    return {
      uptimeS: Math.round((Date.now() - this.startedAt) / 1000),
      messagesIn: this.messagesIn,
      messagesAccepted: this.messagesAccepted,
      duplicates: this.duplicates,
      rejected: { ...this.rejected },
      aclDenied: this.aclDenied,
      authFailed: this.authFailed,
      escalationsRaised: this.escalationsRaised,
      reEscalations: this.reEscalations,
      ticketsCreated: this.ticketsCreated,
      photosStored: this.photosStored,
      understood: this.understood,
    };
  }
}
