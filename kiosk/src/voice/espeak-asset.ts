/**
 * espeak-ng (GPL-3.0-or-later) as two verified model files of models/manifest.json: its Emscripten
 * JavaScript and its 18 MB WASM, fetched from /kiosk/models/ (precached) and checked by
 * `loadModelAsset`. Neither is bundled into the kiosk: the worker imports the JavaScript at run time.
 */
import { loadModelAsset, type LoadModelAssetOptions } from '../models/assets.js';

export interface EspeakFiles {
  glue: ArrayBuffer;
  wasm: ArrayBuffer;
}

export async function loadEspeakFiles(options: LoadModelAssetOptions = {}): Promise<EspeakFiles> {
  const [glue, wasm] = await Promise.all([
    loadModelAsset('espeak-ng-js', options.signal ? { signal: options.signal } : {}),
    loadModelAsset('espeak-ng-wasm', options),
  ]);
  return { glue, wasm };
}
