/**
 * The kiosk's one way to deal with cancellation: an aborted signal rejects with an `AbortError`
 * (the signal's own reason when it is one), and `isAbort` tells cancellation from failure.
 * Cancellation is not failure: callers return quietly on `isAbort`.
 */

/** The error an aborted operation rejects with: the signal's reason if it is an error, else an AbortError. */
export function abortReason(signal: AbortSignal, what = 'the operation was cancelled'): unknown {
  const reason: unknown = signal.reason;
  return reason instanceof Error || reason instanceof DOMException
    ? reason
    : new DOMException(what, 'AbortError');
}

/** Throws the abort error when the signal has fired (`signal.throwIfAborted`, for an optional signal). */
export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw abortReason(signal, what);
}

/** Whether an error means "cancelled" (an `AbortError` from a signal, a fetch or a worker bridge). */
export function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

/**
 * `promise`, or its abort error as soon as the signal fires (the work itself may go on: the caller
 * stops waiting for it). The listener is removed when the promise settles.
 */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  what?: string,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal, what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal, what));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error || error instanceof DOMException ? error : new Error(String(error)));
      },
    );
  });
}
