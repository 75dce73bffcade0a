/**
 * Masks personal numbers inside any value before it reaches a log line or the audit trail. It errs on
 * the side of masking: a false positive hides a harmless number, a miss leaks an ID.
 *
 * What it masks, wherever it appears in a string:
 * - Chinese resident ID numbers (18 characters, the last may be X): first 4 and last 4 kept;
 * - passport numbers (1–2 capital letters then 7–8 digits, e.g. E12345678): first 2 and last 1 kept;
 * - Chinese mobile numbers (1[3-9] and 9 more digits, optionally +86 and spaced 3-4-4): first 3 and last 4;
 * - international numbers written with a leading `+`: the first 2 and last 2 digits kept.
 * Numbers (a timestamp in a numeric field), object keys and shorter digit runs (a room number, a
 * 6-digit booking code) are left alone.
 */

// A run of digits or letters around a match means it is part of something longer (an order number,
// a hash), so every pattern is bounded by look-arounds instead of \b, which treats `_` as a letter.
const RESIDENT_ID = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;
const PASSPORT = /(?<![0-9A-Za-z])([A-Z]{1,2}\d{7,8})(?![0-9A-Za-z])/g;
const CN_MOBILE = /(?<![0-9A-Za-z+])((?:\+?86[- ]?)?)(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9A-Za-z])/g;
const INTERNATIONAL = /(?<![0-9A-Za-z])\+\d(?:[- ]?\d){6,14}(?![0-9A-Za-z])/g;

function maskDigits(s: string, keepFirst: number, keepLast: number): string {
  const total = s.replace(/\D/g, '').length;
  let seen = 0;
  return s.replace(/\d/g, (d) => {
    seen++;
    return seen <= keepFirst || seen > total - keepLast ? d : '*';
  });
}

export function maskText(text: string): string {
  return text
    .replace(RESIDENT_ID, (m) => `${m.slice(0, 4)}${'*'.repeat(m.length - 8)}${m.slice(-4)}`)
    .replace(PASSPORT, (m) => `${m.slice(0, 2)}${'*'.repeat(m.length - 3)}${m.slice(-1)}`)
    .replace(
      CN_MOBILE,
      (_m, cc: string, head: string, _mid: string, tail: string) => `${cc}${head}****${tail}`,
    )
    .replace(INTERNATIONAL, (m) => maskDigits(m, 2, 2));
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
