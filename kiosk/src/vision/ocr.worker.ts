/**
 * On-device OCR in a worker: the shared PaddleOCR v4 engine of @frontdesk/models on onnxruntime-web
 * (two threads when the page is cross-origin isolated). Photos are decoded here, read, and dropped;
 * only the text lines go back.
 */
import { expose } from 'comlink';
import { ModelError, onnxModels, PaddleOcrEngine } from '@frontdesk/models/ocr';
import { loadModelAsset } from '../models/assets.js';
import { configuredOrt } from '../models/ort.js';
import type { OcrReading, OcrWorkerApi } from './ocr-protocol.js';

let engine: Promise<PaddleOcrEngine> | null = null;

function getEngine(): Promise<PaddleOcrEngine> {
  engine ??= (async () => {
    const ort = configuredOrt();
    const [dictionary, det, rec] = await Promise.all([
      loadModelAsset('ocr-dict'),
      loadModelAsset('ocr-det'),
      loadModelAsset('ocr-rec'),
    ]);
    const bytes = { det: new Uint8Array(det), rec: new Uint8Array(rec) };
    return PaddleOcrEngine.create({
      dictionary: new TextDecoder().decode(dictionary),
      models: onnxModels(ort, async (model) => bytes[model], { executionProviders: ['wasm'] }),
    });
  })();
  // A failed load is not cached: the next photo tries again.
  engine.catch(() => (engine = null));
  return engine;
}

/** Decodes (EXIF orientation applied by the browser) and scales the photo to RGBA pixels. */
async function pixels(photo: Blob, maxSide: number): Promise<ImageData> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(photo);
  } catch (cause) {
    throw new ModelError('IMAGE_UNREADABLE', 'the photo could not be decoded', { cause });
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new ModelError('IMAGE_UNREADABLE', 'no 2D canvas in this worker');
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return ctx.getImageData(0, 0, width, height);
}

async function read(photo: Blob, maxSide: number): Promise<OcrReading> {
  const started = performance.now();
  try {
    const [ocr, image] = await Promise.all([getEngine(), pixels(photo, maxSide)]);
    const lines = await ocr.recognize(image);
    return {
      type: 'read',
      lines: lines.map((l) => ({ text: l.text, score: l.score, box: l.box })),
      ms: performance.now() - started,
    };
  } catch (error) {
    const code =
      error instanceof ModelError && error.code === 'IMAGE_UNREADABLE' ? 'unreadable' : 'model_failed';
    return { type: 'failed', code, message: String((error as Error).message ?? error) };
  }
}

expose({ read } satisfies OcrWorkerApi);
