/** Stable codes of the speech-out core: callers branch on these, never on messages. */
export const TTS_ERROR_CODES = ['BAD_WAV', 'ENGINE_UNAVAILABLE', 'SYNTHESIS_FAILED'] as const;
export type TtsErrorCode = (typeof TTS_ERROR_CODES)[number];

export class TtsError extends Error {
  readonly code: TtsErrorCode;
  constructor(code: TtsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TtsError';
    this.code = code;
  }
}
