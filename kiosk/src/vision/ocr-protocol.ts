import type { PhotoLine, PhotoReadProblem } from './photo-reader.js';

/** Messages between `OcrWorkerPhotoReader` and `ocr.worker.ts`. */
export type OcrWorkerRequest = {
  type: 'read';
  id: number;
  photo: Blob;
  /** Longest side the photo is scaled to first (detection works at ≤ 960 px anyway). */
  maxSide: number;
};

export type OcrWorkerReply =
  | { type: 'read'; id: number; lines: PhotoLine[]; ms: number }
  | { type: 'failed'; id: number; code: PhotoReadProblem; message: string };
