/**
 * Route finding and the floor-map drawer (`@frontdesk/wayfinding/browser`, with DOMPurify), loaded
 * when the wayfinding screen opens: only a guest who asks the way needs them, so they stay out of the
 * kiosk's first-load JavaScript (the service worker precaches the chunk for offline use).
 */
import { useEffect, useState } from 'preact/hooks';
// Types only: the module itself is imported dynamically below.
import type * as Wayfinding from '@frontdesk/wayfinding/browser';

export type WayfindingLib = typeof Wayfinding;

let loading: Promise<WayfindingLib> | null = null;

/** Loads the library once; a failed load is tried again on the next call. */
export function loadWayfinding(): Promise<WayfindingLib> {
  loading ??= import('@frontdesk/wayfinding/browser').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** The library once loaded; null until then (and after a failed load, which is logged). */
export function useWayfinding(): WayfindingLib | null {
  const [lib, setLib] = useState<WayfindingLib | null>(null);
  useEffect(() => {
    let live = true;
    loadWayfinding().then(
      (loaded) => {
        if (live) setLib(loaded);
      },
      (error: unknown) => console.warn('wayfinding could not be loaded', error),
    );
    return () => {
      live = false;
    };
  }, []);
  return lib;
}
