/**
 * Route finding on a site's knowledge base, with no DOM and no I/O: shortest walks, route legs and
 * steps in both languages, the route drawn over a floor map. Environment entries bind the SVG
 * sanitiser to a DOM: `@frontdesk/wayfinding/browser` (the page's `window`) and
 * `@frontdesk/wayfinding/node` (jsdom).
 */
export * from './graph.js';
export * from './route.js';
export * from './draw.js';
export * from './sanitize-svg.js';
