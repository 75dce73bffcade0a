/**
 * Driving espeak-ng (npm `espeak-ng`, its command line compiled to WASM; GPL-3.0) without importing
 * it: the caller passes the module's factory and the compiled WebAssembly module, so this file stays
 * portable and the GPL code stays a separately loaded module (the kiosk's worker chunk, or Node).
 *
 * The package runs `main()` once per instance, so every piece of speech gets a fresh instance of the
 * already compiled module: instantiating costs a few ms, compiling the 18 MB binary is done once.
 */
import { decodeWav, type Pcm } from './audio.js';
import { ModelError } from '../errors.js';
import type { SpeechLang } from './normalize.js';

/** The parts of the Emscripten module object this code uses. */
export interface EspeakInstance {
  FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: string): void };
}

/** Emscripten's imports object and a WebAssembly instance, opaque here (no DOM or Node typings). */
export type WasmImports = object;
export type WasmInstance = object;

export interface EspeakModuleArgs {
  arguments: string[];
  preRun: Array<(module: EspeakInstance) => void>;
  instantiateWasm(imports: WasmImports, done: (instance: WasmInstance) => void): Record<string, never>;
  /** Where the module would fetch its files; never used, as `instantiateWasm` supplies the WASM. */
  locateFile(path: string): string;
  print(line: string): void;
  printErr(line: string): void;
}

export type EspeakFactory = (args: EspeakModuleArgs) => Promise<EspeakInstance>;

/**
 * espeak-ng's JavaScript factory, and a function instantiating its compiled WASM module with the
 * given imports (`(imports) => WebAssembly.instantiate(compiledModule, imports)`).
 */
export interface EspeakRuntime {
  factory: EspeakFactory;
  instantiate(imports: WasmImports): Promise<WasmInstance>;
}

export interface VoiceOptions {
  /** Words per minute; espeak-ng's default is 175, a little fast for a lobby (and elderly guests). */
  rateWpm?: number;
  /** 0–99, espeak-ng's default 50. */
  pitch?: number;
}

export const DEFAULT_RATE_WPM = 160;

/** espeak-ng voice names: Mandarin (`cmn`, correct tones in this build) and American English. */
export function espeakVoice(lang: SpeechLang): 'cmn' | 'en-us' {
  return lang === 'zh' ? 'cmn' : 'en-us';
}

const IN_PATH = '/speech-in.txt';
const OUT_PATH = '/speech-out.wav';

/**
 * The command line: text from a file (`-f`, so a text starting with "-" is not an option), UTF-8
 * (`-b 1`), WAV into the in-memory file system.
 */
export function espeakArguments(lang: SpeechLang, options: VoiceOptions = {}): string[] {
  const rate = Math.round(Math.min(300, Math.max(80, options.rateWpm ?? DEFAULT_RATE_WPM)));
  const pitch = Math.round(Math.min(99, Math.max(0, options.pitch ?? 50)));
  return [
    '-b',
    '1',
    '-v',
    espeakVoice(lang),
    '-s',
    String(rate),
    '-p',
    String(pitch),
    '-w',
    OUT_PATH,
    '-f',
    IN_PATH,
  ];
}

/** Synthesises one piece of (already normalised) text to mono PCM. */
export async function synthesizeWithEspeak(
  runtime: EspeakRuntime,
  text: string,
  lang: SpeechLang,
  options: VoiceOptions = {},
): Promise<Pcm> {
  const errors: string[] = [];
  let instance: EspeakInstance;
  try {
    instance = await runtime.factory({
      arguments: espeakArguments(lang, options),
      preRun: [(m) => m.FS.writeFile(IN_PATH, text)],
      instantiateWasm(imports, done) {
        void runtime.instantiate(imports).then(done);
        return {};
      },
      locateFile: (path) => path,
      print: () => undefined,
      printErr: (line) => errors.push(line),
    });
  } catch (cause) {
    throw new ModelError('SYNTHESIS_FAILED', `espeak-ng failed: ${errors.join('; ') || String(cause)}`, {
      cause,
    });
  }
  let wav: Uint8Array;
  try {
    wav = instance.FS.readFile(OUT_PATH);
  } catch (cause) {
    throw new ModelError('SYNTHESIS_FAILED', `espeak-ng wrote no audio: ${errors.join('; ')}`, { cause });
  }
  return decodeWav(wav);
}
