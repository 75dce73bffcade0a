/**
 * Reading text from a still photo on the device: an ID document at check-in, an error display in a
 * fault report. The photo never leaves the kiosk; only what the guest confirms is sent.
 *
 * Consumers turn the text into what they need with the pure extractors of `@frontdesk/models`
 * (`extractIdFields`, `extractFaultCodes`). The implementation (OCR in a worker) is chosen in
 * `main.tsx`; where none is available the services carry `null` and the feature asks the guest to type.
 */
export interface PhotoLine {
  readonly text: string;
  /** Recogniser confidence, 0–1. */
  readonly score: number;
  /** Four corners in the photo's pixel coordinates, clockwise from top-left. */
  readonly box: ReadonlyArray<readonly [number, number]>;
}

export interface PhotoReading {
  readonly lines: readonly PhotoLine[];
  /** The lines joined top to bottom with newlines. */
  readonly text: string;
  /** How long reading took, for the diagnostics screen. */
  readonly elapsedMs: number;
}

export interface PhotoReader {
  /** Rejects with an `AbortError` DOMException when the signal fires (cancellation is not failure). */
  read(photo: Blob, options?: { signal?: AbortSignal }): Promise<PhotoReading>;
}

/** Why a photo could not be read; the feature then asks the guest to type, in their language. */
export type PhotoReadProblem = 'unreadable' | 'model_failed' | 'worker_failed';

export class PhotoReadError extends Error {
  constructor(
    readonly code: PhotoReadProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PhotoReadError';
  }
}
