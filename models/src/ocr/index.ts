/**
 * OCR for the kiosk and the server. Everything exported here is runtime-agnostic (no Node built-ins, no
 * runtime import): the kiosk worker passes onnxruntime-web and model bytes from its precache; Node code
 * uses `./node.ts` (onnxruntime-node, files from the installed model package, PNG/JPEG decoding).
 */
export { DET_DEFAULTS, detInputSize, detPostprocess, detPreprocess, sortBoxes, type DetBox } from './det.js';
export {
  PaddleOcrEngine,
  type FloatTensor,
  type OcrEngine,
  type OcrLine,
  type PaddleOcrOptions,
  type TensorModel,
  type TensorModelFactory,
} from './engine.js';
export { ModelError, MODEL_ERROR_CODES, type ModelErrorCode } from '../errors.js';
export {
  checkResidentId,
  extractFaultCodes,
  extractIdFields,
  faultCodeKey,
  normaliseOcrText,
  residentIdCheckChar,
  type IdFields,
  type ResidentId,
  type ResidentIdProblem,
} from './extract.js';
export { cropQuad, type Point, type Quad, type RgbaImage } from './image.js';
export { onnxModels } from './onnx.js';
export type { Ort, OrtSession, OrtSessionOptions } from '../ort/adapter.js';
export { ctcCharset, ctcGreedyDecode, recPreprocess } from './rec.js';
