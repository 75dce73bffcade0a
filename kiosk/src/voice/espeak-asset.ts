/**
 * The espeak-ng WASM binary (GPL-3.0, 18 MB), fetched from the kiosk's own origin and checked against
 * the sha256 that models/manifest.json records for it (`espeak-ng-wasm`).
 *
 * Until the shared model-asset pipeline (`loadModelAsset` in src/models/assets.ts) is on main, Vite
 * emits the file from the npm package; once it is, this module becomes
 * `loadModelAsset('espeak-ng-wasm', { signal })`.
 */
import wasmUrl from 'espeak-ng/dist/espeak-ng.wasm?url';

export const ESPEAK_WASM = {
  id: 'espeak-ng-wasm',
  file: 'espeak-ng.wasm',
  bytes: 18_485_010,
  sha256: '10d24bb7e4124e983aa9cd8cd96c52c8ea4b607d81956ec70846684e2827d532',
} as const;

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function loadEspeakWasm(signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(wasmUrl, { signal });
  if (!response.ok) throw new Error(`${ESPEAK_WASM.file}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  const digest = hex(await crypto.subtle.digest('SHA-256', bytes));
  if (bytes.byteLength !== ESPEAK_WASM.bytes || digest !== ESPEAK_WASM.sha256)
    throw new Error(
      `${ESPEAK_WASM.file}: expected ${ESPEAK_WASM.bytes} bytes sha256 ${ESPEAK_WASM.sha256}, got ${bytes.byteLength} bytes sha256 ${digest}`,
    );
  return bytes;
}
