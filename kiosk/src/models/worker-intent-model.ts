/**
 * `IntentModel` for the page, backed by the intent worker: the trained ONNX model runs in
 * onnxruntime-web (wasm) off the UI thread, through the `WorkerBridge`. The worker is given as a
 * factory so tests can use a fake.
 */
import { proxy } from 'comlink';
import type { ClassifyContext, IntentModel, IntentPrediction } from '@frontdesk/models';
import { WorkerBridge, type WorkerLike } from '../workers/bridge.js';
import type { IntentClassified, IntentLoaded, IntentWorkerApi } from './intent-protocol.js';

export type { WorkerLike } from '../workers/bridge.js';

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
  // No idle shutdown: the model answers every question of every guest and takes seconds to load.
  private readonly bridge: WorkerBridge<IntentWorkerApi>;
  private state: ModelLoadState = { status: 'loading', loadedBytes: 0, totalBytes: 0 };
  private readonly ready: Promise<void>;

  /** Starts loading at once; `onState` sees the progress, then ready or failed. */
  constructor(createWorker: () => WorkerLike, onState: (state: ModelLoadState) => void = () => {}) {
    this.bridge = new WorkerBridge<IntentWorkerApi>({ name: 'intent', create: createWorker });
    const progress = proxy((loadedBytes: number, totalBytes: number) => {
      if (this.state.status !== 'loading') return;
      this.state = { status: 'loading', loadedBytes, totalBytes };
      onState(this.state);
    });
    this.ready = this.bridge
      .call<IntentLoaded>((api) => api.load(progress))
      .then(
        (loaded) => {
          if (loaded.type === 'load_failed') throw this.fail(onState, loaded.code, loaded.message);
          this.state = { status: 'ready' };
          onState(this.state);
        },
        () => {
          throw this.fail(onState, 'WORKER_FAILED', 'the intent worker failed to start');
        },
      );
    // A failed load is reported through onState; a classify() call gets it as its rejection.
    this.ready.catch(() => {});
  }

  private fail(onState: (state: ModelLoadState) => void, code: string, message: string): Error {
    this.state = { status: 'failed', code, message };
    onState(this.state);
    return new ModelUnavailableError(message);
  }

  get loadState(): ModelLoadState {
    return this.state;
  }

  async classify(text: string, context: ClassifyContext = {}): Promise<IntentPrediction> {
    await this.ready;
    let answer: IntentClassified;
    try {
      answer = await this.bridge.call<IntentClassified>((api) => api.classify(text, context));
    } catch (error) {
      throw new ModelUnavailableError(error instanceof Error ? error.message : String(error));
    }
    if (answer.type === 'failed') throw new ModelUnavailableError(answer.message);
    return answer.prediction;
  }

  async close(): Promise<void> {
    // Calls still waiting fail with the bridge's "ended" error, as ModelUnavailableError above.
    this.bridge.terminate();
  }
}
