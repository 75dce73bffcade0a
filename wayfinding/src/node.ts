import { createRequire } from 'node:module';
import type * as Jsdom from 'jsdom';
import { createRouteDrawer } from './draw.js';
import { createSvgSanitizer, type SvgSanitizer } from './sanitize-svg.js';

export * from './index.js';

let sanitizer: SvgSanitizer | null = null;

/**
 * The floor-map sanitiser on Node (the server's phone route page, tests): DOMPurify on one jsdom
 * window, made on first use. jsdom is DOMPurify's documented DOM for Node; it never reaches a browser
 * bundle because only this entry imports it. It is required on first use, not imported: loading it
 * costs the server about 0.6 s of CPU at start-up (2 s of wall time on a busy 2-core machine), for a
 * page few guests open.
 */
export function sanitizeSvg(svg: string): string {
  if (!sanitizer) {
    const { JSDOM } = createRequire(import.meta.url)('jsdom') as typeof Jsdom;
    sanitizer = createSvgSanitizer(new JSDOM('').window);
  }
  return sanitizer(svg);
}

export const drawRoute = createRouteDrawer(sanitizeSvg);
