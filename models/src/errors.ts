/**
 * The one error type of this workspace. Callers (the CLI, the edge server, the kiosk's workers) branch
 * on `code`, never on messages; `cause` keeps the runtime's or decoder's own error. Cancellation is not
 * failure: an aborted operation rejects with the signal's `AbortError` (`signal.throwIfAborted()`),
 * never with a `ModelError`.
 */
export const MODEL_ERROR_CODES = [
  // Running a model (intent, OCR, VAD, spoken commands).
  'MODEL_FAILED',
  'MODEL_MISMATCH',
  'BAD_INPUT',
  // OCR's inputs and command line.
  'FILE_NOT_FOUND',
  'IMAGE_UNREADABLE',
  'BAD_USAGE',
  // Speech out.
  'BAD_WAV',
  'ENGINE_UNAVAILABLE',
  'SYNTHESIS_FAILED',
  // Model files (`AssetError`, which names the file).
  'ASSET_MANIFEST_INVALID',
  'ASSET_UNKNOWN',
  'ASSET_SOURCE_MISSING',
  'ASSET_PACKAGE_VERSION',
  'ASSET_PATCH_FAILED',
  'ASSET_FETCH_FAILED',
  'ASSET_SIZE_MISMATCH',
  'ASSET_SHA256_MISMATCH',
] as const;
export type ModelErrorCode = (typeof MODEL_ERROR_CODES)[number];

export class ModelError extends Error {
  readonly code: ModelErrorCode;
  constructor(code: ModelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
    this.code = code;
  }
}
