import { z } from 'zod';

/**
 * Characters no free text on the wire may carry: they pass through JSON and zod untouched, then
 * reach a member of staff's screen, a log line or the database.
 *
 * - C0 and C1 controls (U+0000–U+001F, U+007F–U+009F): NUL truncates C strings, ESC drives
 *   terminals, CR rewrites a log line. Tab and newline are allowed where text may span lines.
 * - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): "Trojan Source" text
 *   that reads differently from what it is (a room number or a name shown backwards). The marks
 *   LRM/RLM (U+200E/U+200F) are kept: mixed Arabic or Hebrew text needs them and they reorder nothing.
 * - Lone surrogates: not Unicode; they turn into U+FFFD or an encoding error further on.
 * - U+FFFE and U+FFFF: noncharacters, and U+FFFE is a byte-swapped BOM.
 */
const CLASSES: { pattern: RegExp; what: string }[] = [
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  { pattern: /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u, what: 'a control character' },
  { pattern: /[\u202a-\u202e\u2066-\u2069]/u, what: 'a bidirectional control' },
  { pattern: /\p{Cs}/u, what: 'a lone surrogate' },
  { pattern: /[\ufffe\uffff]/u, what: 'a noncharacter' },
];
/** Tab and newline: only in single-line text are they refused. */
const LINE_BREAKS = /[\t\n]/u;

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `value` may not go on the wire, or null when it may. Names the code point, never the text. */
export function hostileTextReason(value: string, multiline: boolean): string | null {
  for (const { pattern, what } of CLASSES) {
    const m = pattern.exec(value);
    if (m) return `contains ${what} (${codePoint(m[0])}) at index ${m.index}`;
  }
  const br = multiline ? null : LINE_BREAKS.exec(value);
  if (br) return `contains a line break or tab (${codePoint(br[0])}) at index ${br.index}: one line expected`;
  return null;
}

export interface SafeTextOptions {
  /** Tab and newline allowed (chat, descriptions, answers). Default true. */
  multiline?: boolean;
  /** Trim surrounding whitespace first. Default true. */
  trim?: boolean;
  /** Fewest characters after trimming. Default 1. */
  min?: number;
}

/**
 * A free-text field: at most `max` UTF-16 units, none of the characters above. Rejections go through
 * the ordinary schema path, so a message carrying one is refused with `INVALID_MESSAGE` and a reason
 * naming the field and the code point.
 */
export function safeText(max: number, options: SafeTextOptions = {}) {
  const { multiline = true, trim = true, min = 1 } = options;
  const base = trim ? z.string().trim() : z.string();
  return base
    .min(min)
    .max(max)
    .superRefine((value, ctx) => {
      const reason = hostileTextReason(value, multiline);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    });
}
