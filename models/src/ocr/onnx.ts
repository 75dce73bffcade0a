import type { FloatTensor, TensorModel, TensorModelFactory } from './engine.js';
import { OcrError } from './errors.js';

/**
 * The part of the `onnxruntime-node` / `onnxruntime-web` module this uses (both re-export
 * onnxruntime-common's API), typed structurally so this file imports neither runtime.
 */
export interface OrtLike {
  readonly Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
  readonly InferenceSession: {
    create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSessionLike>;
  };
}

export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(
    feeds: Record<string, never>,
  ): Promise<Record<string, { readonly data: unknown; readonly dims: readonly number[] }>>;
  release(): Promise<void>;
}

async function onnxModel(
  ort: OrtLike,
  bytes: Uint8Array,
  options: Record<string, unknown>,
): Promise<TensorModel> {
  let session: OrtSessionLike;
  try {
    session = await ort.InferenceSession.create(bytes, options);
  } catch (cause) {
    throw new OcrError('MODEL_FAILED', 'could not load an OCR model', { cause });
  }
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  if (inputName === undefined || outputName === undefined) {
    throw new OcrError('MODEL_MISMATCH', 'OCR model has no input or no output');
  }
  return {
    async run(input: FloatTensor): Promise<FloatTensor> {
      const tensor = new ort.Tensor('float32', input.data, input.dims);
      let result;
      try {
        result = await session.run({ [inputName]: tensor as never });
      } catch (cause) {
        throw new OcrError('MODEL_FAILED', 'OCR inference failed', { cause });
      }
      const out = result[outputName];
      if (!out || !(out.data instanceof Float32Array)) {
        throw new OcrError('MODEL_MISMATCH', `OCR model output ${outputName} is not float32`);
      }
      return { data: out.data, dims: out.dims };
    },
    close: () => session.release(),
  };
}

/**
 * A model factory over an ONNX runtime module. `load` gives a model's bytes (from disk in Node, from the
 * precache in the kiosk); `sessionOptions` go to `InferenceSession.create` (threads, execution providers).
 */
export function onnxModels(
  ort: OrtLike,
  load: (model: 'det' | 'rec') => Promise<Uint8Array>,
  sessionOptions: Record<string, unknown> = {},
): TensorModelFactory {
  return async (model) => onnxModel(ort, await load(model), sessionOptions);
}
