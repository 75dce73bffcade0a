/**
 * Speech synthesis for fixtures and training data: the npm `espeak-ng` WASM build (its Mandarin is
 * correct; Debian's 1.51 mispronounces it). The module is compiled once and instantiated per utterance
 * (Emscripten's main() runs once per instance). Output: 16 kHz mono in [-1, 1].
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ESpeakNg from 'espeak-ng';
import { decodeWav } from '../../src/audio/wav.js';
import { resample } from '../../src/audio/resample.js';

export interface SpeakOptions {
  /** espeak-ng voice, with an optional variant: `cmn`, `cmn+f2`, `en-us+m3`. */
  readonly voice: string;
  /** Words per minute (espeak-ng's default 175). */
  readonly speedWpm?: number;
  /** 0–99 (default 50). */
  readonly pitch?: number;
  /** Gap between words, in 10 ms units at the default speed. */
  readonly wordGap?: number;
}

// Node has WebAssembly; this workspace's type libraries do not declare it (no DOM lib).
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  instantiate(module: object, imports: unknown): Promise<object>;
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

let wasmModule: object | null = null;

function compiled(): object {
  if (!wasmModule) {
    const require = createRequire(import.meta.url);
    const js = require.resolve('espeak-ng');
    wasmModule = new wasm.Module(readFileSync(js.replace(/espeak-ng\.js$/, 'espeak-ng.wasm')));
  }
  return wasmModule;
}

export async function speak(text: string, options: SpeakOptions): Promise<Float32Array> {
  return speakRaw(text, options, []);
}

async function speakRaw(
  text: string,
  options: SpeakOptions,
  flags: readonly string[],
): Promise<Float32Array> {
  const mod = compiled();
  const args = [
    ...flags,
    '-v',
    options.voice,
    '-s',
    String(options.speedWpm ?? 175),
    '-p',
    String(options.pitch ?? 50),
  ];
  if (options.wordGap !== undefined) args.push('-g', String(options.wordGap));
  args.push('-w', '/out.wav', text);
  const instance = await (
    ESpeakNg as unknown as (o: Record<string, unknown>) => Promise<{
      FS: { readFile(path: string): Uint8Array };
    }>
  )({
    arguments: args,
    instantiateWasm(imports: unknown, ok: (instance: object) => void) {
      void wasm.instantiate(mod, imports).then((instance) => ok(instance));
      return {};
    },
    print: () => undefined,
    printErr: () => undefined,
  });
  const wav = decodeWav(instance.FS.readFile('/out.wav'));
  return resample(wav.samples, wav.sampleRateHz, 16_000);
}

const BREAK_MS = 1500;
/** Quieter than this counts as the break between utterances (espeak-ng's pauses are not exact zeros). */
const QUIET = 2e-3;
const MIN_GAP_S = 0.9;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Several utterances with one voice setting in one espeak-ng run (instantiating the WASM module costs
 * more than speaking a short phrase): SSML breaks between them, split again at the long quiet gaps.
 * Falls back to one run per utterance when the split does not give one piece per text.
 */
export async function speakMany(texts: readonly string[], options: SpeakOptions): Promise<Float32Array[]> {
  if (texts.length === 1) return [await speak(texts[0] ?? '', options)];
  const ssml = `<speak>${texts.map((t) => `${escapeXml(t)}<break time="${BREAK_MS}ms"/>`).join('')}</speak>`;
  const joined = await speakRaw(ssml, options, ['-m']);
  const pieces: Float32Array[] = [];
  const minGap = Math.round(MIN_GAP_S * 16_000);
  let start = -1;
  let quiet = 0;
  for (let i = 0; i < joined.length; i += 1) {
    if (Math.abs(joined[i] ?? 0) < QUIET) {
      quiet += 1;
      if (quiet === minGap && start >= 0) {
        pieces.push(trimmed(joined, start, i - minGap + 1));
        start = -1;
      }
    } else {
      if (start < 0) start = i;
      quiet = 0;
    }
  }
  if (start >= 0) pieces.push(trimmed(joined, start, joined.length));
  if (pieces.length === texts.length) return pieces;
  const out: Float32Array[] = [];
  for (const t of texts) out.push(await speak(t, options));
  return out;
}

function trimmed(x: Float32Array, start: number, end: number): Float32Array {
  const margin = 800; // 50 ms: keep the soft onset and decay
  return x.slice(Math.max(0, start - margin), Math.min(x.length, end + margin));
}
