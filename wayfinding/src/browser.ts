import type { WindowLike } from 'dompurify';
import { createRouteDrawer } from './draw.js';
import { createSvgSanitizer, type SvgSanitizer } from './sanitize-svg.js';

export * from './index.js';

let sanitizer: SvgSanitizer | null = null;

/** The floor-map sanitiser on the page's own DOM, made on first use (importing needs no window). */
export function sanitizeSvg(svg: string): string {
  if (!sanitizer) {
    // The one place this package looks for a browser (the package is built without DOM typings).
    const win = (globalThis as { window?: WindowLike }).window;
    if (!win) throw new Error('@frontdesk/wayfinding/browser needs a window: on Node use /node');
    sanitizer = createSvgSanitizer(win);
  }
  return sanitizer(svg);
}

export const drawRoute = createRouteDrawer(sanitizeSvg);
