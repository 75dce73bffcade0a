import { describe, expect, it } from 'vitest';
import type { IntentPrediction } from '@frontdesk/models';
import type { IntentWorkerReply, IntentWorkerRequest } from './intent-protocol.js';
import {
  ModelUnavailableError,
  WorkerIntentModel,
  type ModelLoadState,
  type WorkerLike,
} from './worker-intent-model.js';

/** A worker that records requests; the test plays the worker's side by calling `reply`. */
class FakeWorker implements WorkerLike {
  readonly requests: IntentWorkerRequest[] = [];
  terminated = false;
  private onMessage: (event: MessageEvent<IntentWorkerReply>) => void = () => {};
  postMessage(message: IntentWorkerRequest): void {
    this.requests.push(message);
  }
  addEventListener(
    type: 'message' | 'error',
    listener: (event: MessageEvent<IntentWorkerReply>) => void,
  ): void {
    if (type === 'message') this.onMessage = listener;
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: IntentWorkerReply): void {
    this.onMessage({ data } as MessageEvent<IntentWorkerReply>);
  }
}

const prediction = { intent: 'wifi', confidence: 0.9 } as IntentPrediction;

describe('WorkerIntentModel', () => {
  it('reports load progress, then classifies through the worker once it is ready', async () => {
    const worker = new FakeWorker();
    const states: ModelLoadState[] = [];
    const model = new WorkerIntentModel(
      () => worker,
      (s) => states.push(s),
    );
    expect(worker.requests).toEqual([{ type: 'load' }]);
    const pending = model.classify('wifi', { site: 'hotel' });
    worker.reply({ type: 'progress', loadedBytes: 10, totalBytes: 100 });
    worker.reply({ type: 'ready', threads: 2, loadMs: 5 });
    await new Promise((r) => setTimeout(r, 0));
    expect(worker.requests[1]).toEqual({ type: 'classify', id: 1, text: 'wifi', context: { site: 'hotel' } });
    worker.reply({ type: 'result', id: 1, prediction });
    expect(await pending).toBe(prediction);
    expect(states).toEqual([{ status: 'loading', loadedBytes: 10, totalBytes: 100 }, { status: 'ready' }]);
    await model.close();
    expect(worker.terminated).toBe(true);
  });

  it('fails every waiting and later classification when the model cannot be loaded', async () => {
    const worker = new FakeWorker();
    const states: ModelLoadState[] = [];
    const model = new WorkerIntentModel(
      () => worker,
      (s) => states.push(s),
    );
    const waiting = model.classify('wifi');
    worker.reply({
      type: 'load_failed',
      code: 'ASSET_SHA256_MISMATCH',
      message: 'frontdesk-language.onnx: sha256 …',
    });
    await expect(waiting).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(model.classify('again')).rejects.toThrow(/frontdesk-language\.onnx/);
    expect(states.at(-1)).toMatchObject({ status: 'failed', code: 'ASSET_SHA256_MISMATCH' });
    expect(model.loadState.status).toBe('failed');
  });
});
