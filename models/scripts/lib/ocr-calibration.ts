/**
 * Calibration for int8 OCR: the float PP-OCRv4 models read the golden fixture images on
 * onnxruntime-node; every det and rec input the engine feeds them is recorded, then run through the
 * model with the chosen tensors added as outputs, and each tensor's min and max kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ortNode from 'onnxruntime-node';
import { PaddleOcrEngine, type FloatTensor, type TensorModelFactory } from '../../src/ocr/engine.js';
import { readImageFile } from '../../src/ocr/node.js';
import { modelPaths } from '../../src/ocr/model-paths.js';
import { onnxModels } from '../../src/ocr/onnx.js';
import type { Ort, OrtSessionOptions } from '../../src/ort/adapter.js';
import type { RgbaImage } from '../../src/ocr/image.js';
import { must, parseModel, withOutputs } from './onnx-quantize.js';

export type OcrModel = 'det' | 'rec';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../ocr/fixtures');

export async function fixtureImages(): Promise<[string, RgbaImage][]> {
  const files = readdirSync(FIXTURES_DIR)
    .filter((f) => /\.(png|jpe?g)$/.test(f))
    .sort();
  const out: [string, RgbaImage][] = [];
  for (const f of files) out.push([f, await readImageFile(join(FIXTURES_DIR, f))]);
  return out;
}

export const floatModelBytes = (model: OcrModel): Uint8Array =>
  new Uint8Array(readFileSync(modelPaths()[model]));

/** An engine over given model bytes (float or int8), on any ort module. */
export function engineOver(
  ort: Ort,
  bytes: Record<OcrModel, Uint8Array>,
  sessionOptions: OrtSessionOptions,
  record?: Record<OcrModel, FloatTensor[]>,
  /** Accumulates ms spent in each model's `run`, to split a recognition into det and rec. */
  timing?: Record<OcrModel, number>,
): Promise<PaddleOcrEngine> {
  const inner = onnxModels(ort, async (m) => bytes[m], sessionOptions);
  const models: TensorModelFactory = async (m) => {
    const model = await inner(m);
    if (!record && !timing) return model;
    return {
      run: async (input) => {
        record?.[m].push({ data: input.data.slice(), dims: [...input.dims] });
        const t = performance.now();
        const out = await model.run(input);
        if (timing) timing[m] += performance.now() - t;
        return out;
      },
      close: () => model.close(),
    };
  };
  return PaddleOcrEngine.create({ models, dictionary: readFileSync(modelPaths().dictionary, 'utf8') });
}

export interface CalibratedRange {
  readonly min: number;
  readonly max: number;
  /** Largest H × W seen (1 for a squeeze-excitation branch after GlobalAveragePool). */
  readonly spatial: number;
}

/** Min/max of `names` in `model` over the inputs the float engine gives it on the fixture images. */
export async function calibrate(
  names: Record<OcrModel, readonly string[]>,
  float: Record<OcrModel, Uint8Array> = { det: floatModelBytes('det'), rec: floatModelBytes('rec') },
): Promise<Record<OcrModel, Map<string, CalibratedRange>>> {
  const ort: Ort = ortNode;
  const record: Record<OcrModel, FloatTensor[]> = { det: [], rec: [] };
  const engine = await engineOver(ort, float, {}, record);
  for (const [, img] of await fixtureImages()) await engine.recognize(img);
  await engine.close();
  const out = { det: new Map(), rec: new Map() } as Record<OcrModel, Map<string, CalibratedRange>>;
  for (const m of ['det', 'rec'] as const) {
    const session = await ortNode.InferenceSession.create(withOutputs(parseModel(float[m]), names[m]));
    const inputName = must(session.inputNames[0], 'input');
    for (const input of record[m]) {
      const result = await session.run({
        [inputName]: new ortNode.Tensor('float32', input.data, input.dims),
      });
      for (const name of names[m]) {
        const data = result[name]?.data as Float32Array | undefined;
        const dims = result[name]?.dims ?? [];
        if (!data) throw new Error(`calibration: ${m} has no output ${name}`);
        let min = Infinity;
        let max = -Infinity;
        for (const v of data) {
          if (v < min) min = v;
          if (v > max) max = v;
        }
        const r = out[m].get(name) ?? { min: Infinity, max: -Infinity, spatial: 0 };
        const spatial = dims.length === 4 ? Number(dims[2]) * Number(dims[3]) : 0;
        out[m].set(name, {
          min: Math.min(r.min, min),
          max: Math.max(r.max, max),
          spatial: Math.max(r.spatial, spatial),
        });
      }
    }
    await session.release();
  }
  return out;
}
