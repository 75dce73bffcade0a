import type { OcrWorkerReply, OcrWorkerRequest } from './ocr-protocol.js';
import { PhotoReadError, type PhotoReader, type PhotoReading } from './photo-reader.js';

export interface OcrWorkerPhotoReaderOptions {
  /** The worker is ended after this long without a photo (its models hold ~100 MB of memory). */
  idleMs?: number;
  /** Longest side a photo is scaled to before reading. */
  maxSide?: number;
  createWorker?: () => Worker;
  /** Injected for tests; the real ones are the browser's. */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

interface Job {
  id: number;
  photo: Blob;
  signal: AbortSignal | undefined;
  resolve(reading: PhotoReading): void;
  reject(error: unknown): void;
}

const abortError = () => new DOMException('reading the photo was cancelled', 'AbortError');

/**
 * `PhotoReader` over OCR in a Web Worker, one photo at a time. Cancelling the photo being read ends
 * the worker (inference cannot be interrupted otherwise; the next photo starts a new one); a worker
 * that has been idle for `idleMs` is ended too, giving its memory back.
 */
export class OcrWorkerPhotoReader implements PhotoReader {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  private nextId = 0;
  private idleTimer: unknown = null;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: OcrWorkerPhotoReaderOptions = {}) {
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Whether a worker is running now (for the diagnostics panel and tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  read(photo: Blob, options: { signal?: AbortSignal } = {}): Promise<PhotoReading> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<PhotoReading>((resolve, reject) => {
      const job: Job = { id: ++this.nextId, photo, signal, resolve, reject };
      signal?.addEventListener('abort', () => this.cancel(job), { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Ends the worker now; photos waiting are read by a new one. */
  shutdown(): void {
    this.clearTimer(this.idleTimer);
    this.idleTimer = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (this.current === job) {
      this.current = null;
      this.shutdown();
    } else return;
    job.reject(abortError());
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker =
      this.options.createWorker?.() ??
      new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module', name: 'ocr' });
    worker.onmessage = (event: MessageEvent<OcrWorkerReply>) => this.settle(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      const job = this.current;
      this.current = null;
      this.shutdown();
      job?.reject(new PhotoReadError('worker_failed', event.message || 'the OCR worker failed'));
      this.pump();
    };
    this.worker = worker;
    return worker;
  }

  private pump(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) {
      this.clearTimer(this.idleTimer);
      this.idleTimer = this.setTimer(() => this.shutdown(), this.options.idleMs ?? 60_000);
      return;
    }
    this.clearTimer(this.idleTimer);
    this.idleTimer = null;
    this.current = job;
    const request: OcrWorkerRequest = {
      type: 'read',
      id: job.id,
      photo: job.photo,
      maxSide: this.options.maxSide ?? 1280,
    };
    this.ensureWorker().postMessage(request);
  }

  private settle(reply: OcrWorkerReply): void {
    const job = this.current;
    if (!job || job.id !== reply.id) return;
    this.current = null;
    if (reply.type === 'read') {
      job.resolve({
        lines: reply.lines,
        text: reply.lines.map((l) => l.text).join('\n'),
        elapsedMs: reply.ms,
      });
    } else {
      job.reject(new PhotoReadError(reply.code, reply.message));
    }
    this.pump();
  }
}
