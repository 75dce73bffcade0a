/**
 * Reading the text on a fault photo at the edge server, for phones that cannot run OCR themselves
 * (the kiosk reads on the device). Only photos already uploaded for a fault report are read: an ID
 * document is read on the device that photographed it and is never uploaded.
 */
import { FrontdeskError } from '@frontdesk/protocol';

export interface PhotoTextLine {
  readonly text: string;
  /** Recogniser confidence, 0–1. */
  readonly score: number;
}

export interface PhotoTextReader {
  /** Text lines in reading order. Rejects with `RATE_LIMITED` when too many reads are waiting. */
  read(image: Buffer): Promise<PhotoTextLine[]>;
  close(): Promise<void>;
}

/** What the reader needs of an OCR engine: decode and recognise one image. */
export interface OcrBackend {
  recognize(image: Buffer): Promise<PhotoTextLine[]>;
  close(): Promise<void>;
}

export interface QueuedPhotoTextReaderOptions {
  /** Loads the engine on first use: the models are 15 MB and most sites never need them. */
  load(): Promise<OcrBackend>;
  /**
   * Reads waiting behind the running one before new ones are refused. One read takes most of a core
   * for a fraction of a second; a longer queue would only make every phone wait longer.
   */
  maxWaiting?: number;
}

/** One read at a time, a short bounded queue, the engine loaded once and shared. */
export class QueuedPhotoTextReader implements PhotoTextReader {
  private engine: Promise<OcrBackend> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private readonly maxWaiting: number;

  constructor(private readonly options: QueuedPhotoTextReaderOptions) {
    this.maxWaiting = options.maxWaiting ?? 4;
  }

  read(image: Buffer): Promise<PhotoTextLine[]> {
    if (this.waiting >= this.maxWaiting) {
      return Promise.reject(
        new FrontdeskError(
          'RATE_LIMITED',
          `${this.waiting} photos are already being read; try again shortly`,
        ),
      );
    }
    this.waiting++;
    const run = this.tail.then(async () => {
      try {
        return await (await this.backend()).recognize(image);
      } finally {
        this.waiting--;
      }
    });
    // The queue goes on after a failed read; the caller still sees the failure.
    this.tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.tail;
    const engine = this.engine;
    this.engine = null;
    if (engine) await (await engine.catch(() => null))?.close();
  }

  private backend(): Promise<OcrBackend> {
    if (!this.engine) {
      this.engine = this.options.load();
      // A failed load is retried by the next read rather than remembered forever.
      this.engine.catch(() => (this.engine = null));
    }
    return this.engine;
  }
}

/** PaddleOCR from `@frontdesk/models` on onnxruntime-node, imported only when a photo is first read. */
export async function loadNodeOcrBackend(): Promise<OcrBackend> {
  const [{ createNodeOcrEngine, decodeImage }, { ModelError }] = await Promise.all([
    import('@frontdesk/models/ocr/node'),
    import('@frontdesk/models/ocr'),
  ]);
  const engine = await createNodeOcrEngine();
  return {
    async recognize(image) {
      let decoded;
      try {
        decoded = decodeImage(image);
      } catch (err) {
        // WebP is accepted as a photo for staff to look at, but the OCR decoders read PNG and JPEG.
        if (err instanceof ModelError && err.code === 'IMAGE_UNREADABLE')
          throw new FrontdeskError('UNSUPPORTED_MEDIA_TYPE', 'only JPEG and PNG photos can be read');
        throw err;
      }
      return (await engine.recognize(decoded)).map((l) => ({ text: l.text, score: l.score }));
    },
    close: () => engine.close(),
  };
}
