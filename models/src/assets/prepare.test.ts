import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAssetManifest, type AssetEntry } from './asset-manifest.js';
import {
  AssetError,
  installedVersion,
  prepareAssets,
  readAssetManifest,
  sourcePath,
  verifyAsset,
} from './node.js';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

function entry(over: Partial<AssetEntry> & Record<string, unknown>): AssetEntry {
  return {
    id: 'thing',
    file: 'thing.bin',
    kind: 'data',
    package: null,
    pathInRepo: 'src-files/thing.bin',
    version: '1',
    bytes: 5,
    sha256: sha('hello'),
    licence: 'MIT',
    upstream: 'test',
    description: 'test file',
    usedBy: ['kiosk'],
    ...over,
  } as AssetEntry;
}

describe('prepareAssets', () => {
  let dir: string;
  let out: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-assets-'));
    out = join(dir, 'dist/assets');
    mkdirSync(join(dir, 'src-files'));
    writeFileSync(join(dir, 'src-files/thing.bin'), 'hello');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a verified file, and leaves an up-to-date one alone the second time', () => {
    const manifest = { files: [entry({})] };
    expect(prepareAssets({ manifest, modelsDir: dir, outDir: out })).toEqual([
      { id: 'thing', file: 'thing.bin', bytes: 5, copied: true },
    ]);
    expect(readFileSync(join(out, 'thing.bin'), 'utf8')).toBe('hello');
    expect(prepareAssets({ manifest, modelsDir: dir, outDir: out })[0]?.copied).toBe(false);
  });

  it('fails on a sha256 mismatch, naming the file, and serves nothing under its name', () => {
    const manifest = { files: [entry({ sha256: sha('HELLO') })] };
    const run = () => prepareAssets({ manifest, modelsDir: dir, outDir: out });
    expect(run).toThrow(AssetError);
    expect(run).toThrow(/thing\.bin: sha256 [0-9a-f]{64} at .*, the manifest says/);
    expect(thrown(run)).toMatchObject({ code: 'ASSET_SHA256_MISMATCH', file: 'thing.bin' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('replaces a served file that was corrupted since the last build', () => {
    const manifest = { files: [entry({})] };
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'thing.bin'), 'jello');
    expect(prepareAssets({ manifest, modelsDir: dir, outDir: out })[0]?.copied).toBe(true);
    expect(readFileSync(join(out, 'thing.bin'), 'utf8')).toBe('hello');
  });

  it('fails on a size mismatch and on a missing source, with stable codes', () => {
    expect(() =>
      prepareAssets({ manifest: { files: [entry({ bytes: 6 })] }, modelsDir: dir, outDir: out }),
    ).toThrow(expect.objectContaining({ code: 'ASSET_SIZE_MISMATCH', file: 'thing.bin' }));
    expect(() =>
      prepareAssets({
        manifest: { files: [entry({ pathInRepo: 'src-files/nope.bin' })] },
        modelsDir: dir,
        outDir: out,
      }),
    ).toThrow(expect.objectContaining({ code: 'ASSET_SOURCE_MISSING', file: 'thing.bin' }));
  });

  it('takes package files from the installed package and refuses another version', () => {
    const pkgDir = join(dir, 'node_modules/fake-models');
    mkdirSync(join(pkgDir, 'assets'), { recursive: true });
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: 'fake-models', version: '2.0.0' }));
    writeFileSync(join(pkgDir, 'assets/m.onnx'), 'hello');
    const pkgEntry = entry({ package: 'fake-models', pathInPackage: 'assets/m.onnx', version: '2.0.0' });
    expect(sourcePath(pkgEntry, dir)).toBe(join(pkgDir, 'assets/m.onnx'));
    expect(prepareAssets({ manifest: { files: [pkgEntry] }, modelsDir: dir, outDir: out })).toHaveLength(1);
    const old = { ...pkgEntry, version: '1.0.0' };
    expect(() => prepareAssets({ manifest: { files: [old] }, modelsDir: dir, outDir: out })).toThrow(
      expect.objectContaining({ code: 'ASSET_PACKAGE_VERSION' }),
    );
  });

  it('runs patchedBy on the source and verifies what it wrote', () => {
    writeFileSync(
      join(dir, 'upper.ts'),
      "import { readFileSync, writeFileSync } from 'node:fs';\n" +
        'const [input, output] = process.argv.slice(2) as [string, string];\n' +
        "writeFileSync(output, readFileSync(input, 'utf8').toUpperCase());\n",
    );
    const patched = entry({ patchedBy: 'upper.ts', sha256: sha('HELLO') });
    prepareAssets({ manifest: { files: [patched] }, modelsDir: dir, outDir: out });
    expect(readFileSync(join(out, 'thing.bin'), 'utf8')).toBe('HELLO');
    // The patch's output is checked like any copy: the unpatched hash is refused.
    rmSync(out, { recursive: true });
    const wrong = entry({ patchedBy: 'upper.ts' });
    expect(() => prepareAssets({ manifest: { files: [wrong] }, modelsDir: dir, outDir: out })).toThrow(
      expect.objectContaining({ code: 'ASSET_SHA256_MISMATCH' }),
    );
    writeFileSync(join(dir, 'broken.ts'), 'process.exit(3);\n');
    expect(() =>
      prepareAssets({
        manifest: { files: [entry({ patchedBy: 'broken.ts' })] },
        modelsDir: dir,
        outDir: out,
      }),
    ).toThrow(expect.objectContaining({ code: 'ASSET_PATCH_FAILED', file: 'thing.bin' }));
    expect(existsSync(join(out, 'thing.bin'))).toBe(false);
    // Three tsx processes start here: allow for a busy two-core machine.
  }, 60_000);
});

describe('models/manifest.json', () => {
  const manifest = readAssetManifest();

  it('lists the intent model, the OCR files and the wasm runtime', () => {
    expect(manifest.files.map((f) => f.id)).toEqual(
      expect.arrayContaining(['intent', 'ocr-det', 'ocr-rec', 'ocr-dict', 'ort-wasm', 'ort-wasm-glue']),
    );
  });

  it.each(manifest.files.filter((f) => !f.patchedBy).map((f) => [f.id, f] as const))(
    '%s: the installed or committed source matches bytes, sha256 and the pinned version',
    (_id, e) => {
      expect(() => verifyAsset(e, sourcePath(e))).not.toThrow();
      if (e.package !== null) expect(installedVersion(e.package)).toBe(e.version);
    },
  );

  it('rejects a malformed manifest with every problem named', () => {
    expect(() =>
      parseAssetManifest({ files: [entry({ sha256: 'abc', kind: 'exe' as never }), entry({})] }),
    ).toThrow(expect.objectContaining({ code: 'ASSET_MANIFEST_INVALID' }));
    const err = thrown(() =>
      parseAssetManifest({ files: [entry({ sha256: 'abc', file: '../x' }), entry({})] }),
    ) as AssetError;
    expect(err.problems).toEqual([
      'files[0] (thing): "file" must be a plain file name',
      'files[0] (thing): "sha256" must be 64 lower-case hex digits',
      'files[1] (thing): duplicate id',
    ]);
  });
});
