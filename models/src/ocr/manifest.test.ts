import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installedVersion, readAssetManifest, sourcePath, verifyAsset } from '../assets/node.js';
import { modelPaths, OCR_MODELS_PACKAGE } from './model-paths.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const ocrEntries = readAssetManifest().files.filter((f) => f.package === OCR_MODELS_PACKAGE);

describe('OCR model files in models/manifest.json', () => {
  const paths = modelPaths();
  const byFile = new Map([paths.det, paths.rec, paths.dictionary].map((p) => [basename(p), p]));

  it('lists exactly the files the engine loads', () => {
    expect(ocrEntries.map((f) => f.file).sort()).toEqual([...byFile.keys()].sort());
  });

  it.each(ocrEntries.map((f) => [f.file, f] as const))(
    'installed %s matches size and sha256, where the engine reads it',
    (_f, entry) => {
      expect(sourcePath(entry)).toBe(byFile.get(entry.file));
      expect(() => verifyAsset(entry, byFile.get(entry.file)!)).not.toThrow();
    },
  );

  it('names the pinned package version', () => {
    const pinned = pkg.dependencies[OCR_MODELS_PACKAGE];
    for (const f of ocrEntries) {
      expect(f.version).toBe(pinned);
      expect(f.licence).toMatch(/Apache-2\.0/);
    }
    expect(installedVersion(OCR_MODELS_PACKAGE)).toBe(pinned);
  });

  it('is not read from the repository (the models are not committed)', () => {
    expect(paths.det).toContain('node_modules');
    expect(fileURLToPath(import.meta.url)).not.toContain('node_modules');
  });
});
