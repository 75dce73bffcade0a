/** Messages between the page and the intent worker (intent.worker.ts). */
import type { ClassifyContext, IntentPrediction } from '@frontdesk/models';
import type { AssetErrorCode } from '@frontdesk/models';

export type IntentWorkerRequest =
  { type: 'load' } | { type: 'classify'; id: number; text: string; context: ClassifyContext };

export type IntentWorkerReply =
  | { type: 'progress'; loadedBytes: number; totalBytes: number }
  | { type: 'ready'; threads: number; loadMs: number }
  | { type: 'load_failed'; code: AssetErrorCode | 'MODEL_FAILED'; message: string }
  | { type: 'result'; id: number; prediction: IntentPrediction }
  | { type: 'failed'; id: number; message: string };
