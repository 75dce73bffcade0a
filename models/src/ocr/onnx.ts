import {
  floatOutput,
  loadSession,
  runSession,
  singleIo,
  type Ort,
  type OrtSessionOptions,
} from '../ort/adapter.js';
import type { FloatTensor, TensorModel, TensorModelFactory } from './engine.js';

async function onnxModel(ort: Ort, bytes: Uint8Array, options: OrtSessionOptions): Promise<TensorModel> {
  const session = await loadSession(ort, bytes, 'OCR', options);
  const { input, output } = singleIo(session, 'OCR');
  return {
    async run(tensor: FloatTensor): Promise<FloatTensor> {
      const feeds = { [input]: new ort.Tensor('float32', tensor.data, tensor.dims) };
      return floatOutput(await runSession(session, feeds, 'OCR'), output, 'OCR model');
    },
    close: () => session.release(),
  };
}

/**
 * A model factory over an ONNX runtime module. `load` gives a model's bytes (from disk in Node, from the
 * precache in the kiosk); `sessionOptions` go to `InferenceSession.create` (threads, execution providers).
 */
export function onnxModels(
  ort: Ort,
  load: (model: 'det' | 'rec') => Promise<Uint8Array>,
  sessionOptions: OrtSessionOptions = {},
): TensorModelFactory {
  return async (model) => onnxModel(ort, await load(model), sessionOptions);
}
