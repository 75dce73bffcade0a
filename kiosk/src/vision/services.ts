import { MediapipePresenceDetector } from './mediapipe-presence.js';
import { OcrWorkerPhotoReader } from './ocr-worker-photo-reader.js';
import type { PhotoReader } from './photo-reader.js';
import { TouchOnlyPresenceDetector, type PresenceDetector } from './presence.js';

/** The model files this module needs, as listed in models/manifest.json and served at `<base>models/`. */
export const VISION_FILES = {
  faceModel: 'face_detection_short_range.tflite',
  wasmLoader: 'vision_wasm_module_internal.js',
  wasmBinary: 'vision_wasm_module_internal.wasm',
} as const;

async function fetchBytes(url: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Picks the vision implementations for this device (the composition root calls this). */
export function createVisionServices(base: string): {
  presence: PresenceDetector;
  photoReader: PhotoReader | null;
} {
  const models = `${base}models/`;
  const presence: PresenceDetector =
    typeof navigator.mediaDevices?.getUserMedia === 'function' && typeof Worker === 'function'
      ? new MediapipePresenceDetector({
          loadModel: (signal) => fetchBytes(models + VISION_FILES.faceModel, signal),
          wasmLoaderUrl: models + VISION_FILES.wasmLoader,
          wasmBinaryUrl: models + VISION_FILES.wasmBinary,
          now: () => performance.now(),
        })
      : new TouchOnlyPresenceDetector('no_camera');
  const photoReader: PhotoReader | null =
    typeof Worker === 'function' && typeof OffscreenCanvas === 'function' ? new OcrWorkerPhotoReader() : null;
  return { presence, photoReader };
}
