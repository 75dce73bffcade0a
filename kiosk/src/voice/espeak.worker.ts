/**
 * The espeak-ng worker: synthesis runs here so the screen never stalls. The GPL-3.0 espeak-ng code is
 * not bundled, not even into this chunk: its verified JavaScript arrives in `init` and is imported
 * from a blob URL, so it stays a separately loaded, replaceable module.
 */
import { expose, transfer } from 'comlink';
import { synthesizeWithEspeak, type EspeakFactory, type EspeakRuntime } from '@frontdesk/models';
import type { EspeakAudio, EspeakReady, EspeakWorkerApi } from './espeak-protocol.js';

let runtime: Promise<EspeakRuntime> | null = null;
/** One piece at a time: espeak-ng instances are independent, but two at once only halve each other. */
let queue: Promise<void> = Promise.resolve();

const failed = (error: unknown) =>
  ({ type: 'failed', message: error instanceof Error ? error.message : String(error) }) as const;

async function start(glue: ArrayBuffer, wasm: ArrayBuffer): Promise<EspeakRuntime> {
  const url = URL.createObjectURL(new Blob([glue], { type: 'text/javascript' }));
  try {
    const [module, compiled] = await Promise.all([
      import(/* @vite-ignore */ url) as Promise<{ default: EspeakFactory }>,
      WebAssembly.compile(wasm),
    ]);
    return {
      factory: module.default,
      instantiate: (imports) => WebAssembly.instantiate(compiled, imports as WebAssembly.Imports),
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}

const api: EspeakWorkerApi = {
  async init(glue, wasm): Promise<EspeakReady> {
    runtime = start(glue, wasm);
    try {
      await runtime;
      return { type: 'ready' };
    } catch (error) {
      return failed(error);
    }
  },
  synthesize(text, lang, rateWpm): Promise<EspeakAudio> {
    const turn = queue.then(async (): Promise<EspeakAudio> => {
      if (!runtime) return failed(new Error('espeak-ng worker used before init'));
      try {
        const started = performance.now();
        const pcm = await synthesizeWithEspeak(await runtime, text, lang, rateWpm ? { rateWpm } : {});
        const synthMs = performance.now() - started;
        const audio = { type: 'audio' as const, samples: pcm.samples, sampleRate: pcm.sampleRate, synthMs };
        return transfer(audio, [pcm.samples.buffer]);
      } catch (error) {
        return failed(error);
      }
    });
    queue = turn.then(() => undefined);
    return turn;
  },
};

expose(api);
