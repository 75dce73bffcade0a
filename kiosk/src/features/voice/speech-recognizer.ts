import type { Lang } from '@frontdesk/protocol';

/**
 * Full speech-to-text, for a deployment that installs a zh-en model (for example a streaming
 * sherpa-onnx model). None can be had in this repository's environment, so the kiosk ships no
 * implementation: it listens for its own spoken commands only and says so (see `voiceAbilities`).
 * An implementation receives one speech segment found by the VAD and returns what was said; the kiosk
 * then feeds the text to the same dialogue pipeline as typed text.
 */
export interface SpeechRecognizer {
  readonly languages: readonly Lang[];
  /** `samples`: 16 kHz mono in [-1, 1], one VAD segment. */
  transcribe(
    samples: Float32Array,
    options: { readonly lang: Lang; readonly signal?: AbortSignal },
  ): Promise<{ readonly text: string; readonly confidence: number }>;
}

/** What the kiosk can do with its microphone, shown to the guest in plain words. */
export interface VoiceAbilities {
  /** The kiosk's own command spotter (wake phrase + fixed commands). */
  readonly commands: boolean;
  /** Free speech, through an installed `SpeechRecognizer`. */
  readonly dictation: boolean;
}

export function voiceAbilities(recognizer: SpeechRecognizer | null, commandsLoaded: boolean): VoiceAbilities {
  return { commands: commandsLoaded, dictation: recognizer !== null };
}
