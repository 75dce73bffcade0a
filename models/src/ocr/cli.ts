/**
 * `npm run --silent ocr -- <image.png|jpg> [--known-codes E4,F21,E-107]`
 *
 * Prints one JSON object: `{ lines: [{ text, score, box }], faultCodes, idFields, ms }` where `ms` is
 * decoding + recognition + extraction (not loading the models). On failure prints
 * `{ error: { code, message } }` and exits 1 (2 for bad usage). Used by the edge server when a phone
 * cannot run OCR itself.
 */
import { resolve } from 'node:path';
import { ModelError } from '../errors.js';
import { extractFaultCodes, extractIdFields } from './extract.js';
import { createNodeOcrEngine, readImageFile } from './node.js';

function fail(err: unknown): never {
  const e =
    err instanceof ModelError ? err : new ModelError('MODEL_FAILED', String((err as Error)?.message ?? err));
  process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message } })}\n`);
  process.exit(e.code === 'BAD_USAGE' ? 2 : 1);
}

async function main(argv: readonly string[]): Promise<void> {
  let file: string | undefined;
  let knownCodes: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--known-codes') {
      const list = argv[++i];
      if (list === undefined) throw new ModelError('BAD_USAGE', '--known-codes needs a comma-separated list');
      knownCodes = list.split(',').filter((c) => c.trim() !== '');
    } else if (arg.startsWith('--')) {
      throw new ModelError('BAD_USAGE', `unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new ModelError('BAD_USAGE', 'give one image');
    }
  }
  if (file === undefined)
    throw new ModelError(
      'BAD_USAGE',
      'usage: npm run --silent ocr -- <image.png|jpg> [--known-codes E4,F21]',
    );
  // npm runs workspace scripts in the workspace folder; a path is meant from where the user typed it.
  const path = resolve(process.env['INIT_CWD'] ?? process.cwd(), file);

  // Read the image before loading the models, so a wrong path fails fast.
  const started = performance.now();
  const image = await readImageFile(path);
  const decodeMs = performance.now() - started;
  const engine = await createNodeOcrEngine();
  try {
    const t0 = performance.now();
    const lines = await engine.recognize(image);
    const text = lines.map((l) => l.text).join('\n');
    const result = {
      lines: lines.map((l) => ({ text: l.text, score: Math.round(l.score * 1e4) / 1e4, box: l.box })),
      faultCodes: extractFaultCodes(text, knownCodes),
      idFields: extractIdFields(text, new Date()),
      ms: Math.round(decodeMs + performance.now() - t0),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await engine.close();
  }
}

main(process.argv.slice(2)).catch(fail);
