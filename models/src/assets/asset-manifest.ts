/**
 * The one list of on-device model files (`models/manifest.json`): what each file is, where it comes
 * from (an npm package or this repository), and its size and sha256 as served. Portable: the kiosk
 * reads the same list to fetch and verify, Node scripts to copy and check.
 */
import { MODEL_ERROR_CODES, ModelError, type ModelErrorCode } from '../errors.js';

export const ASSET_KINDS = ['onnx', 'tflite', 'wasm', 'data', 'text'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

interface AssetEntryBase {
  /** Stable id the code asks for (`loadModelAsset('intent')`). */
  readonly id: string;
  /** File name as served (`/kiosk/models/<file>`) and in `dist/assets/`. */
  readonly file: string;
  readonly kind: AssetKind;
  readonly version: string;
  /** A script (path relative to models/) run as `tsx <script> <source> <output>` to produce the served file. */
  readonly patchedBy?: string;
  /** Of the file as served, i.e. after any patch. */
  readonly bytes: number;
  readonly sha256: string;
  readonly licence: string;
  readonly upstream: string;
  readonly description: string;
  /** Which runtimes load it: `kiosk` files are served and precached by the kiosk build. */
  readonly usedBy: readonly string[];
}

export interface PackageAssetEntry extends AssetEntryBase {
  readonly package: string;
  readonly pathInPackage: string;
}

export interface RepoAssetEntry extends AssetEntryBase {
  readonly package: null;
  /** Relative to models/. */
  readonly pathInRepo: string;
}

export type AssetEntry = PackageAssetEntry | RepoAssetEntry;

export interface AssetManifest {
  readonly files: readonly AssetEntry[];
}

/**
 * Stable codes of the asset pipeline, in Node (prepare-assets) and in the browser (the kiosk's
 * loader): callers branch on these, never on messages.
 */
/** The asset pipeline's codes: the `ASSET_` part of `MODEL_ERROR_CODES`. */
export const ASSET_ERROR_CODES = MODEL_ERROR_CODES.filter(
  (c): c is Extract<ModelErrorCode, `ASSET_${string}`> => c.startsWith('ASSET_'),
);
export type AssetErrorCode = Extract<ModelErrorCode, `ASSET_${string}`>;

/**
 * A `ModelError` about a model file, naming the file (or the manifest) concerned; the kiosk's asset
 * loader and listening worker read `file`.
 */
export class AssetError extends ModelError {
  declare readonly code: AssetErrorCode;
  constructor(
    code: AssetErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown; problems?: readonly string[] },
  ) {
    super(code, `${file}: ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AssetError';
    this.problems = options?.problems ?? [];
  }
  /** For ASSET_MANIFEST_INVALID: every problem found, by entry and field. */
  readonly problems: readonly string[];
}

const SHA256 = /^[0-9a-f]{64}$/;
// Served under /kiosk/models/ and written into dist/assets/: a plain file name, nothing to escape.
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Validates the parsed JSON of models/manifest.json; throws an ASSET_MANIFEST_INVALID error listing every problem. */
export function parseAssetManifest(json: unknown): AssetManifest {
  const problems: string[] = [];
  const files = (json as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) throw invalid(['"files" must be an array']);
  const ids = new Set<string>();
  const names = new Set<string>();
  files.forEach((raw: unknown, index) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const where = `files[${index}]${typeof e['id'] === 'string' ? ` (${e['id']})` : ''}`;
    const str = (key: string) => {
      if (typeof e[key] !== 'string' || (e[key] as string).length === 0)
        problems.push(`${where}: "${key}" must be a non-empty string`);
    };
    for (const key of ['id', 'file', 'version', 'sha256', 'licence', 'upstream', 'description']) str(key);
    if (typeof e['file'] === 'string' && !FILE_NAME.test(e['file']))
      problems.push(`${where}: "file" must be a plain file name`);
    if (typeof e['sha256'] === 'string' && !SHA256.test(e['sha256']))
      problems.push(`${where}: "sha256" must be 64 lower-case hex digits`);
    if (!Number.isSafeInteger(e['bytes']) || (e['bytes'] as number) <= 0)
      problems.push(`${where}: "bytes" must be a positive integer`);
    if (!(ASSET_KINDS as readonly unknown[]).includes(e['kind']))
      problems.push(`${where}: "kind" must be one of ${ASSET_KINDS.join(', ')}`);
    if (e['package'] === null) str('pathInRepo');
    else if (typeof e['package'] === 'string') str('pathInPackage');
    else problems.push(`${where}: "package" must be an npm package name or null`);
    if (e['patchedBy'] !== undefined) str('patchedBy');
    if (!Array.isArray(e['usedBy']) || !e['usedBy'].every((u) => typeof u === 'string'))
      problems.push(`${where}: "usedBy" must be an array of strings`);
    if (typeof e['id'] === 'string') {
      if (ids.has(e['id'])) problems.push(`${where}: duplicate id`);
      ids.add(e['id']);
    }
    if (typeof e['file'] === 'string') {
      if (names.has(e['file'])) problems.push(`${where}: duplicate file name`);
      names.add(e['file']);
    }
  });
  if (problems.length > 0) throw invalid(problems);
  return { files: files as AssetEntry[] };
}

function invalid(problems: readonly string[]): AssetError {
  return new AssetError('ASSET_MANIFEST_INVALID', 'manifest.json', problems.join('; '), { problems });
}

export function findAsset(manifest: AssetManifest, id: string): AssetEntry | undefined {
  return manifest.files.find((f) => f.id === id);
}

/** Lower-case hex of a digest, as the manifest writes sha256. */
export function toHex(digest: ArrayBuffer | Uint8Array): string {
  const bytes = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}
