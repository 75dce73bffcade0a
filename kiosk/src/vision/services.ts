import { findAsset } from '@frontdesk/models';
import { loadModelAsset, MODEL_ASSETS } from '../models/assets.js';
import { MediapipePresenceDetector } from './mediapipe-presence.js';
import { OcrWorkerPhotoReader } from './ocr-worker-photo-reader.js';
import type { PhotoReader } from './photo-reader.js';
import { TouchOnlyPresenceDetector, type PresenceDetector } from './presence.js';

/** The ids in models/manifest.json of the face detector's files. */
export const VISION_ASSETS = {
  faceModel: 'face-detector',
  wasmLoader: 'vision-wasm-loader',
  wasmBinary: 'vision-wasm',
} as const;

/** Where a manifest file is served: `<base>models/<file>`. */
function assetUrl(base: string, id: string): string {
  const entry = findAsset(MODEL_ASSETS, id);
  if (!entry) throw new Error(`${id} is missing from models/manifest.json`);
  return `${base}models/${entry.file}`;
}

/** Picks the vision implementations for this device (the composition root calls this). */
export function createVisionServices(base: string): {
  presence: PresenceDetector;
  photoReader: PhotoReader | null;
} {
  const presence: PresenceDetector =
    typeof navigator.mediaDevices?.getUserMedia === 'function' && typeof Worker === 'function'
      ? new MediapipePresenceDetector({
          // The model is hash-checked here; MediaPipe fetches its wasm itself, by URL, from the same
          // precached folder (prepare-assets checked those hashes at build time).
          loadModel: (signal) => loadModelAsset(VISION_ASSETS.faceModel, { signal }),
          wasmLoaderUrl: assetUrl(base, VISION_ASSETS.wasmLoader),
          wasmBinaryUrl: assetUrl(base, VISION_ASSETS.wasmBinary),
          now: () => performance.now(),
        })
      : new TouchOnlyPresenceDetector('no_camera');
  const photoReader: PhotoReader | null =
    typeof Worker === 'function' && typeof OffscreenCanvas === 'function' ? new OcrWorkerPhotoReader() : null;
  return { presence, photoReader };
}
