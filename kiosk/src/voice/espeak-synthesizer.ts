import { audioStats, prepareSpeech } from '@frontdesk/models';
import type { Lang } from '@frontdesk/protocol';
import { transfer } from 'comlink';
import { abortable } from '../workers/abort.js';
import { WorkerBridge, WorkerFailedError, type WorkerLike } from '../workers/bridge.js';
import type { AudioOut } from './audio-out.js';
import type { EspeakAudio, EspeakReady, EspeakWorkerApi } from './espeak-protocol.js';
import { SynthesisError, type SpeakOptions, type SpeechSynthesizer } from './synthesizer.js';

export type { WorkerLike } from '../workers/bridge.js';

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

/**
 * espeak-ng (GPL-3.0, npm WASM) in a Web Worker, played with Web Audio. An answer is normalised and cut
 * into sentences; the next sentence is synthesised while the current one plays, so speech starts after
 * one sentence's synthesis, not the whole answer's. Interrupting stops the audio at once; a sentence
 * already in the worker finishes there and is dropped.
 */
export class EspeakSpeechSynthesizer implements SpeechSynthesizer {
  // No idle shutdown: the voice is loaded once and speaks for every guest.
  private readonly bridge: WorkerBridge<EspeakWorkerApi>;
  private loading: Promise<void> | null = null;
  /** The worker has the engine (init answered ready) and has not died since. */
  private loaded = false;
  private current: AbortController | null = null;

  constructor(private readonly deps: EspeakSynthesizerDeps) {
    this.bridge = new WorkerBridge<EspeakWorkerApi>({ name: 'espeak-ng', create: () => deps.createWorker() });
  }

  /** Loads the voice (fetch + verify + compile in the worker); safe to call more than once. */
  load(): Promise<void> {
    this.loading ??= this.start().catch((cause: unknown) => {
      this.bridge.terminate();
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
    let ready: EspeakReady;
    try {
      ready = await this.bridge.call<EspeakReady>((api) => api.init(transfer(glue, [glue, wasm]), wasm));
    } catch (error) {
      throw this.died(error);
    }
    if (ready.type === 'failed') throw new Error(ready.message);
    this.loaded = true;
  }

  /** A dead worker answers nothing: what waited fails, and the next answer loads a new one. */
  private died(error: unknown): Error {
    if (!(error instanceof WorkerFailedError))
      return error instanceof Error ? error : new Error(String(error));
    this.loaded = false;
    this.loading = null;
    return new SynthesisError('synthesis_failed', `espeak-ng worker error: ${error.message}`);
  }

  private async synthesize(text: string, lang: Lang): Promise<Audio> {
    if (!this.loaded) throw new SynthesisError('voice_unavailable', 'espeak-ng is not loaded');
    const timeoutMs = this.deps.pieceTimeoutMs ?? DEFAULT_PIECE_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new SynthesisError('synthesis_failed', `espeak-ng did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    let answer: EspeakAudio;
    try {
      const rate = this.deps.rateWpm;
      answer = await Promise.race([
        this.bridge.call<EspeakAudio>((api) => api.synthesize(text, lang, ...(rate ? [rate] : []))),
        timeout,
      ]);
    } catch (error) {
      throw this.died(error);
    } finally {
      clearTimeout(timer);
    }
    if (answer.type === 'failed') throw new SynthesisError('synthesis_failed', answer.message);
    if (this.deps.onPiece) {
      const stats = audioStats(answer);
      this.deps.onPiece({
        chars: text.length,
        synthMs: answer.synthMs,
        durationMs: stats.durationMs,
        rms: stats.rms,
      });
    }
    return { samples: answer.samples, sampleRate: answer.sampleRate, synthMs: answer.synthMs };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
