import type { FaceBox } from './presence.js';

/** Messages between `MediapipePresenceDetector` and `face.worker.ts`. */
export type FaceWorkerRequest =
  | {
      type: 'init';
      /** URLs of tasks-vision's ES-module wasm loader and binary (module workers cannot importScripts). */
      wasmLoaderUrl: string;
      wasmBinaryUrl: string;
      /** The patched `face_detection_short_range.tflite`, already hash-checked. */
      model: ArrayBuffer;
    }
  | { type: 'frame'; id: number; frame: ImageBitmap }
  | { type: 'close' };

export type FaceWorkerReply =
  | { type: 'ready' }
  | { type: 'faces'; id: number; faces: FaceBox[]; ms: number }
  | { type: 'failed'; message: string }
  | { type: 'closed' };
