import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstLoadChunks } from '../bench/bench.js';

/** The built kiosk (the project's global setup builds it). */
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
/** A string DOMPurify's code carries (its hook name), minified or not. */
const DOMPURIFY_MARK = 'uponSanitizeAttribute';

describe('app shell', () => {
  it('keeps the floor-map sanitiser (DOMPurify) out of the first-load JavaScript, in a lazy chunk', () => {
    const first = firstLoadChunks(read('index.html'), read);
    const lazy = readdirSync(join(DIST, 'assets'))
      .map((f) => `assets/${f}`)
      .filter((f) => f.endsWith('.js') && !first.includes(f));
    expect(first.filter((f) => read(f).includes(DOMPURIFY_MARK))).toEqual([]);
    expect(lazy.filter((f) => read(f).includes(DOMPURIFY_MARK))).toHaveLength(1);
    // The service worker precaches the lazy chunk: a map still draws offline.
    const [chunk] = lazy.filter((f) => read(f).includes(DOMPURIFY_MARK));
    expect(read('sw.js')).toContain(chunk);
  });
});
