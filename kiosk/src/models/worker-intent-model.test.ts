import { describe, expect, it } from 'vitest';
import type { ClassifyContext, IntentPrediction } from '@frontdesk/models';
import { fakeWorker, type FakeWorker } from '../../test/fake-worker.js';
import type { IntentClassified, IntentLoaded, IntentWorkerApi } from './intent-protocol.js';
import { ModelUnavailableError, WorkerIntentModel, type ModelLoadState } from './worker-intent-model.js';

/** An intent worker the test plays: it records calls and answers when told to. */
class FakeIntent {
  readonly requests: Array<{ type: 'load' } | { type: 'classify'; text: string; context: ClassifyContext }> =
    [];
  progress: (loadedBytes: number, totalBytes: number) => unknown = () => {};
  private loaded: (answer: IntentLoaded) => void = () => {};
  private classified: Array<(answer: IntentClassified) => void> = [];
  readonly worker: FakeWorker;
  constructor() {
    const api: IntentWorkerApi = {
      load: (onProgress) => {
        this.requests.push({ type: 'load' });
        this.progress = onProgress;
        return new Promise((answer) => (this.loaded = answer));
      },
      classify: (text, context) => {
        this.requests.push({ type: 'classify', text, context });
        return new Promise((answer) => this.classified.push(answer));
      },
    };
    this.worker = fakeWorker(api);
  }
  load(answer: IntentLoaded): void {
    this.loaded(answer);
  }
  answer(answer: IntentClassified): void {
    this.classified.shift()?.(answer);
  }
}

/** Messages cross a MessageChannel: a few turns of the event loop. */
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

const prediction = { intent: 'wifi', confidence: 0.9 } as IntentPrediction;

describe('WorkerIntentModel', () => {
  it('reports load progress, then classifies through the worker once it is ready', async () => {
    const worker = new FakeIntent();
    const states: ModelLoadState[] = [];
    const model = new WorkerIntentModel(
      () => worker.worker,
      (s) => states.push(s),
    );
    await flush();
    expect(worker.requests).toEqual([{ type: 'load' }]);
    const pending = model.classify('wifi', { site: 'hotel' });
    await worker.progress(10, 100);
    worker.load({ type: 'ready', threads: 2, loadMs: 5 });
    await flush();
    expect(worker.requests[1]).toEqual({ type: 'classify', text: 'wifi', context: { site: 'hotel' } });
    worker.answer({ type: 'result', prediction });
    expect(await pending).toEqual(prediction);
    expect(states).toEqual([{ status: 'loading', loadedBytes: 10, totalBytes: 100 }, { status: 'ready' }]);
    await model.close();
    expect(worker.worker.terminated).toBe(true);
  });

  it('fails every waiting and later classification when the model cannot be loaded', async () => {
    const worker = new FakeIntent();
    const states: ModelLoadState[] = [];
    const model = new WorkerIntentModel(
      () => worker.worker,
      (s) => states.push(s),
    );
    const waiting = model.classify('wifi');
    await flush();
    worker.load({
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
