/**
 * Finds personal numbers the way a person would read them, not the way they were typed: the text is
 * normalised first (NFKC turns full-width and other compatibility digits into 0–9; zero-width and
 * other format characters are dropped; spaces, dots and hyphens between digit groups join them), the
 * numbers are found in the normalised text, and the masks are mapped back onto the original text, so
 * `１３９ 1234\u200B5678` comes out as `１３９ ****\u200B5678`: its shape kept, its middle hidden.
 *
 * Pure; `privacy.ts` builds `maskText` on it.
 */

/** Dropped before matching: format characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen…) and marks. */
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}]/u;
/** Join two digit groups into one number (after NFKC: U+3000 and NBSP are spaces, `－` is `-`). */
const JOINERS = /^[ .\-\u2010-\u2015\u2212]{1,3}$/;
const LETTER = /[A-Za-z]/;
const DIGIT = /\d/;

export interface Normalised {
  /** The text as matched: NFKC, invisible characters dropped. */
  text: string;
  /** For each UTF-16 unit of `text`, the index of the code point of the original it came from. */
  origin: number[];
  /** The original's code points. */
  points: string[];
}

export function normalise(original: string): Normalised {
  const points = Array.from(original);
  let text = '';
  const origin: number[] = [];
  points.forEach((point, p) => {
    for (const ch of point.normalize('NFKC')) {
      if (INVISIBLE.test(ch)) continue;
      text += ch;
      for (let u = 0; u < ch.length; u++) origin.push(p);
    }
  });
  return { text, origin, points };
}

/** `masked`: indices into `n.text` to show as `*`. Code points not touched are copied as they were. */
export function applyMasks(n: Normalised, masked: ReadonlySet<number>): string {
  if (masked.size === 0) return n.points.join('');
  let out = '';
  let k = 0;
  for (let p = 0; p < n.points.length; p++) {
    let piece = '';
    let hit = false;
    for (; k < n.origin.length && n.origin[k] === p; k++) {
      hit ||= masked.has(k);
      piece += masked.has(k) ? '*' : n.text[k];
    }
    out += hit ? piece : n.points[p];
  }
  return out;
}

interface Group {
  /** `[start, end)`: a maximal run of digits in the normalised text. */
  start: number;
  end: number;
  /** An `X`/`x` right after the digits: the check character of a resident ID. */
  x: boolean;
}

function digitGroups(s: string): Group[] {
  const groups: Group[] = [];
  for (const m of s.matchAll(/\d+/g)) {
    const end = m.index + m[0].length;
    groups.push({ start: m.index, end, x: s[end] === 'X' || s[end] === 'x' });
  }
  return groups;
}

/**
 * Letters glued to a number (`tel15812345678`, `ID510107…`) do not hide it, but a digit run inside a
 * token that has other digits (a SHA-256, a serial number such as `a3f13812345678c9`) is not a number
 * of its own: walk over the letters from `from` in direction `step` and refuse if a digit comes next.
 */
function standsAlone(s: string, from: number, step: 1 | -1): boolean {
  let i = from;
  // charAt is '' outside the string: neither a letter nor a digit.
  while (LETTER.test(s.charAt(i))) i += step;
  return !DIGIT.test(s.charAt(i));
}

/** What a run of digits is, if it is personal: how many digits to skip before masking, and how many to mask. */
function classify(
  digits: string,
  checkX: boolean,
  afterPlus: boolean,
): { skip: number; mask: number } | null {
  // Resident ID: 18 characters, the last a digit or X; the first 4 and last 4 characters stay.
  if (!afterPlus && (digits.length === 18 || (checkX && digits.length === 17))) return { skip: 4, mask: 10 };
  // Mobile: 1[3-9] and 9 more, after an optional 86 / 0086; the first 3 and last 4 digits stay. After a
  // `+`, only +86 is Chinese (+14155550123 is an international number, masked elsewhere).
  const mobile = /^(0086|86)?1[3-9]\d{9}$/.exec(digits);
  if (mobile && (!afterPlus || mobile[1] !== undefined))
    return { skip: (mobile[1]?.length ?? 0) + 3, mask: 4 };
  return null;
}

interface Found {
  last: number;
  skip: number;
  mask: number;
}

/** The longest personal number that starts with `groups[0]`, or null (`last` counts from there). */
function longestFrom(s: string, groups: readonly Group[]): Found | null {
  const first = groups[0];
  if (!first || !standsAlone(s, first.start - 1, -1)) return null;
  const afterPlus = s[first.start - 1] === '+';
  let digits = '';
  let best: Found | null = null;
  let prev: Group | null = null;
  for (const [j, g] of groups.entries()) {
    if (prev && (prev.x || !JOINERS.test(s.slice(prev.end, g.start)))) break;
    prev = g;
    digits += s.slice(g.start, g.end);
    if (digits.length > 22) break;
    const kind = classify(digits, g.x, afterPlus);
    const usesX = kind !== null && g.x && digits.length === 17;
    if (kind && standsAlone(s, usesX ? g.end + 1 : g.end, 1)) best = { last: j, ...kind };
  }
  return best;
}

/** Indices of the digits to mask in `s` (normalised text): resident IDs and Chinese mobile numbers. */
export function findJoinedNumbers(s: string): Set<number> {
  const masked = new Set<number>();
  const groups = digitGroups(s);
  for (let i = 0; i < groups.length; i++) {
    const found = longestFrom(s, groups.slice(i));
    if (!found) continue;
    const positions = groups.slice(i, i + found.last + 1).flatMap((g) => range(g.start, g.end));
    for (const k of positions.slice(found.skip, found.skip + found.mask)) masked.add(k);
    i += found.last;
  }
  return masked;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, k) => start + k);
}
