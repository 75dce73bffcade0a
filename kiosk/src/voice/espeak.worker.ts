/**
 * The espeak-ng worker: synthesis runs here so the screen never stalls. The GPL-3.0 espeak-ng code is
 * not bundled, not even into this chunk: its verified JavaScript arrives in `init` and is imported
 * from a blob URL, so it stays a separately loaded, replaceable module.
 */
import { synthesizeWithEspeak, type EspeakFactory, type EspeakRuntime } from '@frontdesk/models';
import type { FromEspeakWorker, ToEspeakWorker } from './espeak-protocol.js';

const post = (message: FromEspeakWorker, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

let runtime: Promise<EspeakRuntime> | null = null;
/** One piece at a time: espeak-ng instances are independent, but two at once only halve each other. */
let queue: Promise<void> = Promise.resolve();

function fail(id: number | null, error: unknown): void {
  post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
}

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

self.onmessage = (event: MessageEvent<ToEspeakWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    runtime = start(message.glue, message.wasm);
    runtime.then(
      () => post({ type: 'ready' }),
      (error: unknown) => fail(null, error),
    );
    return;
  }
  const { id, text, lang, rateWpm } = message;
  queue = queue.then(async () => {
    if (!runtime) return fail(id, new Error('espeak-ng worker used before init'));
    try {
      const started = performance.now();
      const pcm = await synthesizeWithEspeak(await runtime, text, lang, rateWpm ? { rateWpm } : {});
      const synthMs = performance.now() - started;
      post({ type: 'audio', id, samples: pcm.samples, sampleRate: pcm.sampleRate, synthMs }, [
        pcm.samples.buffer,
      ]);
    } catch (error) {
      fail(id, error);
    }
  });
};
