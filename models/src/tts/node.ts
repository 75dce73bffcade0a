/**
 * The Node runner for espeak-ng (tests, the benchmark, and a server that wants to speak): compiles the
 * package's WASM once and synthesises with the portable core. Node only.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Pcm } from './audio.js';
import { ModelError } from '../errors.js';
import { synthesizeWithEspeak, type EspeakFactory, type EspeakRuntime, type VoiceOptions } from './espeak.js';
import type { SpeechLang } from './normalize.js';

export interface NodeSpeechEngine {
  /** Synthesises one piece of already normalised text. */
  synthesize(text: string, lang: SpeechLang, options?: VoiceOptions): Promise<Pcm>;
}

/** Where npm put espeak-ng's files (`dist/espeak-ng.js` and `dist/espeak-ng.wasm`). */
export function espeakDistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('espeak-ng/package.json')), 'dist');
}

/** Node's WebAssembly global, typed here: the workspace compiles without the DOM library. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export async function createNodeSpeechEngine(): Promise<NodeSpeechEngine> {
  const dir = espeakDistDir();
  let runtime: EspeakRuntime;
  try {
    const glue = (await import(pathToFileURL(join(dir, 'espeak-ng.js')).href)) as { default: EspeakFactory };
    const compiled = await wasmApi.compile(await readFile(join(dir, 'espeak-ng.wasm')));
    runtime = { factory: glue.default, instantiate: (imports) => wasmApi.instantiate(compiled, imports) };
  } catch (cause) {
    throw new ModelError('ENGINE_UNAVAILABLE', `espeak-ng could not be loaded from ${dir}`, { cause });
  }
  return { synthesize: (text, lang, options) => synthesizeWithEspeak(runtime, text, lang, options) };
}
