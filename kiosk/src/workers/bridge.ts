import { wrap, type Endpoint, type Remote } from 'comlink';
import { abortable, throwIfAborted } from './abort.js';

/**
 * The one bridge between the page and its Web Workers (after Squoosh's `worker-bridge`): the worker
 * exposes an API with Comlink (`expose(api)`), the page calls it through `WorkerBridge.call`. The
 * bridge starts the worker on the first call, ends it after `idleMs` with no call in flight (models
 * hold tens of MB), and ends it when a call is aborted (work inside a worker cannot be interrupted
 * otherwise; the next call starts a new one). A worker that dies fails every call waiting for it.
 */

/** What the bridge needs of a worker: a Comlink endpoint that can be ended (a `Worker`, or a fake). */
export type WorkerLike = Endpoint & { terminate(): void };

/** Timers, injected so idle shutdown is tested on fake time. */
export interface BridgeTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WorkerBridgeOptions {
  create(): WorkerLike;
  /** End the worker after this long with no call in flight; omitted: keep it until `terminate()`. */
  idleMs?: number;
  timers?: BridgeTimers;
  /** Name for error messages ("the OCR worker failed"). */
  name: string;
}

export interface CallOptions {
  /** Aborting rejects the call at once with an AbortError and ends the worker. */
  signal?: AbortSignal | undefined;
}

/** The worker itself failed (it did not load, or threw outside a call): `cause` is its error event. */
export class WorkerFailedError extends Error {
  readonly code = 'WORKER_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkerFailedError';
  }
}

const BROWSER_TIMERS: BridgeTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Running<Api> {
  worker: WorkerLike;
  api: Remote<Api>;
  /** Rejects when the worker fails or is ended; every call races it. */
  died: Promise<never>;
  fail(error: Error): void;
}

export class WorkerBridge<Api> {
  private running: Running<Api> | null = null;
  private inFlight = 0;
  private idleTimer: unknown = null;
  private readonly timers: BridgeTimers;

  constructor(private readonly options: WorkerBridgeOptions) {
    this.timers = options.timers ?? BROWSER_TIMERS;
  }

  /** Whether a worker is running now (diagnostics and tests). */
  get started(): boolean {
    return this.running !== null;
  }

  /** Calls the worker's API; see the class comment for what aborting and idling do. */
  async call<T>(fn: (api: Remote<Api>) => Promise<T>, options: CallOptions = {}): Promise<T> {
    const { signal } = options;
    throwIfAborted(signal);
    const running = this.ensure();
    this.inFlight += 1;
    this.clearIdle();
    const onAbort = () => this.end(running);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await abortable(Promise.race([fn(running.api), running.died]), signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.inFlight -= 1;
      if (this.inFlight === 0 && this.running === running) this.armIdle();
    }
  }

  /** Ends the worker now; the next call starts a new one. */
  terminate(): void {
    if (this.running) this.end(this.running);
  }

  private ensure(): Running<Api> {
    if (this.running) return this.running;
    const worker = this.options.create();
    let fail: (error: Error) => void = () => {};
    const died = new Promise<never>((_, reject) => (fail = reject));
    // A worker that dies with nothing waiting for it is not an error of anyone's.
    died.catch(() => {});
    const running: Running<Api> = { worker, api: wrap<Api>(worker), died, fail };
    worker.addEventListener('error', (event) => {
      (event as { preventDefault?: () => void }).preventDefault?.();
      const message = (event as { message?: string }).message || `the ${this.options.name} worker failed`;
      this.end(running, new WorkerFailedError(message, { cause: event }));
    });
    this.running = running;
    return running;
  }

  private end(running: Running<Api>, why?: Error): void {
    if (this.running !== running) return;
    this.clearIdle();
    this.running = null;
    running.worker.terminate();
    // Calls still waiting (not the aborted one: it has its AbortError already) get no answer now.
    running.fail(why ?? new WorkerFailedError(`the ${this.options.name} worker was ended`));
  }

  private armIdle(): void {
    if (this.options.idleMs === undefined) return;
    this.clearIdle();
    this.idleTimer = this.timers.setTimeout(() => this.terminate(), this.options.idleMs);
  }

  private clearIdle(): void {
    if (this.idleTimer === null) return;
    this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
