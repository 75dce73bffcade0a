import { detPostprocess, detPreprocess, DET_DEFAULTS, type DetOptions } from './det.js';
import { ModelError } from '../errors.js';
import { cropQuad, type Quad, type RgbaImage } from './image.js';
import { ctcCharset, ctcGreedyDecode, recPreprocess } from './rec.js';

export interface OcrLine {
  readonly text: string;
  /** Recognition confidence, 0–1 (mean CTC probability of the characters read). */
  readonly score: number;
  /** Corners in source-image pixels, clockwise from the top-left. */
  readonly box: Quad;
}

/** Reads the text lines in an image, in reading order. */
export interface OcrEngine {
  recognize(image: RgbaImage, signal?: AbortSignal): Promise<OcrLine[]>;
  close(): Promise<void>;
}

export interface FloatTensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** One model with one float input and one float output: all the engine needs from a runtime. */
export interface TensorModel {
  run(input: FloatTensor): Promise<FloatTensor>;
  close(): Promise<void>;
}

/**
 * What the engine is given instead of a runtime, so the same code runs on onnxruntime-node in the server
 * and onnxruntime-web in a kiosk worker (see `onnx.ts` for the adapter over either).
 */
export type TensorModelFactory = (model: 'det' | 'rec') => Promise<TensorModel>;

export interface PaddleOcrOptions {
  readonly models: TensorModelFactory;
  /** Contents of `ppocr_keys_v1.txt`. */
  readonly dictionary: string;
  readonly det?: Partial<DetOptions>;
  /** Lines read with a lower confidence are dropped (PaddleOCR's `drop_score`). */
  readonly dropScore?: number;
}

/** PP-OCRv4 detection + recognition, with PaddleOCR's pre/post-processing; no angle classifier. */
export class PaddleOcrEngine implements OcrEngine {
  private readonly charset: string[];
  private readonly detOptions: DetOptions;
  private readonly dropScore: number;

  private constructor(
    private readonly det: TensorModel,
    private readonly rec: TensorModel,
    options: PaddleOcrOptions,
  ) {
    this.charset = ctcCharset(options.dictionary);
    this.detOptions = { ...DET_DEFAULTS, ...options.det };
    this.dropScore = options.dropScore ?? 0.5;
  }

  static async create(options: PaddleOcrOptions): Promise<PaddleOcrEngine> {
    const [det, rec] = await Promise.all([options.models('det'), options.models('rec')]);
    return new PaddleOcrEngine(det, rec, options);
  }

  /** Aborting `signal` rejects with its `AbortError`, checked before the image and before each line. */
  async recognize(image: RgbaImage, signal?: AbortSignal): Promise<OcrLine[]> {
    signal?.throwIfAborted();
    const { width, height, data } = image;
    if (!(width >= 1 && height >= 1 && data.length === width * height * 4)) {
      throw new ModelError('IMAGE_UNREADABLE', `not an RGBA image of ${width}×${height}`);
    }
    const input = detPreprocess(image, this.detOptions.limitSideLen);
    const [, , mapH, mapW] = input.dims;
    const prob = await this.det.run(input);
    if (prob.data.length !== mapW * mapH) {
      throw new ModelError(
        'MODEL_MISMATCH',
        `det output has ${prob.data.length} values, expected ${mapW}×${mapH}`,
      );
    }
    const boxes = detPostprocess(prob.data, mapW, mapH, image.width, image.height, this.detOptions);
    const lines: OcrLine[] = [];
    for (const { box } of boxes) {
      signal?.throwIfAborted();
      const out = await this.rec.run(recPreprocess(cropQuad(image, box)));
      const [, steps, classes] = out.dims;
      if (steps === undefined || classes !== this.charset.length) {
        throw new ModelError(
          'MODEL_MISMATCH',
          `rec output ${JSON.stringify(out.dims)} does not fit a dictionary of ${this.charset.length} classes`,
        );
      }
      const { text, score } = ctcGreedyDecode(out.data, steps, classes, this.charset);
      if (score >= this.dropScore && text.trim() !== '') lines.push({ text, score, box });
    }
    return lines;
  }

  async close(): Promise<void> {
    await Promise.all([this.det.close(), this.rec.close()]);
  }
}
