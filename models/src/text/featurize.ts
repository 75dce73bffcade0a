/**
 * The one featurizer every runtime uses (Node, the kiosk's browser, WeChat): pure functions over
 * strings, no Node, DOM or TextEncoder APIs (WeChat's older base libraries lack TextEncoder).
 *
 * Specification (change FEATURIZER_VERSION when any of it changes, and retrain):
 * 1. normalise: NFKC (full-width ASCII and spaces become half-width), lower-case, apostrophes removed
 *    ("where's" → "wheres"), every other non-letter, non-digit run becomes one space, trimmed.
 * 2. tokens: runs of Han characters, and runs of other letters/digits ("words"); digits in words are
 *    mapped to 0 so room numbers share features.
 * 3. features, each a string with a kind prefix:
 *    - Han run r: `h:` unigrams of r; `h:` bigrams and trigrams of `^` + r + `$`.
 *    - word w: `w:` + w; `c:` character 2–4-grams of `<` + w + `>` (words ≤ 24 chars; longer ones are
 *      noise such as keyboard mashing or URLs and get only `w:long`).
 *    - adjacent words: `b:` + w1 + ` ` + w2; a word next to a Han run: `x:` + w + `|` + first Han char or
 *      `x:` + last Han char + `|` + w, so "wifi密码" keeps its order.
 *    - negation scope: `n:` + each of the three words after an English negator (not, no, never, dont...),
 *      and `n:` + a Chinese negator (不 没 别 无 未 非) with the two characters after it.
 * 4. id = FNV-1a 32-bit over the UTF-8 bytes of the feature string (offset basis 2166136261,
 *    prime 16777619), modulo the bucket count. Repeated ids are merged; weight = count / total, so the
 *    weights sum to 1 and the model's embedding bag is a mean.
 */

export const FEATURIZER_VERSION = 2;

/** Inputs past this many characters (after normalisation) are ignored: it bounds the cost per line. */
export const MAX_NORMALIZED_CHARS = 256;
const MAX_CHAR_NGRAM_WORD_LENGTH = 24;

export type Lang = 'zh' | 'en';

export interface Features {
  /** Bucket ids, distinct, in order of first occurrence. */
  readonly ids: Int32Array;
  /** One weight per id; the weights sum to 1. */
  readonly weights: Float32Array;
  readonly lang: Lang;
  readonly normalized: string;
}

const HAN = /\p{Script=Han}/u;
const TOKEN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+/gu;

export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

interface Token {
  readonly han: boolean;
  readonly text: string;
}

function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(TOKEN)) {
    const text = match[0];
    tokens.push({ han: HAN.test(text), text });
  }
  return tokens;
}

/**
 * zh or en by majority. A Han character counts half a word, since a Chinese word is about two
 * characters: "wifi密码多少" is zh, "can I 开发票" is en. Ties go to zh; text with neither is en.
 */
export function detectLanguage(text: string): Lang {
  return languageOf(tokenize(normalize(text)));
}

function languageOf(tokens: readonly Token[]): Lang {
  let hanChars = 0;
  let latinWords = 0;
  for (const token of tokens) {
    if (token.han) hanChars += [...token.text].length;
    else if (/\p{L}/u.test(token.text)) latinWords += 1;
  }
  return hanChars > 0 && hanChars / 2 >= latinWords ? 'zh' : 'en';
}

/** UTF-8 bytes of a string, by hand (see the module comment for why not TextEncoder). */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
      bytes.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
  }
  return bytes;
}

/** FNV-1a, 32-bit, over UTF-8: an unsigned 32-bit integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8Bytes(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function ngrams(chars: readonly string[], n: number, out: string[], prefix: string): void {
  for (let i = 0; i + n <= chars.length; i += 1) out.push(prefix + chars.slice(i, i + n).join(''));
}

/** The feature strings of a text, before hashing (exposed for tests and debugging). */
const NEGATORS_EN = new Set([
  'not',
  'no',
  'never',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'cant',
  'cannot',
  'wont',
  'nothing',
  'nobody',
  'hardly',
  'without',
]);
const NEGATORS_ZH = new Set(['不', '没', '别', '无', '未', '非']);

export function featureStrings(normalized: string): string[] {
  const tokens = tokenize(normalized).map((t) =>
    t.han ? t : { han: false, text: t.text.replace(/\p{N}/gu, '0') },
  );
  const out: string[] = [];
  for (const token of tokens) {
    const chars = [...token.text];
    if (token.han) {
      ngrams(chars, 1, out, 'h:');
      const bounded = ['^', ...chars, '$'];
      ngrams(bounded, 2, out, 'h:');
      ngrams(bounded, 3, out, 'h:');
    } else if (chars.length > MAX_CHAR_NGRAM_WORD_LENGTH) {
      out.push('w:long');
    } else {
      out.push('w:' + token.text);
      const bounded = ['<', ...chars, '>'];
      for (let n = 2; n <= 4; n += 1) ngrams(bounded, n, out, 'c:');
    }
  }
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (a === undefined || b === undefined) continue;
    if (!a.han && !b.han) out.push('b:' + a.text + ' ' + b.text);
    else if (!a.han && b.han) out.push('x:' + a.text + '|' + ([...b.text][0] ?? ''));
    else if (a.han && !b.han) out.push('x:' + ([...a.text].at(-1) ?? '') + '|' + b.text);
  }
  // Negation scope: words within three tokens after a negator, and the two Han characters after 不/没/别/无,
  // get their own features, so "not bad" and "不是很满意" differ from "bad" and "很满意".
  let scope = 0;
  for (const token of tokens) {
    if (token.han) {
      const chars = [...token.text];
      for (let i = 0; i < chars.length; i += 1) {
        if (NEGATORS_ZH.has(chars[i] ?? '')) {
          const next = chars.slice(i + 1, i + 3).join('');
          if (next.length > 0) out.push('n:' + (chars[i] ?? '') + next);
        }
      }
      scope = 0;
    } else if (NEGATORS_EN.has(token.text)) {
      scope = 3;
    } else if (scope > 0) {
      out.push('n:' + token.text);
      scope -= 1;
    }
  }
  if (out.length === 0) out.push('e:empty');
  return out;
}

export function featurize(text: string, numBuckets: number): Features {
  if (!Number.isInteger(numBuckets) || numBuckets < 1 || numBuckets > 2 ** 31) {
    throw new RangeError(`numBuckets must be an integer in [1, 2^31], got ${numBuckets}`);
  }
  const normalized = [...normalize(text)].slice(0, MAX_NORMALIZED_CHARS).join('').trim();
  const lang = languageOf(tokenize(normalized));
  const counts = new Map<number, number>();
  const strings = featureStrings(normalized);
  for (const feature of strings) {
    const id = fnv1a32(feature) % numBuckets;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = new Int32Array(counts.size);
  const weights = new Float32Array(counts.size);
  let i = 0;
  for (const [id, count] of counts) {
    ids[i] = id;
    weights[i] = count / strings.length;
    i += 1;
  }
  return { ids, weights, lang, normalized };
}
