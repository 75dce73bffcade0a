import type { Lang } from '@frontdesk/protocol';

/** Messages between `EspeakSpeechSynthesizer` and its worker (`espeak.worker.ts`). */
export type ToEspeakWorker =
  /**
   * espeak-ng's verified files (transferred): its JavaScript, imported by the worker from a blob URL,
   * and its WASM binary, compiled once.
   */
  | { type: 'init'; glue: ArrayBuffer; wasm: ArrayBuffer }
  /** One already normalised piece of text. */
  | { type: 'synthesize'; id: number; text: string; lang: Lang; rateWpm?: number };

export type FromEspeakWorker =
  | { type: 'ready' }
  | { type: 'audio'; id: number; samples: Float32Array; sampleRate: number; synthMs: number }
  /** `id` null: the engine itself failed (init); otherwise one piece failed. */
  | { type: 'failed'; id: number | null; message: string };
