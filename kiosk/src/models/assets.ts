/**
 * The kiosk's one way to get an on-device model file: `loadModelAsset(id)` fetches
 * `/kiosk/models/<file>` (precached by the service worker, so it works offline) and checks its size
 * and sha256 against models/manifest.json before anyone runs it. Works in the page and in workers.
 */
import { AssetError, findAsset, parseAssetManifest, toHex, type AssetManifest } from '@frontdesk/models';
import manifestJson from '@frontdesk/models/manifest.json';
import { isAbort } from '../workers/abort.js';

export { AssetError, type AssetErrorCode } from '@frontdesk/models';

export interface LoadModelAssetOptions {
  /** Called as bytes arrive; `totalBytes` is the manifest's size of the file. */
  onProgress?(loadedBytes: number, totalBytes: number): void;
  /** Aborting rejects with the fetch's `AbortError` (cancellation is not failure). */
  signal?: AbortSignal;
}

export interface ModelAssetLoaderDeps {
  manifest: AssetManifest;
  /** Where the files are served, ending in a slash (`/kiosk/models/`). */
  baseUrl: string;
  fetch: typeof fetch;
  digest(data: ArrayBuffer): Promise<ArrayBuffer>;
}

export type LoadModelAsset = (id: string, options?: LoadModelAssetOptions) => Promise<ArrayBuffer>;

export function createModelAssetLoader(deps: ModelAssetLoaderDeps): LoadModelAsset {
  return async (id, options = {}) => {
    const entry = findAsset(deps.manifest, id);
    if (!entry) throw new AssetError('ASSET_UNKNOWN', id, 'no such model in models/manifest.json');
    const url = `${deps.baseUrl}${entry.file}`;
    const { signal, onProgress } = options;
    let response: Response;
    try {
      response = await deps.fetch(url, signal ? { signal } : {});
    } catch (err) {
      if (isAbort(err)) throw err;
      throw new AssetError('ASSET_FETCH_FAILED', entry.file, `could not fetch ${url}`, { cause: err });
    }
    if (!response.ok)
      throw new AssetError('ASSET_FETCH_FAILED', entry.file, `HTTP ${response.status} for ${url}`);
    const bytes = await readAll(response, entry.bytes, entry.file, onProgress);
    if (bytes.byteLength !== entry.bytes)
      throw new AssetError(
        'ASSET_SIZE_MISMATCH',
        entry.file,
        `got ${bytes.byteLength} bytes, the manifest says ${entry.bytes}`,
      );
    const hash = toHex(await deps.digest(bytes));
    if (hash !== entry.sha256)
      throw new AssetError(
        'ASSET_SHA256_MISMATCH',
        entry.file,
        `sha256 ${hash}, the manifest says ${entry.sha256}`,
      );
    return bytes;
  };
}

/** Reads the body in chunks for progress; refuses to buffer more than the manifest's size. */
async function readAll(
  response: Response,
  totalBytes: number,
  file: string,
  onProgress: LoadModelAssetOptions['onProgress'],
): Promise<ArrayBuffer> {
  if (!response.body) {
    const whole = await response.arrayBuffer();
    onProgress?.(whole.byteLength, totalBytes);
    return whole;
  }
  const reader = response.body.getReader();
  const out = new Uint8Array(totalBytes);
  let loaded = 0;
  onProgress?.(0, totalBytes);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.byteLength > totalBytes) {
      await reader.cancel();
      throw new AssetError('ASSET_SIZE_MISMATCH', file, `more than the manifest's ${totalBytes} bytes`);
    }
    out.set(value, loaded);
    loaded += value.byteLength;
    onProgress?.(loaded, totalBytes);
  }
  return loaded === totalBytes ? out.buffer : out.slice(0, loaded).buffer;
}

/** The served models: every file of models/manifest.json at `<base>models/<file>`. */
export const MODEL_ASSETS: AssetManifest = parseAssetManifest(manifestJson);

export const loadModelAsset: LoadModelAsset = createModelAssetLoader({
  manifest: MODEL_ASSETS,
  baseUrl: `${import.meta.env.BASE_URL}models/`,
  fetch: (input, init) => globalThis.fetch(input, init),
  digest: (data) => crypto.subtle.digest('SHA-256', data),
});
