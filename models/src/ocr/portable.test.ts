/**
 * The pre/post-processing and the engine run in a browser worker too: they must not import Node
 * built-ins, a specific ONNX runtime, or the Node glue. (A lint rule would say the same; this keeps the
 * guarantee inside models/ocr.)
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const PORTABLE = [
  'index.ts',
  'det.ts',
  'rec.ts',
  'image.ts',
  'engine.ts',
  'onnx.ts',
  'extract.ts',
  'orientation.ts',
  // Shared with the other models: the one error type and the one onnxruntime adapter.
  '../errors.ts',
  '../ort/adapter.ts',
];

describe('runtime-agnostic OCR modules', () => {
  it.each(PORTABLE)('%s imports only other portable modules', (file) => {
    const source = readFileSync(join(here, file), 'utf8');
    const imports = [...source.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gm)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).toMatch(/^\.\.?\/[a-z/-]+\.js$/);
      const target = posix.normalize(posix.join(posix.dirname(file), spec!)).replace(/\.js$/, '.ts');
      expect(PORTABLE, `${file} imports ${spec}`).toContain(target);
    }
    expect(source).not.toMatch(/\b(process|Buffer|require)\b[.(]/);
  });
});
