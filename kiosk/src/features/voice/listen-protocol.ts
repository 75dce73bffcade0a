import type { CommandId } from '@frontdesk/models/speech';

/** What the listening worker (listen.worker.ts) exposes (Comlink) to the `VoiceListener`. */
export interface ListenWorkerApi {
  /**
   * Loads the models (once); `onEvent` (a Comlink proxy of the page's callback) then hears what the
   * worker detects. A failure is an answer with its code, not a throw (Comlink keeps only messages).
   */
  load(onEvent: (event: ListenEvent) => unknown): Promise<ListenLoaded>;
  /** The capture worklet's end of a channel (transferred): 512-sample frames of 16 kHz audio arrive on it. */
  audio(port: MessagePort): void;
  stop(): void;
}

export type ListenLoaded = { readonly type: 'ready' } | ListenFailure;

export type ListenFailure = {
  readonly type: 'failed';
  readonly code: string;
  readonly file?: string;
  readonly message: string;
};

export type ListenEvent =
  | ListenFailure
  | { readonly type: 'speech'; readonly on: boolean }
  | {
      readonly type: 'command';
      readonly command: CommandId;
      readonly probability: number;
      readonly atMs: number;
    };

/** The worklet posts this many 16 kHz samples at a time: one Silero frame (32 ms). */
export const FRAME_SAMPLES = 512;
