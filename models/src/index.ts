// Browser-, WeChat- and Node-safe entry point: nothing here imports a Node built-in or a runtime.
// Node callers that want the committed model read from disk use `@frontdesk/models/node`.
export * from './taxonomy';
export {
  FEATURIZER_VERSION,
  MAX_NORMALIZED_CHARS,
  detectLanguage,
  featurize,
  fnv1a32,
  normalize,
  type Features,
} from './text/featurize';
export type {
  ClassifyContext,
  IntentModel,
  IntentPrediction,
  IntentReason,
  ScoredIntent,
} from './intent/intent-model';
export type { ModelManifest } from './intent/manifest';
export {
  DEFAULT_THRESHOLDS,
  OnnxIntentModel,
  decide,
  type RawOutputs,
  type Thresholds,
} from './intent/onnx-intent-model';
export { ModelError, MODEL_ERROR_CODES, type ModelErrorCode } from './errors';
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
} from './ort/adapter';
export { findRedFlag, mentionsChild, type RedFlag, type RedFlagKind } from './intent/red-flags';
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
} from './slots/slots';
export {
  knowledgeFromData,
  type Bilingual,
  type KnowledgeData,
  type KnowledgeView,
} from './dialogue/knowledge';
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
} from './dialogue/policy';
export {
  MAX_UTTERANCE_CHARS,
  askResult,
  frontDeskTurn,
  validateUtterance,
  type AskResult,
  type InputError,
  type InputErrorCode,
  type TurnResult,
} from './dialogue/front-desk';
export { classifyFault, type FaultCategoryGuess } from './fault/classify';
export { extractFaultCodes, faultCodeKey } from './ocr/extract';
export { normalizeForSpeech, spellOut, type SpeechLang } from './tts/normalize';
export { prepareSpeech, splitSentences, type SplitOptions } from './tts/split';
export { audioStats, decodeWav, type AudioStats, type Pcm } from './tts/audio';
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
} from './tts/espeak';
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
} from './assets/asset-manifest';
export { knowledgeFromKb } from './dialogue/kb-knowledge';
