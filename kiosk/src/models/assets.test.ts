import { describe, expect, it } from 'vitest';
import { toHex, type AssetEntry, type AssetManifest } from '@frontdesk/models';
import { AssetError, createModelAssetLoader, MODEL_ASSETS } from './assets.js';

const content = new TextEncoder().encode('a small model file, in three chunks');

const contentSha = toHex(await crypto.subtle.digest('SHA-256', content));

function entry(over: Partial<AssetEntry> = {}): AssetEntry {
  return {
    id: 'tiny',
    file: 'tiny.onnx',
    kind: 'onnx',
    package: null,
    pathInRepo: 'x/tiny.onnx',
    version: '1',
    bytes: content.length,
    sha256: contentSha,
    licence: 'MIT',
    upstream: 'test',
    description: 'test',
    usedBy: ['kiosk'],
    ...over,
  } as AssetEntry;
}

/** A response whose body arrives in `chunks` pieces, as a real network or cache read does. */
function chunked(bytes: Uint8Array, chunks = 3): Response {
  const size = Math.ceil(bytes.length / chunks);
  let offset = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + size));
        offset += size;
      },
    }),
  );
}

function loader(manifest: AssetManifest, respond: (url: string) => Response | Promise<Response>) {
  const urls: string[] = [];
  const load = createModelAssetLoader({
    manifest,
    baseUrl: '/kiosk/models/',
    fetch: async (input, init) => {
      init?.signal?.throwIfAborted();
      urls.push(String(input));
      return respond(String(input));
    },
    digest: (data) => crypto.subtle.digest('SHA-256', data),
  });
  return { load, urls };
}

async function rejection(p: Promise<unknown>): Promise<AssetError> {
  const err = await p.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AssetError);
  return err as AssetError;
}

describe('loadModelAsset', () => {
  it('fetches the file by its manifest name, reports progress and returns the verified bytes', async () => {
    const { load, urls } = loader({ files: [entry()] }, () => chunked(content));
    const progress: Array<[number, number]> = [];
    const bytes = await load('tiny', { onProgress: (l, t) => progress.push([l, t]) });
    expect(new Uint8Array(bytes)).toEqual(content);
    expect(urls).toEqual(['/kiosk/models/tiny.onnx']);
    expect(progress[0]).toEqual([0, content.length]);
    expect(progress.at(-1)).toEqual([content.length, content.length]);
    expect(progress.length).toBe(4);
    expect(progress.map(([l]) => l)).toEqual([...progress.map(([l]) => l)].sort((a, b) => a - b));
  });

  it('refuses bytes whose sha256 differs, naming the file', async () => {
    const tampered = content.slice();
    tampered[3] = tampered[3]! ^ 1;
    const { load } = loader({ files: [entry()] }, () => chunked(tampered));
    const err = await rejection(load('tiny'));
    expect(err.code).toBe('ASSET_SHA256_MISMATCH');
    expect(err.file).toBe('tiny.onnx');
    expect(err.message).toMatch(/^tiny\.onnx: sha256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}$/);
  });

  it('refuses a short or an overlong file before hashing it', async () => {
    const short = loader({ files: [entry()] }, () => chunked(content.slice(0, 10)));
    expect(await rejection(short.load('tiny'))).toMatchObject({
      code: 'ASSET_SIZE_MISMATCH',
      file: 'tiny.onnx',
    });
    const long = new Uint8Array(content.length + 5);
    const over = loader({ files: [entry()] }, () => chunked(long));
    expect(await rejection(over.load('tiny'))).toMatchObject({ code: 'ASSET_SIZE_MISMATCH' });
  });

  it('names the file when it is missing on the server or the network fails', async () => {
    const missing = loader({ files: [entry()] }, () => new Response('not found', { status: 404 }));
    const err = await rejection(missing.load('tiny'));
    expect(err).toMatchObject({ code: 'ASSET_FETCH_FAILED', file: 'tiny.onnx' });
    expect(err.message).toContain('HTTP 404 for /kiosk/models/tiny.onnx');
    const down = loader({ files: [entry()] }, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await rejection(down.load('tiny'))).toMatchObject({ code: 'ASSET_FETCH_FAILED' });
  });

  it('says which id is unknown', async () => {
    const { load, urls } = loader({ files: [entry()] }, () => chunked(content));
    expect(await rejection(load('nope'))).toMatchObject({ code: 'ASSET_UNKNOWN', file: 'nope' });
    expect(urls).toEqual([]);
  });

  it('passes an abort through as an AbortError, not as an asset failure', async () => {
    const { load } = loader({ files: [entry()] }, () => chunked(content));
    const controller = new AbortController();
    controller.abort();
    const err = await load('tiny', { signal: controller.signal }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
  });

  it('knows every kiosk file of models/manifest.json', () => {
    const ids = MODEL_ASSETS.files.filter((f) => f.usedBy.includes('kiosk')).map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['intent', 'ort-wasm', 'ort-wasm-glue']));
  });
});
