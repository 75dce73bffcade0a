/**
 * Audio thread: takes the microphone at the context's rate, converts it to 16 kHz and posts
 * 512-sample frames on the port it is given (straight to the listening worker, never the page).
 */
import { StreamingResampler } from '@frontdesk/models/speech';

// The AudioWorkletGlobalScope's names (not in TypeScript's DOM library).
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

const FRAME = 512;

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly resampler = new StreamingResampler(sampleRate, 16_000);
  private frame = new Float32Array(FRAME);
  private filled = 0;
  private out: MessagePort | null = null;

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent<{ port?: MessagePort; stop?: boolean }>) => {
      if (e.data.port) this.out = e.data.port;
      if (e.data.stop) this.out = null;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0]?.[0];
    if (!input || !this.out) return true;
    const samples = this.resampler.push(input);
    for (let i = 0; i < samples.length; i += 1) {
      this.frame[this.filled] = samples[i] ?? 0;
      this.filled += 1;
      if (this.filled === FRAME) {
        this.out.postMessage(this.frame, [this.frame.buffer]);
        this.frame = new Float32Array(FRAME);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('frontdesk-capture', CaptureProcessor);
