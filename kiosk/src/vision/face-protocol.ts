import type { FaceBox } from './presence.js';

/** What `face.worker.ts` exposes (Comlink) to `MediapipePresenceDetector`. */
export interface FaceWorkerApi {
  /**
   * Starts MediaPipe's FaceDetector: tasks-vision's ES-module wasm loader and binary by URL (module
   * workers cannot importScripts) and the patched `face_detection_short_range.tflite`, already
   * hash-checked (transferred). Failures are answers, not throws (Comlink keeps only messages).
   */
  init(wasmLoaderUrl: string, wasmBinaryUrl: string, model: ArrayBuffer): Promise<FaceReady>;
  /** Faces in one small frame (transferred, closed once read). */
  detect(frame: ImageBitmap): Promise<FaceDetection>;
  /** Closes the detector; the page then ends the worker. */
  close(): Promise<void>;
}

export type FaceReady = { type: 'ready' } | { type: 'failed'; message: string };

export type FaceDetection =
  { type: 'faces'; faces: FaceBox[]; ms: number } | { type: 'failed'; message: string };
