/**
 * The runtime code runs in the kiosk's browser and in WeChat: apart from the Node composition
 * (intent/node.ts), nothing under src/ may import Node built-ins or a specific onnxruntime, read the
 * clock or use unseeded randomness. (The root ESLint config belongs to the whole monorepo; this test
 * keeps the rule next to the code it protects.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));
// The Node entry points; everything else must run in the browser and WeChat too.
const NODE_ONLY = new Set([
  'assets/node.ts',
  'intent/node.ts',
  'ocr/cli.ts',
  'ocr/node.ts',
  'ocr/model-paths.ts',
  'speech-node.ts',
  'tts/node.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('portable runtime code', () => {
  const files = sources(SRC).filter((f) => !NODE_ONLY.has(relative(SRC, f).replaceAll('\\', '/')));

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(8);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s imports no Node built-in or runtime and reads no clock',
    (_name, file) => {
      // Comments may name what the code must not use.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      expect(text).not.toMatch(/from ['"](node:|fs|path|os|crypto|child_process)['"/]/);
      expect(text).not.toMatch(/from ['"]onnxruntime-(node|web)['"]/);
      expect(text).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(/);
      expect(text).not.toMatch(/\bTextEncoder\b|\bBuffer\./);
    },
  );
});
