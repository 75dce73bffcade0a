/**
 * Text normalisation for speech: what the screen shows (digits, times, room numbers, passwords) turned
 * into the words a guest should hear, in Mandarin or English. Pure and portable (the kiosk's worker and
 * Node's runner use the same function); the result is only ever spoken, never shown.
 *
 * Order matters: passwords first (their digits are characters, not numbers), then times and ranges,
 * rooms and phone numbers (digit by digit), floors, fault codes, money and percentages, then any
 * number left.
 */
import { decimal, enCardinal, enDigits, zhCardinal, zhDigits } from './numbers.js';

export type SpeechLang = 'zh' | 'en';

const EN_LETTER_NAMES: Record<string, string> = {
  a: 'ay',
  b: 'bee',
  c: 'see',
  d: 'dee',
  e: 'ee',
  f: 'ef',
  g: 'gee',
  h: 'aitch',
  i: 'eye',
  j: 'jay',
  k: 'kay',
  l: 'el',
  m: 'em',
  n: 'en',
  o: 'oh',
  p: 'pee',
  q: 'cue',
  r: 'ar',
  s: 'ess',
  t: 'tee',
  u: 'you',
  v: 'vee',
  w: 'double you',
  x: 'ex',
  y: 'why',
  z: 'zed',
};

const SYMBOL_NAMES: Record<string, { zh: string; en: string }> = {
  '@': { zh: '艾特', en: 'at' },
  '#': { zh: '井号', en: 'hash' },
  '-': { zh: '横杠', en: 'dash' },
  _: { zh: '下划线', en: 'underscore' },
  '.': { zh: '点', en: 'dot' },
  '!': { zh: '感叹号', en: 'exclamation mark' },
  '*': { zh: '星号', en: 'star' },
  $: { zh: '美元符号', en: 'dollar sign' },
  '%': { zh: '百分号', en: 'percent sign' },
  '&': { zh: '和号', en: 'ampersand' },
  '+': { zh: '加号', en: 'plus' },
  '=': { zh: '等号', en: 'equals' },
  '/': { zh: '斜杠', en: 'slash' },
};

const ZH_DIGIT_NAMES = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * A secret the guest has to type, one character at a time: "Yunqi-2024" →
 * "大写 Y, u, n, q, i, 横杠, 二, 零, 二, 四" / "capital why, you, en, cue, eye, dash, two, oh, two, four".
 * Commas make espeak-ng pause between characters; letter names avoid "a" being read as a word.
 */
export function spellOut(secret: string, lang: SpeechLang): string {
  const parts = [...secret].map((c) => {
    if (c >= '0' && c <= '9') return lang === 'zh' ? (ZH_DIGIT_NAMES[Number(c)] ?? c) : enDigits(c);
    const lower = c.toLowerCase();
    const letter = EN_LETTER_NAMES[lower];
    if (letter !== undefined) {
      const upper = c !== lower;
      // The Mandarin voice says single Latin letters with their English names itself.
      if (lang === 'zh') return upper ? `大写 ${c}` : c;
      return upper ? `capital ${letter}` : letter;
    }
    const symbol = SYMBOL_NAMES[c];
    return symbol ? symbol[lang] : c;
  });
  return parts.join(lang === 'zh' ? '，' : ', ');
}

