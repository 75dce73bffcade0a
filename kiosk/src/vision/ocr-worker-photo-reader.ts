import { WorkerBridge, WorkerFailedError, type BridgeTimers, type WorkerLike } from '../workers/bridge.js';
import { abortReason, abortable, isAbort } from '../workers/abort.js';
import type { OcrReading, OcrWorkerApi } from './ocr-protocol.js';
import { PhotoReadError, type PhotoReader, type PhotoReading } from './photo-reader.js';

export interface OcrWorkerPhotoReaderOptions {
  /** The worker is ended after this long without a photo (its models hold ~100 MB of memory). */
  idleMs?: number;
  /** Longest side a photo is scaled to before reading. */
  maxSide?: number;
  createWorker?: () => WorkerLike;
  /** Injected for tests; the real ones are the browser's. */
  timers?: BridgeTimers;
}

const CANCELLED = 'reading the photo was cancelled';

/**
 * `PhotoReader` over OCR in a Web Worker (through the `WorkerBridge`), one photo at a time. Cancelling
 * the photo being read ends the worker (inference cannot be interrupted otherwise; the next photo
 * starts a new one); cancelling one still waiting only takes it out of the line. A worker idle for
 * `idleMs` is ended too, giving its memory back.
 */
export class OcrWorkerPhotoReader implements PhotoReader {
  private readonly bridge: WorkerBridge<OcrWorkerApi>;
  /** The photo being read, or a settled promise: the next one waits for it. */
  private line: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OcrWorkerPhotoReaderOptions = {}) {
    this.bridge = new WorkerBridge<OcrWorkerApi>({
      name: 'OCR',
      idleMs: options.idleMs ?? 60_000,
      ...(options.timers ? { timers: options.timers } : {}),
      create:
        options.createWorker ??
        (() => new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module', name: 'ocr' })),
    });
  }

  /** Whether a worker is running now (for the diagnostics panel and tests). */
  get running(): boolean {
    return this.bridge.started;
  }

  read(photo: Blob, options: { signal?: AbortSignal } = {}): Promise<PhotoReading> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal, CANCELLED));
    const maxSide = this.options.maxSide ?? 1280;
    // A photo cancelled while waiting never reaches the worker (the bridge checks the signal first).
    const turn = this.line.then(() =>
      this.bridge.call<OcrReading>((api) => api.read(photo, maxSide), { signal }),
    );
    this.line = turn.catch(() => undefined);
    return abortable(turn, signal, CANCELLED).then(
      (reading) => {
        if (reading.type === 'failed') throw new PhotoReadError(reading.code, reading.message);
        return {
          lines: reading.lines,
          text: reading.lines.map((l) => l.text).join('\n'),
          elapsedMs: reading.ms,
        };
      },
      (error: unknown) => {
        if (isAbort(error) || error instanceof PhotoReadError) throw error;
        throw new PhotoReadError(
          'worker_failed',
          error instanceof WorkerFailedError ? error.message : 'the OCR worker failed',
        );
      },
    );
  }

  /** Ends the worker now; photos waiting are read by a new one. */
  shutdown(): void {
    this.bridge.terminate();
  }
}
