import type { Lang } from '@frontdesk/protocol';

/** What the espeak-ng worker (`espeak.worker.ts`) exposes (Comlink) to `EspeakSpeechSynthesizer`. */
export interface EspeakWorkerApi {
  /**
   * espeak-ng's verified files (transferred): its JavaScript, imported by the worker from a blob URL,
   * and its WASM binary, compiled once. Failures are answers, not throws (Comlink keeps only messages).
   */
  init(glue: ArrayBuffer, wasm: ArrayBuffer): Promise<EspeakReady>;
  /** One already normalised piece of text; the samples come back transferred. */
  synthesize(text: string, lang: Lang, rateWpm?: number): Promise<EspeakAudio>;
}

export type EspeakReady = { type: 'ready' } | { type: 'failed'; message: string };

export type EspeakAudio =
  | { type: 'audio'; samples: Float32Array; sampleRate: number; synthMs: number }
  | { type: 'failed'; message: string };
