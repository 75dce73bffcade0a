/**
 * Golden fixtures: the real PP-OCRv4 models on onnxruntime-node read every image in models/ocr/fixtures
 * and must give the text, codes and fields in its .json. Text is compared after the normalisations OCR
 * needs anyway (NFKC, spaces removed): each expected line must appear in the lines read, joined.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrEngine } from './engine.js';
import { extractFaultCodes, extractIdFields, normaliseOcrText, type IdFields } from './extract.js';
import { createNodeOcrEngine, readImageFile } from './node.js';

interface Fixture {
  image: string;
  about: string;
  lines: string[];
  faultCodes: string[];
  knownCodes?: string[];
  knownFaultCodes?: string[];
  idFields: IdFields;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../ocr/fixtures');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);
const TODAY = new Date('2026-01-01T00:00:00Z');
const squash = (s: string): string => normaliseOcrText(s).replace(/\s/g, '');
const squashName = (f: IdFields): IdFields => (f.name === undefined ? f : { ...f, name: squash(f.name) });

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createNodeOcrEngine();
}, 30_000);
afterAll(async () => {
  await engine?.close();
});

describe('OCR golden fixtures (PP-OCRv4 on onnxruntime-node)', () => {
  it('has the fixtures the issue asks for', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  it.each(fixtures.map((f) => [f.image, f] as const))(
    '%s',
    async (_name, fixture) => {
      const lines = await engine.recognize(await readImageFile(join(dir, fixture.image)));
      const text = lines.map((l) => l.text).join('\n');
      if (fixture.lines.length === 0) expect(lines).toEqual([]);
      const joined = squash(text);
      for (const expected of fixture.lines) expect(joined).toContain(squash(expected));
      for (const l of lines) {
        expect(l.score).toBeGreaterThanOrEqual(0.5);
        expect(l.box).toHaveLength(4);
      }
      expect(extractFaultCodes(text)).toEqual(fixture.faultCodes);
      if (fixture.knownCodes)
        expect(extractFaultCodes(text, fixture.knownCodes)).toEqual(fixture.knownFaultCodes);
      expect(squashName(extractIdFields(text, TODAY))).toEqual(squashName(fixture.idFields));
    },
    10_000,
  );
});
