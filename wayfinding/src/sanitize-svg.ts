import createDOMPurify, { type Config, type WindowLike } from 'dompurify';

/** Turns an administrator's floor map into markup that is safe to insert into a page. */
export type SvgSanitizer = (svg: string) => string;

export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Shapes, text and grouping only. Everything else goes with its content: scripts, styles, links
 * (`a`), references (`use`, `image`), foreign content, animation (`set`/`animate` can rewrite an
 * `href` into `javascript:`), filters. A map loses a decoration at most.
 */
const ALLOWED_TAGS = [
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  // Text nodes: with KEEP_CONTENT off DOMPurify no longer adds them by itself.
  '#text',
];

/** Geometry and presentation. No `href`/`xlink:href`, no `style`, no event handlers. */
const ALLOWED_ATTR = [
  'xmlns',
  'viewBox',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'd',
  'points',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'transform',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'id',
  'class',
  'data-place',
  'preserveAspectRatio',
];

/**
 * DOMPurify's `USE_PROFILES: { svg: true }` would replace these lists with its whole SVG profile
 * (it warns "USE_PROFILES overrides ALLOWED_TAGS and ALLOWED_ATTR" and ignores them), which admits
 * `use`, `image`, `a`, `style` and `href`. The allow-list below is a strict subset of that profile.
 */
const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // A dropped element takes its children with it, as the hand-written sanitiser did: a `<a>` or an
  // unknown wrapper does not leak shapes or text into the map.
  KEEP_CONTENT: false,
  RETURN_TRUSTED_TYPE: false,
};

/**
 * Presentation attributes are CSS values: `fill="url(http://…)"` fetches from another origin, and a
 * backslash is a CSS escape (`\75rl(` reads as `url(`). Whitespace and controls are stripped first so
 * `java\tscript:` cannot hide either.
 */
function unsafeValue(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const compact = value.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, '');
  return /url\(|javascript:|vbscript:|data:|expression\(|\\/i.test(compact);
}

/**
 * A sanitiser bound to a DOM: the browser's `window`, or a jsdom window on Node. Throws when the
 * window cannot run DOMPurify, because an unsupported DOMPurify returns its input unchanged.
 */
export function createSvgSanitizer(window: WindowLike): SvgSanitizer {
  const purify = createDOMPurify(window);
  if (!purify.isSupported) {
    throw new Error('createSvgSanitizer: this window cannot run DOMPurify (no DOMParser or template?)');
  }
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (unsafeValue(data.attrValue)) data.keepAttr = false;
    else if (data.attrName === 'xmlns' && data.attrValue !== SVG_NS) data.keepAttr = false;
  });
  const clean = (markup: string): string => purify.sanitize(markup, CONFIG);
  return (svg) => {
    // Whitespace around the root is not content; without it a map that starts with a newline keeps its root.
    const whole = clean(svg).trim();
    if (whole.startsWith('<svg')) return whole;
    // A fragment (`<rect/>…`) parses as HTML, where shapes are unknown elements: give it an SVG root.
    const wrapped = clean(`<svg xmlns="${SVG_NS}">${svg}</svg>`);
    return wrapped.startsWith('<svg') ? wrapped : `<svg xmlns="${SVG_NS}"></svg>`;
  };
}
