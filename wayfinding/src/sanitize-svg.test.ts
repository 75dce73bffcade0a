import { describe, expect, it } from 'vitest';
import type { WindowLike } from 'dompurify';
import { sanitizeSvg } from './node.js';
import { createSvgSanitizer } from './sanitize-svg.js';

describe('sanitizeSvg', () => {
  it('keeps shapes, text and presentation attributes', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Map &amp; key</title><g id="rooms"><rect x="1" y="1" width="2" height="2" fill="#ddd"/><text x="1" y="5">大堂 Lobby</text></g></svg>';
    // DOMPurify serialises as HTML (the map is inserted into a page): empty elements get an end tag.
    expect(sanitizeSvg(svg)).toBe(svg.replace('fill="#ddd"/>', 'fill="#ddd"></rect>'));
  });

  it('drops scripts, styles, handlers, links, images, foreign content and javascript: values', () => {
    const svg = [
      '<?xml version="1.0"?><!DOCTYPE svg><svg viewBox="0 0 10 10" onload="alert(1)">',
      '<script>alert("<g>")</script><script type="x">steal()</script>',
      '<style>rect{fill:url(http://evil/)}</style>',
      '<a href="javascript:alert(1)"><rect width="1" height="1"/></a>',
      '<image href="http://evil/x.png"/><use href="#x"/>',
      '<foreignObject><div onclick="x()">hi</div></foreignObject>',
      '<rect width="2" height="2" onclick="x()" fill="url(http://evil/#g)" style="fill:red"/>',
      '<!-- <script>no</script> -->',
      '<circle r="1" cx="1" cy="1"/></svg>',
    ].join('');
    const clean = sanitizeSvg(svg);
    expect(clean).not.toMatch(
      /script|onload|onclick|style|href|evil|image|foreign|alert|steal|DOCTYPE|<\?xml/i,
    );
    // A dropped element takes its content: the shape inside the javascript: link is gone too.
    expect(clean).not.toContain('<rect width="1" height="1">');
    expect(clean).toContain('<rect width="2" height="2"></rect>');
    expect(clean).toContain('<circle r="1" cx="1" cy="1"></circle>');
    expect(clean.startsWith('<svg viewBox="0 0 10 10">')).toBe(true);
  });

  it('escapes what could break out of an attribute or a text node; closes what was left open', () => {
    // The attribute's value is the text `1" onclick="x`: re-escaped, it stays inside its quotes.
    expect(sanitizeSvg('<svg><text x="1&quot; onclick=&quot;x">a & b > c</text>')).toBe(
      '<svg><text x="1&quot; onclick=&quot;x">a &amp; b &gt; c</text></svg>',
    );
    expect(sanitizeSvg('<rect width="1"/>')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"></rect></svg>',
    );
  });
});

/** Markup an attacker (or a careless export) could put in a floor map, and what must not survive. */
const HOSTILE: [name: string, svg: string][] = [
  ['<script>', '<svg><script>alert(1)</script><SCRIPT xlink:href="data:,alert(1)"/><rect width="1"/></svg>'],
  ['onload= and other handlers', '<svg onload="alert(1)"><rect width="1" onmouseover="alert(1)"/></svg>'],
  [
    '<foreignObject> with HTML inside',
    '<svg><foreignObject><body onload="alert(1)"><img src=x onerror=alert(1)></body></foreignObject><rect width="1"/></svg>',
  ],
  [
    'javascript: hrefs, also with a tab entity in the scheme',
    '<svg><a href="javascript:alert(1)"><text>x</text></a><a xlink:href="java&#x09;script:alert(1)">y</a><rect width="1"/></svg>',
  ],
  ['data: hrefs', '<svg><a href="data:text/html,<script>alert(1)</script>">z</a><rect width="1"/></svg>'],
  [
    '<use> of another origin or a data: document',
    '<svg><use href="http://evil.example/s.svg#a"/><use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#a"/><rect width="1"/></svg>',
  ],
  [
    '<style> with @import and url(), style= with url()',
    '<svg><style>@import url(http://evil.example/x.css);rect{fill:url(http://evil.example/#g)}</style><rect width="1" style="fill:url(http://evil.example/)"/></svg>',
  ],
  [
    'url( and javascript: spelt with entities or a CSS escape in presentation attributes',
    '<svg><rect width="1" fill="u&#x72;l(http://evil.example/)"/><rect width="1" fill="\\75rl(http://evil.example/)"/><rect width="1" fill="&#106;avascript:alert(1)"/></svg>',
  ],
  [
    'SVG and script inside <![CDATA[',
    '<svg><![CDATA[</text><script>alert(1)</script>]]><![CDATA[<svg onload=alert(1)>]]><rect width="1"/></svg>',
  ],
  [
    'mXSS: <style> closed early by a parser switch',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>"></svg>',
  ],
  [
    'mXSS: HTML breaking out of <title>',
    '<svg><title><img src=x onerror=alert(1)></title><rect width="1"/></svg>',
  ],
  [
    'mXSS: MathML and form nesting',
    '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=alert(1) src>">',
  ],
  [
    'animation rewriting an href',
    '<svg><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/><rect width="1"/></svg>',
  ],
  ['an <image> with onerror', '<svg><image href="x" onerror="alert(1)"/><rect width="1"/></svg>'],
];

/**
 * Elements, attributes and values that would run code or fetch from elsewhere, looked for in tags
 * only: escaped text (`&lt;script&gt;` from a CDATA section) is a label, not markup.
 */
const DANGEROUS =
  /<(script|style|foreignobject|img|image|use|a|set|animate|body|iframe|math|form)\b|\s(on\w+|href|xlink:href|style)=|javascript:|url\(|\\/i;

describe('sanitizeSvg against hostile maps', () => {
  it.each(HOSTILE)('%s', (_name, svg) => {
    const clean = sanitizeSvg(svg);
    // Text cannot hold a `<` (it is escaped), so these are all the tags of the output.
    const tags = clean.match(/<[^>]*>/g) ?? [];
    expect(tags.filter((t) => DANGEROUS.test(t))).toEqual([]);
    expect(clean.startsWith('<svg')).toBe(true);
    // What is left parses back to itself: a second pass changes nothing, so nothing mutates on insert.
    expect(sanitizeSvg(clean)).toBe(clean);
  });

  it('keeps the harmless parts around the hostile ones', () => {
    expect(
      sanitizeSvg(
        '<svg><rect width="3" fill="#fff" data-place="lobby" data-x="1" aria-label="x"/><text>&lt;b&gt; &amp;</text></svg>',
      ),
    ).toBe('<svg><rect width="3" fill="#fff" data-place="lobby"></rect><text>&lt;b&gt; &amp;</text></svg>');
    expect(sanitizeSvg('<svg><![CDATA[<svg onload=alert(1)>]]></svg>')).toBe(
      '<svg>&lt;svg onload=alert(1)&gt;</svg>',
    );
  });

  it('accepts only the SVG namespace on the root', () => {
    expect(sanitizeSvg('<svg xmlns="http://evil.example/ns"><rect width="1"/></svg>')).toBe(
      '<svg><rect width="1"></rect></svg>',
    );
  });
});

describe('createSvgSanitizer', () => {
  it('refuses a window DOMPurify cannot work in, instead of passing markup through', () => {
    expect(() => createSvgSanitizer({} as WindowLike)).toThrow(/cannot run DOMPurify/);
  });
});
