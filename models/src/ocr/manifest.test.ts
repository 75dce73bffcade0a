import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelPaths, OCR_MODELS_PACKAGE } from './model-paths.js';

interface ManifestEntry {
  file: string;
  package: string;
  version: string;
  size: number;
  sha256: string;
  licence: string;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(join(root, 'ocr/manifest.json'), 'utf8')) as {
  files: ManifestEntry[];
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('OCR model manifest', () => {
  const paths = modelPaths();
  const byFile = new Map([paths.det, paths.rec, paths.dictionary].map((p) => [basename(p), p]));

  it('lists exactly the files the engine loads', () => {
    expect(manifest.files.map((f) => f.file).sort()).toEqual([...byFile.keys()].sort());
  });

  it.each(manifest.files.map((f) => [f.file, f] as const))(
    'installed %s matches size and sha256',
    (_f, entry) => {
      const path = byFile.get(entry.file)!;
      expect(statSync(path).size).toBe(entry.size);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(entry.sha256);
    },
  );

  it('names the pinned package version', () => {
    const pinned = pkg.dependencies[OCR_MODELS_PACKAGE];
    for (const f of manifest.files) {
      expect(f.package).toBe(OCR_MODELS_PACKAGE);
      expect(f.version).toBe(pinned);
      expect(f.licence).toMatch(/Apache-2\.0/);
    }
    const installed = JSON.parse(readFileSync(join(dirname(paths.det), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(installed.version).toBe(pinned);
  });

  it('is not read from the repository (the models are not committed)', () => {
    expect(paths.det).toContain('node_modules');
    expect(fileURLToPath(import.meta.url)).not.toContain('node_modules');
  });
});
