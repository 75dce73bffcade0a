/**
 * The intent model's worker: fetches and verifies the model file (`loadModelAsset`), starts an
 * onnxruntime-web session and answers `classify` requests, so inference never blocks the UI thread.
 */
import { OnnxIntentModel, type ModelManifest, type OrtLike } from '@frontdesk/models';
import card from '@frontdesk/models/model/manifest.json';
import { AssetError, loadModelAsset } from './assets.js';
import type { IntentWorkerReply, IntentWorkerRequest } from './intent-protocol.js';
import { configuredOrt } from './ort.js';

const post = (reply: IntentWorkerReply) => self.postMessage(reply);
let model: Promise<OnnxIntentModel> | null = null;

async function load(): Promise<OnnxIntentModel> {
  const started = performance.now();
  const bytes = await loadModelAsset('intent', {
    onProgress: (loadedBytes, totalBytes) => post({ type: 'progress', loadedBytes, totalBytes }),
  });
  const ort = configuredOrt();
  const created = await OnnxIntentModel.create(
    ort as unknown as OrtLike,
    new Uint8Array(bytes),
    card as unknown as ModelManifest,
  );
  post({ type: 'ready', threads: ort.env.wasm.numThreads ?? 1, loadMs: performance.now() - started });
  return created;
}

self.onmessage = (event: MessageEvent<IntentWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'load') {
    model ??= load();
    model.catch((err: unknown) => {
      model = null;
      post({
        type: 'load_failed',
        code: err instanceof AssetError ? err.code : 'MODEL_FAILED',
        message: err instanceof Error ? err.message : String(err),
      });
    });
    return;
  }
  const { id, text, context } = request;
  if (!model) {
    post({ type: 'failed', id, message: 'the model is not loaded' });
    return;
  }
  model
    .then((m) => m.classify(text, context))
    .then(
      (prediction) => post({ type: 'result', id, prediction }),
      (err: unknown) =>
        post({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) }),
    );
};
