import type { ErrorCode } from '@frontdesk/protocol';

/** Counters for /metrics: what was accepted, rejected (by code), refused by the ACL. */
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
