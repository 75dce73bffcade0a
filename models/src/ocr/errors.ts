/** Stable codes: callers (the CLI, the edge server, the kiosk worker) branch on these, never on messages. */
export const OCR_ERROR_CODES = [
  'FILE_NOT_FOUND',
  'IMAGE_UNREADABLE',
  'MODEL_MISMATCH',
  'MODEL_FAILED',
  'ABORTED',
  'BAD_USAGE',
] as const;
export type OcrErrorCode = (typeof OCR_ERROR_CODES)[number];

export class OcrError extends Error {
  readonly code: OcrErrorCode;
  constructor(code: OcrErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OcrError';
    this.code = code;
  }
}
