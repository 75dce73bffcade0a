/**
 * `IntentModel` for the page, backed by the intent worker: the trained ONNX model runs in
 * onnxruntime-web (wasm) off the UI thread. The worker is given as a factory so tests can use a fake.
 */
import type { ClassifyContext, IntentModel, IntentPrediction } from '@frontdesk/models';
import type { IntentWorkerReply, IntentWorkerRequest } from './intent-protocol.js';

/** The part of a `Worker` this class uses. */
export interface WorkerLike {
  postMessage(message: IntentWorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<IntentWorkerReply>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

export type ModelLoadState =
  | { status: 'loading'; loadedBytes: number; totalBytes: number }
  | { status: 'ready' }
  | { status: 'failed'; code: string; message: string };

/** Why a classification could not be made; the dialogue treats it as "the model is unavailable". */
export class ModelUnavailableError extends Error {
  readonly code = 'MODEL_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

export class WorkerIntentModel implements IntentModel {
  private readonly worker: WorkerLike;
  private readonly pending = new Map<
    number,
    { resolve(p: IntentPrediction): void; reject(e: Error): void }
  >();
  private nextId = 1;
  private state: ModelLoadState = { status: 'loading', loadedBytes: 0, totalBytes: 0 };
  private readonly ready: Promise<void>;

  /** Starts loading at once; `onState` sees the progress, then ready or failed. */
  constructor(createWorker: () => WorkerLike, onState: (state: ModelLoadState) => void = () => {}) {
    this.worker = createWorker();
    let settle: { resolve(): void; reject(e: Error): void } = { resolve: () => {}, reject: () => {} };
    this.ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // A failed load is reported through onState; a classify() call gets it as its rejection.
    this.ready.catch(() => {});
    const fail = (code: string, message: string) => {
      this.state = { status: 'failed', code, message };
      onState(this.state);
      settle.reject(new ModelUnavailableError(message));
      for (const p of this.pending.values()) p.reject(new ModelUnavailableError(message));
      this.pending.clear();
    };
    this.worker.addEventListener('message', (event) => {
      const reply = event.data;
      switch (reply.type) {
        case 'progress':
          if (this.state.status !== 'loading') return;
          this.state = { status: 'loading', loadedBytes: reply.loadedBytes, totalBytes: reply.totalBytes };
          onState(this.state);
          return;
        case 'ready':
          this.state = { status: 'ready' };
          onState(this.state);
          settle.resolve();
          return;
        case 'load_failed':
          fail(reply.code, reply.message);
          return;
        case 'result':
          this.pending.get(reply.id)?.resolve(reply.prediction);
          this.pending.delete(reply.id);
          return;
        case 'failed':
          this.pending.get(reply.id)?.reject(new ModelUnavailableError(reply.message));
          this.pending.delete(reply.id);
          return;
      }
    });
    this.worker.addEventListener('error', () => fail('WORKER_FAILED', 'the intent worker failed to start'));
    this.worker.postMessage({ type: 'load' });
  }

  get loadState(): ModelLoadState {
    return this.state;
  }

  async classify(text: string, context: ClassifyContext = {}): Promise<IntentPrediction> {
    await this.ready;
    const id = this.nextId++;
    return new Promise<IntentPrediction>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'classify', id, text, context });
    });
  }

  async close(): Promise<void> {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new ModelUnavailableError('the model was closed'));
    this.pending.clear();
  }
}
