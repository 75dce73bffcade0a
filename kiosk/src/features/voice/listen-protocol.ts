import type { CommandId } from '@frontdesk/models/speech';

/** Messages between the page and the listening worker. */
export type ToListenWorker =
  | { readonly type: 'load' }
  /** The capture worklet's end of a channel: 512-sample frames of 16 kHz audio arrive on it. */
  | { readonly type: 'audio'; readonly port: MessagePort }
  | { readonly type: 'stop' };

export type FromListenWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly code: string; readonly file?: string; readonly message: string }
  | { readonly type: 'speech'; readonly on: boolean }
  | {
      readonly type: 'command';
      readonly command: CommandId;
      readonly probability: number;
      readonly atMs: number;
    };

/** The worklet posts this many 16 kHz samples at a time: one Silero frame (32 ms). */
export const FRAME_SAMPLES = 512;