/** After these words the next token is a secret to spell (Wi-Fi passwords, door codes). */
const SECRET_EN =
  /\b(password|passcode|pass code|pin|code)(\s+is|\s*:|\s+)\s*([A-Za-z0-9@#_\-.!*$%&+=/]{2,40})/gi;
const SECRET_ZH = /(密码|口令|验证码)(是|为|：|:)?\s*([A-Za-z0-9@#_\-.!*$%&+=/]{2,40})/g;

function trimTrailingPunctuation(token: string): { token: string; tail: string } {
  const m = /[.\-!]+$/.exec(token);
  // A final "." or "!" ends the sentence; it is part of the secret only if more follows inside it.
  if (!m) return { token, tail: '' };
  return { token: token.slice(0, m.index), tail: m[0] };
}

function spellSecrets(text: string, lang: SpeechLang): string {
  const pattern = lang === 'zh' ? SECRET_ZH : SECRET_EN;
  return text.replace(pattern, (whole, word: string, sep: string | undefined, raw: string) => {
    // English "code" alone is too common ("fault code E4" is a code to read, not to spell): only a
    // token that mixes letters and digits, or follows "password", is spelled.
    if (lang === 'en' && /^(code|pin)$/i.test(word) && !/[0-9]/.test(raw)) return whole;
    const { token, tail } = trimTrailingPunctuation(raw);
    if (token.length < 2) return whole;
    const spelled = spellOut(token, lang);
    const joiner = lang === 'zh' ? `${word}${sep ?? ''}` : `${word}${sep ?? ' '}`;
    // `\u200b` marks spelled text so later number rules leave it alone; removed at the end.
    return `${joiner.trimEnd()} \u200b${spelled}\u200b${tail}`;
  });
}

function zhHour(h: number): string {
  return h === 2 ? '两' : zhCardinal(h);
}

/** 7:00 → 七点, 7:30 → 七点半, 7:05 → 七点零五分, 14:15 → 十四点十五分. */
export function zhTime(h: number, m: number): string {
  if (m === 0) return `${zhHour(h)}点`;
  if (m === 30) return `${zhHour(h)}点半`;
  return `${zhHour(h)}点${m < 10 ? '零' : ''}${zhCardinal(m)}分`;
}

/** 7:00 → seven o'clock (alone) or seven (in a range), 10:30 → ten thirty, 14:05 → two oh five p m. */
export function enTime(h: number, m: number, inRange = false): string {
  const pm = h >= 13 && h <= 23;
  const h12 = h === 0 ? 12 : pm ? h - 12 : h;
  const suffix = pm ? ' p m' : h === 0 ? ' a m' : '';
  const hour = enCardinal(h12);
  if (m === 0) return inRange || suffix ? `${hour}${suffix}` : `${hour} o'clock`;
  const minutes = m < 10 ? `oh ${enCardinal(m)}` : enCardinal(m);
  return `${hour} ${minutes}${suffix}`;
}

const TIME = String.raw`([01]?\d|2[0-3]):([0-5]\d)`;
const RANGE_SEP = String.raw`\s*(?:-|–|—|~|～|至|到|to)\s*`;
const TIME_RANGE = new RegExp(`${TIME}${RANGE_SEP}${TIME}`, 'g');
const TIME_ALONE = new RegExp(`(?<![\\d:])${TIME}(?![\\d:])`, 'g');

function times(text: string, lang: SpeechLang): string {
  const say = (h: string, m: string, inRange: boolean) =>
    lang === 'zh' ? zhTime(Number(h), Number(m)) : enTime(Number(h), Number(m), inRange);
  return text
    .replace(TIME_RANGE, (_w, h1: string, m1: string, h2: string, m2: string) =>
      lang === 'zh'
        ? `${say(h1, m1, true)}到${say(h2, m2, true)}`
        : `${say(h1, m1, true)} to ${say(h2, m2, true)}`,
    )
    .replace(TIME_ALONE, (_w, h: string, m: string) => say(h, m, false));
}

/** Rooms are read digit by digit: 1208房间 → 幺二零八房间, room 1208 → room one two oh eight. */
function rooms(text: string, lang: SpeechLang): string {
  if (lang === 'zh') {
    return text
      .replace(/(房间号?|房号|客房)\s*(\d{3,5})/g, (_w, word: string, n: string) => `${word}${zhDigits(n)}`)
      .replace(
        /(\d{3,5})\s*(号房间|号房|房间|房)/g,
        (_w, n: string, word: string) => `${zhDigits(n)}${word}`,
      );
  }
  return text.replace(
    /\b(rooms?|suite|ward|bed)\s+(?:no\.?\s*)?(\d{2,5})\b/gi,
    (_w, word: string, n: string) => `${word} ${enDigits(n)}`,
  );
}

/** Seven or more digits (with - or spaces between groups) are a phone number: digit by digit. */
function phones(text: string, lang: SpeechLang): string {
  return text.replace(/(?<!\d|\d\.)(\+?\d[\d -]{5,18}\d)(?!\d|\.\d)/g, (whole, raw: string) => {
    const digits = raw.replace(/[^\d]/g, '');
    if (digits.length < 7) return whole;
    const groups = raw.split(/[ -]+/).filter((g) => g !== '');
    const sep = lang === 'zh' ? '，' : ', ';
    return groups.map((g) => (lang === 'zh' ? zhDigits(g.replace('+', '')) : enDigits(g))).join(sep);
  });
}

/** 3F / 3楼 / B1 → 三楼 / floor three, 负一楼 / basement one. */
function floors(text: string, lang: SpeechLang): string {
  if (lang === 'zh') {
    return text
      .replace(
        /(?<![A-Za-z\d])B(\d{1,2})(?:层|楼|F)?(?![A-Za-z\d])/g,
        (_w, n: string) => `负${zhCardinal(Number(n))}楼`,
      )
      .replace(
        /(?<![A-Za-z\d])(\d{1,2})\s*[Ff](?![A-Za-z\d])/g,
        (_w, n: string) => `${zhCardinal(Number(n))}楼`,
      );
  }
  return text
    .replace(
      /(?<![A-Za-z\d])B(\d{1,2})(?![A-Za-z\d])/g,
      (_w, n: string) => `basement ${enCardinal(Number(n))}`,
    )
    .replace(
      /(?<![A-Za-z\d])(\d{1,2})\s*[Ff](?![A-Za-z\d])/g,
      (_w, n: string) => `floor ${enCardinal(Number(n))}`,
    );
}

/** Fault and device codes (E4, F21, E-107, A1208) are read letter then digit by digit. */
function codes(text: string, lang: SpeechLang): string {
  return text.replace(
    /(?<![A-Za-z\d-])([A-Z]{1,2})-?(\d{1,5})(?![A-Za-z\d])/g,
    (_w, letters: string, n: string) =>
      lang === 'zh' ? `${letters}${zhDigits(n)}` : `${letters} ${enDigits(n)}`,
  );
}

function money(text: string, lang: SpeechLang): string {
  const amount = (n: string) => {
    const [whole = '0', fraction] = n.split('.');
    return fraction
      ? decimal(whole, fraction, lang)
      : lang === 'zh'
        ? zhCardinal(Number(whole))
        : enCardinal(Number(whole));
  };
  const unit = lang === 'zh' ? '元' : ' yuan';
  return text
    .replace(/(?:¥|￥|RMB\s?|CNY\s?)(\d+(?:\.\d+)?)/g, (_w, n: string) => `${amount(n)}${unit}`)
    .replace(/(\d+(?:\.\d+)?)\s*%/g, (_w, n: string) =>
      lang === 'zh' ? `百分之${amount(n)}` : `${amount(n)} percent`,
    );
}

const ORDINAL_IRREGULAR: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** 1 → first, 21 → twenty-first, 40 → fortieth. */
export function enOrdinal(n: number): string {
  const words = enCardinal(n);
  const m = /([a-z]+)$/.exec(words);
  if (!m) return words;
  const last = m[1] ?? '';
  const ordinal = ORDINAL_IRREGULAR[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`);
  return words.slice(0, m.index) + ordinal;
}

const UNITS: Record<string, { zh: string; en: string }> = {
  km: { zh: '公里', en: 'kilometres' },
  m: { zh: '米', en: 'metres' },
  cm: { zh: '厘米', en: 'centimetres' },
  kg: { zh: '公斤', en: 'kilograms' },
  kWh: { zh: '度', en: 'kilowatt hours' },
  '°C': { zh: '摄氏度', en: 'degrees Celsius' },
};

/** Units after a number: 2.1 m → 2.1 metres, 38 °C → 38 摄氏度. */
function units(text: string, lang: SpeechLang): string {
  return text.replace(/(\d)\s?(km|kWh|cm|kg|m|°C)(?![A-Za-z])/g, (_w, d: string, unit: string) => {
    const word = UNITS[unit]?.[lang] ?? unit;
    return lang === 'zh' ? `${d}${word}` : `${d} ${word}`;
  });
}

/** "1–2 个工作日", "7-10 days": a range of numbers reads 到 / to (phone numbers are taken before). */
const NUMBER_RANGE = /(?<![\w.-])(\d{1,4})\s*[–—~～-]\s*(\d{1,4})(?![\w.-]|:\d)/g;

/** Any number left: a year before 年 digit by digit, decimals with 点 / point, integers as amounts. */
function plainNumbers(text: string, lang: SpeechLang): string {
  let out = text.replace(
    NUMBER_RANGE,
    (_w, a: string, b: string) => `${a}${lang === 'zh' ? '到' : ' to '}${b}`,
  );
  // "No. 1" is "number one", not a sentence end followed by a digit.
  if (lang === 'en') out = out.replace(/\bNo\.\s?(\d+)/g, 'number $1');
  if (lang === 'zh')
    out = out.replace(/(\d{4})(?=\s*年)/g, (_w, y: string) =>
      [...y].map((c) => ZH_DIGIT_NAMES[Number(c)] ?? c).join(''),
    );
  out = out.replace(/(\d+)\.(\d+)/g, (_w, i: string, f: string) => decimal(i, f, lang));
  if (lang === 'en') {
    out = out.replace(/\b(\d+)(?:st|nd|rd|th)\b/g, (_w, n: string) => enOrdinal(Number(n)));
    // "7am", "E4": words need a space where the screen had none.
    out = out.replace(/([A-Za-z])(\d)/g, '$1 $2').replace(/(\d)([A-Za-z])/g, '$1 $2');
  }
  return out.replace(/\d+/g, (n) => {
    // Long digit strings are codes, not amounts.
    if (n.length > 12 || (n.length > 1 && n.startsWith('0')))
      return lang === 'zh' ? zhDigits(n) : enDigits(n);
    return lang === 'zh' ? zhCardinal(Number(n)) : enCardinal(Number(n));
  });
}

/** Words around numbers: English needs spaces where the screen had none ("7am" → "seven am"). */
function tidy(text: string, lang: SpeechLang): string {
  let out = text.replace(/\u200b/g, '');
  // Pictographs and markup symbols have no reading.
  out = out.replace(/[\p{Extended_Pictographic}\u{FE0F}*_`#>|]/gu, (c) =>
    c === '#' ? '' : c === '_' ? ' ' : '',
  );
  if (lang === 'en') out = out.replace(/\bwi-?fi\b/gi, 'wifi');
  return out
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([,.!?;:])/g, '$1')
    .trim();
}

/** Applies a rule outside already spelled passages (marked by `\u200b … \u200b`). */
function outsideSpelled(text: string, rule: (s: string) => string): string {
  return text
    .split(/(\u200b[^\u200b]*\u200b)/)
    .map((part) => (part.startsWith('\u200b') ? part : rule(part)))
    .join('');
}

/** The words to speak for one answer (normalisation only; see `splitSentences` for chunking). */
export function normalizeForSpeech(text: string, lang: SpeechLang): string {
  let out = text.normalize('NFKC').replace(/\u200b/g, '');
  out = spellSecrets(out, lang);
  for (const rule of [times, rooms, phones, floors, codes, money, units, plainNumbers])
    out = outsideSpelled(out, (s) => rule(s, lang));
  return tidy(out, lang);
}
