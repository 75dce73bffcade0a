import { applyMasks, findJoinedNumbers, normalise } from './personal-numbers.js';

/**
 * Masks personal numbers inside any value before it reaches a log line, the audit trail or a stored
 * text. It errs on the side of masking: a false positive hides a harmless number, a miss leaks an ID.
 *
 * What it masks, wherever it appears in a string (`personal-numbers.ts` says how the text is read:
 * full-width digits, zero-width characters and space/dot/hyphen separators do not hide a number, and
 * letters glued in front or behind do not either — `tel15812345678`, `ID510107…`):
 * - Chinese resident ID numbers (18 characters, the last may be X): first 4 and last 4 kept;
 * - passport numbers (1–2 capital letters then 7–8 digits, e.g. E12345678): first 2 and last 1 kept;
 * - Chinese mobile numbers (1[3-9] and 9 more digits, optionally after 86, +86 or 0086): first 3 and last 4;
 * - international numbers written with a leading `+`: the first 2 and last 2 digits kept.
 * The masked text keeps the original's shape (`138-****-5678`, `１３９****５６７８`).
 *
 * Left alone: numbers (a timestamp in a numeric field), object keys, digit runs of other lengths (a
 * room number, a 6-digit booking code, an ISO date, epoch milliseconds in a string: 13 digits), a
 * run longer than a number (a 15-digit order number), and a digit run inside a token that has other
 * digits too (a SHA-256 or a serial: `9f2c13812345678ab3` is not a phone number).
 */

// A run of digits or letters around a match means it is part of something longer (an order number,
// a hash), so these patterns are bounded by look-arounds instead of \b, which treats `_` as a letter.
const PASSPORT = /(?<![0-9A-Za-z])[A-Z]{1,2}\d{7,8}(?![0-9A-Za-z])/g;
const INTERNATIONAL = /(?<![0-9A-Za-z])\+\d(?:[- ]?\d){6,14}(?![0-9A-Za-z])/g;

/** Adds to `masked` the positions of `pattern`'s matches in `text` chosen by `pick` (match → offsets). */
function maskMatches(
  text: string,
  pattern: RegExp,
  masked: Set<number>,
  pick: (match: string) => number[],
): void {
  for (const m of text.matchAll(pattern)) for (const k of pick(m[0])) masked.add(m.index + k);
}

export function maskText(text: string): string {
  // Only a character of Unicode category N can become a digit under NFKC.
  if (!/\p{N}/u.test(text)) return text;
  const n = normalise(text);
  const masked = findJoinedNumbers(n.text);
  // The other patterns run on the text with those digits already hidden, so nothing is matched twice.
  const work = n.text
    .split('')
    .map((unit, k) => (masked.has(k) ? '*' : unit))
    .join('');
  maskMatches(work, PASSPORT, masked, (m) => offsets(m, (k) => k >= 2 && k < m.length - 1));
  maskMatches(work, INTERNATIONAL, masked, (m) => {
    const digits = offsets(m, (k) => /\d/.test(m.charAt(k)));
    return digits.slice(2, -2);
  });
  return applyMasks(n, masked);
}

function offsets(s: string, keep: (k: number) => boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < s.length; k++) if (keep(k)) out.push(k);
  return out;
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of `value` with personal numbers masked in every string. Arrays and plain objects are
 * copied; other objects (Dates, Buffers, class instances) are returned as they are; cycles are kept.
 */
export function maskPersonalData<T>(value: T): T {
  return maskValue(value, new WeakMap()) as T;
}

function maskValue(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value !== 'object' || value === null) return value;
  const copied = seen.get(value);
  if (copied !== undefined) return copied;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(maskValue(item, seen));
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = maskValue(v, seen);
  return out;
}

/**
 * Query parameters whose value is a capability or a credential: a handover code (`/m/continue?h=`,
 * which the store keeps only as a hash), a kiosk's first-load prefill (`/kiosk/?device=…&secret=…`),
 * a token. Their values never reach a log line.
 */
export const SECRET_QUERY_PARAMS: readonly string[] = [
  'h',
  'handover',
  'secret',
  'token',
  'password',
  'code',
];

export const REDACTED = '[redacted]';

/**
 * A request URL as it may be logged: the values of secret query parameters replaced by `[redacted]`,
 * personal numbers masked in the rest. The path and the other parameters are kept as sent (not
 * re-encoded) so a log line still shows what was asked for. Pure: the logger's request serializer
 * calls it, since pino serializes `req` after its log formatter has masked the plain fields.
 */
export function redactUrl(url: string, secretParams: readonly string[] = SECRET_QUERY_PARAMS): string {
  const q = url.indexOf('?');
  if (q < 0) return maskText(url);
  // Everything after `?` is the query (a client never sends a fragment), so nothing escapes the split.
  const redacted = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: compare the name as sent.
      }
      return secretParams.includes(name) && eq >= 0 ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
  return maskText(`${url.slice(0, q)}?${redacted}`);
}
