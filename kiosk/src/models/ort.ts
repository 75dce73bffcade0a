/**
 * The one place that configures onnxruntime-web for the kiosk (import this, not 'onnxruntime-web').
 * The wasm runtime is served with the models (`/kiosk/models/`, precached), never from a CDN. Threads
 * need SharedArrayBuffer, i.e. a cross-origin isolated page (the edge server sends COOP/COEP for
 * /kiosk/); without it the runtime runs single-threaded rather than failing.
 */
import * as ort from 'onnxruntime-web/wasm';

/** At most two threads: the kiosk has few cores and the UI thread must stay responsive. */
export function ortThreads(env: { crossOriginIsolated: boolean; hardwareConcurrency: number }): number {
  if (!env.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(2, Math.floor(env.hardwareConcurrency) || 1));
}

let configured = false;

/** onnxruntime-web, configured; call from a worker (or the page) before creating a session. */
export function configuredOrt(): typeof ort {
  if (!configured) {
    ort.env.wasm.wasmPaths = `${import.meta.env.BASE_URL}models/`;
    ort.env.wasm.numThreads = ortThreads({
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      hardwareConcurrency: globalThis.navigator?.hardwareConcurrency ?? 1,
    });
    // The wasm is fetched by URL (precached by the service worker); no proxy worker of its own.
    ort.env.wasm.proxy = false;
    configured = true;
  }
  return ort;
}
