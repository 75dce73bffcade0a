import type { PhotoLine, PhotoReadProblem } from './photo-reader.js';

/** What `ocr.worker.ts` exposes (Comlink) to `OcrWorkerPhotoReader`. */
export interface OcrWorkerApi {
  /**
   * Reads one photo, scaled first so its longest side is `maxSide` (detection works at ≤ 960 px
   * anyway). A failure is an answer with its stable code, not a throw (Comlink keeps only messages).
   */
  read(photo: Blob, maxSide: number): Promise<OcrReading>;
}

export type OcrReading =
  | { type: 'read'; lines: PhotoLine[]; ms: number }
  | { type: 'failed'; code: PhotoReadProblem; message: string };
