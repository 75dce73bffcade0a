/** The Node composition of the intent model: onnxruntime-node and the committed file read from disk. */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { ModelManifest } from './manifest.js';
import { DEFAULT_THRESHOLDS, OnnxIntentModel, type Thresholds } from './onnx-intent-model.js';

export const COMMITTED_MODEL_DIR = new URL('../../intent/model/', import.meta.url);

export async function readCommittedModel(
  dir: URL = COMMITTED_MODEL_DIR,
): Promise<{ manifest: ModelManifest; bytes: Uint8Array }> {
  const manifest = JSON.parse(await readFile(new URL('manifest.json', dir), 'utf8')) as ModelManifest;
  const bytes = new Uint8Array(await readFile(new URL(manifest.file, dir)));
  return { manifest, bytes };
}

export async function loadNodeIntentModel(
  options: { dir?: URL; thresholds?: Thresholds } = {},
): Promise<OnnxIntentModel> {
  const { manifest, bytes } = await readCommittedModel(options.dir);
  return OnnxIntentModel.create(ort, bytes, manifest, options.thresholds ?? DEFAULT_THRESHOLDS);
}
