import type { Lang } from '@frontdesk/protocol';

export interface SpeakOptions {
  /** Aborting stops this utterance at once (as `stop()` does). */
  signal?: AbortSignal;
  /** 0 (silent) to 1 (full); default 1. */
  volume?: number;
}

/**
 * Speech out. `speak` resolves when the text has been spoken or was interrupted (by `stop()`, by its
 * signal, or by a newer `speak`): interruption is not failure. It rejects only with a `SynthesisError`
 * when the voice cannot be used at all (the engine failed to load), so the kiosk can fall back to text.
 */
export interface SpeechSynthesizer {
  speak(text: string, lang: Lang, options?: SpeakOptions): Promise<void>;
  stop(): void;
  /**
   * Optional warm-up (load the voice) when a guest arrives, so the first answer is not delayed by
   * it. Rejects like `speak` when the voice cannot be used.
   */
  prepare?(): Promise<void>;
}

export type SpeechProblem = 'voice_unavailable' | 'synthesis_failed';

export class SynthesisError extends Error {
  constructor(
    readonly code: SpeechProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SynthesisError';
  }
}
