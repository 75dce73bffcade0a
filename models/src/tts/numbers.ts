/**
 * Numbers as words, in Mandarin and English, for the speech front end. Pure and portable.
 * espeak-ng can read digits itself, but its readings differ between voices and give no control over
 * room numbers or times; normalising here keeps Node and the kiosk identical and testable.
 */

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
/** Digit strings (room and phone numbers) use 幺 for 1, as hotel and hospital staff say them. */
const ZH_DIGITS_SPOKEN = ['零', '幺', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const ZH_UNITS = ['', '十', '百', '千'] as const;
const ZH_GROUPS = ['', '万', '亿'] as const;

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const EN_TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
] as const;

/** Numbers above this are read digit by digit (they are codes, not amounts). */
export const MAX_CARDINAL = 999_999_999_999;

function zhBelow10000(n: number): string {
  let out = '';
  let zeroPending = false;
  for (let unit = 3; unit >= 0; unit -= 1) {
    const d = Math.floor(n / 10 ** unit) % 10;
    if (d === 0) {
      if (out !== '') zeroPending = true;
      continue;
    }
    if (zeroPending) out += '零';
    zeroPending = false;
    out += (ZH_DIGITS[d] ?? '') + (ZH_UNITS[unit] ?? '');
  }
  return out;
}

/** A non-negative integer in Mandarin: 120 → 一百二十, 10 → 十, 1005 → 一千零五, 20000 → 二万. */
export function zhCardinal(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_CARDINAL) return zhDigits(String(n));
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const value = groups[g] ?? 0;
    if (value === 0) {
      if (out !== '') zeroPending = true;
      continue;
    }
    // A group below 1000 after a higher one needs its leading 零 (10005 → 一万零五).
    if (out !== '' && (zeroPending || value < 1000)) out += '零';
    zeroPending = false;
    out += zhBelow10000(value) + (ZH_GROUPS[g] ?? '');
  }
  // 10–19 are said 十, 十一 … at the start of a number.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** Digit by digit in Mandarin, as room and phone numbers are read: 1208 → 幺二零八. */
export function zhDigits(digits: string): string {
  return [...digits].map((c) => (c >= '0' && c <= '9' ? (ZH_DIGITS_SPOKEN[Number(c)] ?? c) : c)).join('');
}

function enBelow1000(n: number): string {
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) parts.push(`${EN_ONES[hundreds] ?? ''} hundred`);
  if (rest > 0) {
    if (rest < 20) parts.push(EN_ONES[rest] ?? '');
    else {
      const ones = rest % 10;
      parts.push((EN_TENS[Math.floor(rest / 10)] ?? '') + (ones > 0 ? `-${EN_ONES[ones] ?? ''}` : ''));
    }
  }
  return parts.join(' ');
}

/** A non-negative integer in English: 120 → one hundred twenty, 1005 → one thousand five. */
export function enCardinal(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_CARDINAL) return enDigits(String(n));
  if (n === 0) return 'zero';
  const scales = ['', ' thousand', ' million', ' billion'];
  const parts: string[] = [];
  for (let rest = n, s = 0; rest > 0; rest = Math.floor(rest / 1000), s += 1) {
    const group = rest % 1000;
    if (group > 0) parts.unshift(enBelow1000(group) + (scales[s] ?? ''));
  }
  return parts.join(' ');
}

/** Digit by digit in English, zero as "oh" (room and phone numbers): 1208 → one two oh eight. */
export function enDigits(digits: string): string {
  return [...digits]
    .filter((c) => c >= '0' && c <= '9')
    .map((c) => (c === '0' ? 'oh' : (EN_ONES[Number(c)] ?? c)))
    .join(' ');
}

/** A decimal written with a point: 3.5 → 三点五 / three point five. */
export function decimal(intPart: string, fraction: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') {
    const whole = zhCardinal(Number(intPart));
    return `${whole}点${[...fraction].map((c) => ZH_DIGITS[Number(c)] ?? c).join('')}`;
  }
  return `${enCardinal(Number(intPart))} point ${[...fraction].map((c) => EN_ONES[Number(c)] ?? c).join(' ')}`;
}
