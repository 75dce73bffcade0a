/**
 * The espeak-ng worker: the only code that imports the GPL-3.0 espeak-ng module, so it stays in its
 * own chunk, loaded when the kiosk first needs its voice, never part of the app shell. Synthesis runs
 * here so the screen never stalls.
 */
import ESpeakNg from 'espeak-ng';
import { synthesizeWithEspeak, type EspeakFactory, type EspeakRuntime } from '@frontdesk/models';
import type { FromEspeakWorker, ToEspeakWorker } from './espeak-protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToEspeakWorker>) => void) | null;
  postMessage(message: FromEspeakWorker, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let runtime: Promise<EspeakRuntime> | null = null;
/** One piece at a time: espeak-ng instances are independent, but two at once only halve each other. */
let queue: Promise<void> = Promise.resolve();

function fail(id: number | null, error: unknown): void {
  scope.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'init') {
    runtime = WebAssembly.compile(message.wasm).then((compiled) => ({
      factory: ESpeakNg as unknown as EspeakFactory,
      instantiate: (imports) => WebAssembly.instantiate(compiled, imports as WebAssembly.Imports),
    }));
    runtime.then(
      () => scope.postMessage({ type: 'ready' }),
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
      scope.postMessage({ type: 'audio', id, samples: pcm.samples, sampleRate: pcm.sampleRate, synthMs }, [
        pcm.samples.buffer,
      ]);
    } catch (error) {
      fail(id, error);
    }
  });
};
