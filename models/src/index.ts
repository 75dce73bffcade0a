// Browser-, WeChat- and Node-safe entry point: nothing here imports a Node built-in or a runtime.
// Node callers that want the committed model read from disk use `@frontdesk/models/node`.
export * from './taxonomy.js';
export {
  FEATURIZER_VERSION,
  MAX_NORMALIZED_CHARS,
  detectLanguage,
  featurize,
  fnv1a32,
  normalize,
  type Features,
} from './text/featurize.js';
export type {
  ClassifyContext,
  IntentModel,
  IntentPrediction,
  IntentReason,
  ScoredIntent,
} from './intent/intent-model.js';
export type { ModelManifest } from './intent/manifest.js';
export {
  DEFAULT_THRESHOLDS,
  OnnxIntentModel,
  decide,
  type RawOutputs,
  type Thresholds,
} from './intent/onnx-intent-model.js';
export { ModelError, MODEL_ERROR_CODES, type ModelErrorCode } from './errors.js';
export {
  floatOutput,
  loadSession,
  runSession,
  singleIo,
  type Ort,
  type OrtSession,
  type OrtSessionOptions,
  type OrtTensor,
  type OrtTensorData,
  type OrtTensorType,
} from './ort/adapter.js';
export { findRedFlag, mentionsChild, type RedFlag, type RedFlagKind } from './intent/red-flags.js';
export {
  AMENITY_ITEMS,
  extractAmenity,
  extractFaultCode,
  extractRoomNumber,
  extractSlots,
  matchPlace,
  type Place,
  type PlaceMatch,
  type Slots,
} from './slots/slots.js';
export {
  knowledgeFromData,
  type Bilingual,
  type KnowledgeData,
  type KnowledgeView,
} from './dialogue/knowledge.js';
export {
  DEFAULT_POLICY,
  INITIAL_STATE,
  step,
  type Action,
  type Decision,
  type DialogueState,
  type EscalationReason,
  type FlowId,
  type PolicyConfig,
  type PolicyInput,
  type Priority,
  type Topic,
  type UtterancePrediction,
} from './dialogue/policy.js';
export {
  MAX_UTTERANCE_CHARS,
  askResult,
  frontDeskTurn,
  validateUtterance,
  type AskResult,
  type InputError,
  type InputErrorCode,
  type TurnResult,
} from './dialogue/front-desk.js';
export { classifyFault, type FaultCategoryGuess } from './fault/classify.js';
export { extractFaultCodes, faultCodeKey } from './ocr/extract.js';
export { normalizeForSpeech, spellOut, type SpeechLang } from './tts/normalize.js';
export { prepareSpeech, splitSentences, type SplitOptions } from './tts/split.js';
export { audioStats, decodeWav, type AudioStats, type Pcm } from './tts/audio.js';
export {
  DEFAULT_RATE_WPM,
  espeakArguments,
  espeakVoice,
  synthesizeWithEspeak,
  type EspeakFactory,
  type EspeakInstance,
  type EspeakModuleArgs,
  type EspeakRuntime,
  type VoiceOptions,
} from './tts/espeak.js';
export {
  ASSET_KINDS,
  ASSET_ERROR_CODES,
  AssetError,
  findAsset,
  parseAssetManifest,
  toHex,
  type AssetEntry,
  type AssetErrorCode,
  type AssetKind,
  type AssetManifest,
  type PackageAssetEntry,
  type RepoAssetEntry,
} from './assets/asset-manifest.js';
export { knowledgeFromKb } from './dialogue/kb-knowledge.js';
