// Portable entry point for listening (VAD and spoken commands): no Node built-in, no runtime import.
// The ONNX runtime module is a parameter; the kiosk passes onnxruntime-web, Node onnxruntime-node.
export { decodeWav, encodeWav, type MonoAudio } from './audio/wav.js';
export { StreamingResampler, resample } from './audio/resample.js';
export { ModelError, MODEL_ERROR_CODES, type ModelErrorCode } from './errors.js';
export {
  loadSession,
  type Ort,
  type OrtSession,
  type OrtSessionOptions,
  type OrtTensor,
} from './ort/adapter.js';
export {
  DEFAULT_VAD_CONFIG,
  INITIAL_VAD_STATE,
  segmentSpeech,
  vadFlush,
  vadStep,
  type SpeechProbability,
  type SpeechSegment,
  type VadConfig,
  type VadEvent,
  type VadState,
} from './vad/segmenter.js';
export {
  SILERO_CONTEXT_SAMPLES,
  SILERO_FRAME_SAMPLES,
  SILERO_SAMPLE_RATE_HZ,
  SileroVad,
} from './vad/silero.js';
export {
  COMMAND_IDS,
  COMMAND_LABELS,
  COMMAND_PHRASES,
  commandAction,
  type CommandAction,
  type CommandId,
  type CommandPhrases,
} from './commands/commands.js';
export {
  INITIAL_DETECTOR_STATE,
  detectStep,
  type Detection,
  type DetectorConfig,
  type DetectorState,
} from './commands/detector.js';
export {
  CommandFeatureStream,
  EMBEDDING_DIM,
  HEAD_WINDOW_EMBEDDINGS,
  SAMPLE_RATE_HZ,
  STEP_MS,
  STEP_SAMPLES,
  embedRecording,
  headWindow,
  onnxFeatureModels,
  type EmbeddingModel,
  type FeatureModels,
  type MelModel,
} from './commands/features.js';
export { onnxCommandHead, type CommandHead } from './commands/head.js';
export { CommandSpotter } from './commands/spotter.js';
