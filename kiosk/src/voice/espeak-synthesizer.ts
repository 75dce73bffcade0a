import { audioStats, prepareSpeech } from '@frontdesk/models';
import type { Lang } from '@frontdesk/protocol';
import { abortable } from '../workers/abort.js';
import type { AudioOut } from './audio-out.js';
import type { FromEspeakWorker, ToEspeakWorker } from './espeak-protocol.js';
import { SynthesisError, type SpeakOptions, type SpeechSynthesizer } from './synthesizer.js';

/** The part of a `Worker` this class uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToEspeakWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromEspeakWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface EspeakSynthesizerDeps {
  /** Starts the worker (`new Worker(new URL('./espeak.worker.ts', import.meta.url), …)` in the app). */
  createWorker(): WorkerLike;
  /** espeak-ng's JavaScript and WASM, verified against models/manifest.json (`loadEspeakFiles`). */
  loadFiles(): Promise<{ glue: ArrayBuffer; wasm: ArrayBuffer }>;
  audio: AudioOut;
  rateWpm?: number;
  /** A piece the worker has not answered after this long fails (a stuck worker must not mute the kiosk). */
  pieceTimeoutMs?: number;
  /** Called with each piece's timing (performance marks, the bench). */
  onPiece?(piece: SpokenPiece): void;
}

/** What one synthesised piece was: for performance marks (the e2e tests and the bench read them). */
export interface SpokenPiece {
  chars: number;
  synthMs: number;
  durationMs: number;
  rms: number;
}

interface Audio {
  samples: Float32Array;
  sampleRate: number;
  synthMs: number;
}

/** Far above the slowest sentence seen (about 1.4 s on a loaded 2-core machine). */
const DEFAULT_PIECE_TIMEOUT_MS = 20_000;

interface Pending {
  resolve(audio: Audio): void;
  reject(error: Error): void;
}

/**
 * espeak-ng (GPL-3.0, npm WASM) in a Web Worker, played with Web Audio. An answer is normalised and cut
 * into sentences; the next sentence is synthesised while the current one plays, so speech starts after
 * one sentence's synthesis, not the whole answer's. Interrupting stops the audio at once; a sentence
 * already in the worker finishes there and is dropped.
 */
export class EspeakSpeechSynthesizer implements SpeechSynthesizer {
  private worker: WorkerLike | null = null;
  private loading: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private current: AbortController | null = null;

  constructor(private readonly deps: EspeakSynthesizerDeps) {}

  /** Loads the voice (fetch + verify + compile in the worker); safe to call more than once. */
  load(): Promise<void> {
    this.loading ??= this.start().catch((cause: unknown) => {
      this.worker?.terminate();
      this.worker = null;
      throw new SynthesisError('voice_unavailable', `espeak-ng could not be loaded: ${describe(cause)}`, {
        cause,
      });
    });
    return this.loading;
  }

  prepare(): Promise<void> {
    return this.load();
  }

  stop(): void {
    this.current?.abort();
    this.current = null;
  }

  async speak(text: string, lang: Lang, options: SpeakOptions = {}): Promise<void> {
    this.stop();
    const session = new AbortController();
    this.current = session;
    const { signal } = session;
    const outer = options.signal;
    if (outer?.aborted) return;
    outer?.addEventListener('abort', () => session.abort(), { once: true });
    const pieces = prepareSpeech(text, lang);
    if (pieces.length === 0) return;
    await this.load();
    if (signal.aborted) return;
    let next = this.synthesize(pieces[0] ?? '', lang);
    for (let i = 0; i < pieces.length; i += 1) {
      let audio: Audio;
      try {
        audio = await abortable(next, signal);
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
      if (i + 1 < pieces.length) next = this.synthesize(pieces[i + 1] ?? '', lang);
      await this.deps.audio.play(audio.samples, audio.sampleRate, options.volume ?? 1, signal);
      if (signal.aborted) {
        next.catch(() => undefined);
        return;
      }
    }
  }

  private async start(): Promise<void> {
    const { glue, wasm } = await this.deps.loadFiles();
    const worker = this.deps.createWorker();
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.addEventListener('message', (event) => {
        const m = event.data;
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed' && m.id === null) reject(new Error(m.message));
        else this.settle(m);
      });
      worker.addEventListener('error', (event) => {
        const error = new SynthesisError(
          'synthesis_failed',
          `espeak-ng worker error: ${(event as ErrorEvent).message ?? 'unknown'}`,
        );
        reject(error);
        // A dead worker answers nothing: fail what waits for it and start a new one next time.
        worker.terminate();
        if (this.worker === worker) {
          this.worker = null;
          this.loading = null;
        }
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      });
      worker.postMessage({ type: 'init', glue, wasm }, [glue, wasm]);
    });
  }

  private settle(m: FromEspeakWorker): void {
    if (m.type === 'ready' || m.id === null) return;
    const pending = this.pending.get(m.id);
    if (!pending) return;
    this.pending.delete(m.id);
    if (m.type === 'failed') pending.reject(new SynthesisError('synthesis_failed', m.message));
    else pending.resolve({ samples: m.samples, sampleRate: m.sampleRate, synthMs: m.synthMs });
  }

  private synthesize(text: string, lang: Lang): Promise<Audio> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new SynthesisError('voice_unavailable', 'espeak-ng is not loaded'));
    const id = this.nextId++;
    const timeoutMs = this.deps.pieceTimeoutMs ?? DEFAULT_PIECE_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(new SynthesisError('synthesis_failed', `espeak-ng did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (audio) => {
          clearTimeout(timer);
          if (this.deps.onPiece) {
            const stats = audioStats(audio);
            this.deps.onPiece({
              chars: text.length,
              synthMs: audio.synthMs,
              durationMs: stats.durationMs,
              rms: stats.rms,
            });
          }
          resolve(audio);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      worker.postMessage({
        type: 'synthesize',
        id,
        text,
        lang,
        ...(this.deps.rateWpm ? { rateWpm: this.deps.rateWpm } : {}),
      });
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
