/**
 * The intent model's worker: fetches and verifies the model file (`loadModelAsset`), starts an
 * onnxruntime-web session and answers `classify` requests, so inference never blocks the UI thread.
 */
import { expose } from 'comlink';
import { OnnxIntentModel, type ClassifyContext, type ModelManifest } from '@frontdesk/models';
import card from '@frontdesk/models/model/manifest.json';
import { AssetError, loadModelAsset } from './assets.js';
import type { IntentClassified, IntentLoaded, IntentWorkerApi } from './intent-protocol.js';
import { configuredOrt } from './ort.js';

let model: Promise<OnnxIntentModel> | null = null;

let loaded: { threads: number; loadMs: number } | null = null;

async function start(
  onProgress: (loadedBytes: number, totalBytes: number) => unknown,
): Promise<OnnxIntentModel> {
  const started = performance.now();
  const bytes = await loadModelAsset('intent', {
    // The page's callback answers over the channel; a page that has gone needs no progress.
    onProgress: (loadedBytes, totalBytes) =>
      void Promise.resolve(onProgress(loadedBytes, totalBytes)).catch(() => undefined),
  });
  const ort = configuredOrt();
  const created = await OnnxIntentModel.create(ort, new Uint8Array(bytes), card as unknown as ModelManifest);
  loaded = { threads: ort.env.wasm.numThreads ?? 1, loadMs: performance.now() - started };
  return created;
}

async function load(onProgress: (loadedBytes: number, totalBytes: number) => unknown): Promise<IntentLoaded> {
  model ??= start(onProgress);
  try {
    await model;
    return { type: 'ready', threads: loaded?.threads ?? 1, loadMs: loaded?.loadMs ?? 0 };
  } catch (err) {
    model = null;
    return {
      type: 'load_failed',
      code: err instanceof AssetError ? err.code : 'MODEL_FAILED',
      message: err instanceof Error ? err.message : String(err),
    };
  }
}

async function classify(text: string, context: ClassifyContext): Promise<IntentClassified> {
  if (!model) return { type: 'failed', message: 'the model is not loaded' };
  try {
    return { type: 'result', prediction: await (await model).classify(text, context) };
  } catch (err) {
    return { type: 'failed', message: err instanceof Error ? err.message : String(err) };
  }
}

expose({ load, classify } satisfies IntentWorkerApi);
