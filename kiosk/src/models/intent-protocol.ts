/** What the intent worker (intent.worker.ts) exposes (Comlink) to `WorkerIntentModel`. */
import type { AssetErrorCode, ClassifyContext, IntentPrediction } from '@frontdesk/models';

export interface IntentWorkerApi {
  /**
   * Fetches, verifies and starts the model (once; a failed load is tried again on the next call).
   * `onProgress` is a Comlink proxy of the page's callback. Failures are answers, not throws
   * (Comlink keeps only an error's message, and the code matters).
   */
  load(onProgress: (loadedBytes: number, totalBytes: number) => unknown): Promise<IntentLoaded>;
  classify(text: string, context: ClassifyContext): Promise<IntentClassified>;
}

export type IntentLoaded =
  | { type: 'ready'; threads: number; loadMs: number }
  | { type: 'load_failed'; code: AssetErrorCode | 'MODEL_FAILED'; message: string };

export type IntentClassified =
  { type: 'result'; prediction: IntentPrediction } | { type: 'failed'; message: string };
