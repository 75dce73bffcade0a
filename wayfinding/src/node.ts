import { JSDOM } from 'jsdom';
import { createRouteDrawer } from './draw.js';
import { createSvgSanitizer, type SvgSanitizer } from './sanitize-svg.js';

export * from './index.js';

let sanitizer: SvgSanitizer | null = null;

/**
 * The floor-map sanitiser on Node (the server's phone route page, tests): DOMPurify on one jsdom
 * window, made on first use. jsdom is DOMPurify's documented DOM for Node; it never reaches a browser
 * bundle because only this entry imports it.
 */
export function sanitizeSvg(svg: string): string {
  sanitizer ??= createSvgSanitizer(new JSDOM('').window);
  return sanitizer(svg);
}

export const drawRoute = createRouteDrawer(sanitizeSvg);
