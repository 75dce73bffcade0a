/**
 * Reading codes and document fields out of OCR text. Pure; table-tested in extract.test.ts.
 *
 * What OCR does to text, and so what is undone here before matching: full-width forms (`：`, `Ｅ４`,
 * `－`) are folded by NFKC; the recogniser drops spaces (`Error F21` → `ErrorF21`), so patterns never
 * rely on a space or word boundary between a label and its value.
 */

/** NFKC (full-width → half-width, `：` → `:`), every dash-like character → `-`, runs of spaces → one. */
export function normaliseOcrText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\u30FC]/g, '-')
    .replace(/[ \t\u3000]+/g, ' ');
}

/** Canonical comparison key of a fault code: upper case, no dash or space (`e-107` → `E107`). */
export function faultCodeKey(code: string): string {
  return normaliseOcrText(code).toUpperCase().replace(/[-\s]/g, '');
}

/**
 * Words that introduce a code on appliance displays and manuals. They are cut out (leaving a separator)
 * because with spaces dropped they glue onto the code: `ErrorF21`, `Code:E-107`, `故障码E4`.
 */
const CODE_LABELS = /error|err|code|fault|alarm|故障代码|故障码|错误代码|错误码|代码|故障|报警|错误/gi;

/**
 * One or two capital letters, an optional dash or space, one to three digits, not inside a longer token
 * (so a passport number `E12345678` or a room `A1203B` is not a code).
 */
const CODE_PATTERN = /(?<![A-Za-z0-9])([A-Z]{1,2})(?: ?- ?| )?(\d{1,3})(?![0-9A-Za-z])/g;

/**
 * Fault codes in reading order, deduplicated, as written after normalisation (`E-107`, `F21`). With
 * `knownCodes` (the knowledge base's), only codes matching one of them are returned, spelled as there,
 * matching by `faultCodeKey` so `E107` finds `E-107`.
 */
export function extractFaultCodes(text: string, knownCodes?: readonly string[]): string[] {
  const cleaned = normaliseOcrText(text).replace(CODE_LABELS, ' ');
  const known = knownCodes ? new Map(knownCodes.map((c) => [faultCodeKey(c), c])) : undefined;
  const found: string[] = [];
  const seen = new Set<string>();
  for (const m of cleaned.matchAll(CODE_PATTERN)) {
    const raw = m[0].replace(/ /g, '');
    const key = faultCodeKey(raw);
    const code = known ? known.get(key) : raw;
    if (code === undefined || seen.has(key)) continue;
    seen.add(key);
    found.push(code);
  }
  return found;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK.charAt(sum % 11);
}

export interface ResidentId {
  /** 18 characters, upper-case X. */
  readonly number: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  /** From the 17th digit: odd male, even female. */
  readonly sex: 'male' | 'female';
}

export type ResidentIdProblem = 'format' | 'checksum' | 'birth-date';

/**
 * Validates an 18-character resident ID: format, MOD 11-2 check character, and a real calendar birth
 * date from 1900 up to `today` (passed in: this module never reads the clock).
 */
export function checkResidentId(
  value: string,
  today: Date,
): { ok: true; id: ResidentId } | { ok: false; problem: ResidentIdProblem } {
  const id = value.toUpperCase();
  // First digit: region codes begin 1–8 (and 9 for some foreigners' permanent-residence IDs since 2017).
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  if (residentIdCheckChar(id) !== id[17]) return { ok: false, problem: 'checksum' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime()) return { ok: false, problem: 'birth-date' };
  return {
    ok: true,
    id: {
      number: id,
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

export interface IdFields {
  /** After `姓名` or `Name`, as printed. */
  name?: string;
  /** A resident ID that passed every check. */
  residentId?: ResidentId;
  /** 18-character candidates that failed a check: shown to the guest to re-scan or type, never used. */
  rejectedResidentIds?: { number: string; problem: ResidentIdProblem }[];
  /** A passport number (Chinese ordinary passports: `E` + 8 digits, `E` + letter + 7 digits, `G` + 8). */
  passportNumber?: string;
}

/** Card labels that follow the name on a resident ID card: a name never runs into them. */
const NEXT_LABEL =
  /性别|民族|出生|住址|公民身份号码|国籍|证件|护照|有效期|签发|Sex|Nationality|Date|Passport/;

/**
 * Fields of an ID document for check-in, from OCR text (lines joined by newlines). The guest confirms
 * them; nothing here is trusted further than a checksum goes.
 */
export function extractIdFields(text: string, today: Date): IdFields {
  const t = normaliseOcrText(text);
  const fields: IdFields = {};

  const zh = /姓名[:\s/]*(?:Name)?[:\s]*([\u4e00-\u9fff\u3400-\u4dbf·•]{2,12})/.exec(t);
  const en = /(?<![A-Za-z])Name[:\s/]*([A-Za-z][A-Za-z' -]*[A-Za-z])/.exec(t);
  const rawName = zh?.[1] ?? en?.[1];
  if (rawName !== undefined) {
    const name = (rawName.split(NEXT_LABEL)[0] ?? '').replace(/•/g, '·').trim();
    if (name.length >= 2) fields.name = name;
  }

  // Spaces inside the number (typed or printed in groups) are dropped before matching.
  const compact = t.replace(/(?<=\d) (?=[\dXx])/g, '');
  const rejected: { number: string; problem: ResidentIdProblem }[] = [];
  for (const m of compact.matchAll(/(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g)) {
    const candidate = (m[1] ?? '').toUpperCase();
    const check = checkResidentId(candidate, today);
    if (check.ok) {
      fields.residentId ??= check.id;
    } else {
      rejected.push({ number: candidate, problem: check.problem });
    }
  }
  if (rejected.length > 0) fields.rejectedResidentIds = rejected;

  // Labels glue onto the number when spaces are dropped (`No.E12345678`, `护照号码E12345678`).
  const unlabelled = t.replace(/passport\s*no\.?|passport|no\.|护照号码|护照号|护照/gi, ' ');
  const passport = /(?<![A-Za-z0-9])([EGDSP]\d{8}|E[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])/.exec(unlabelled);
  if (passport?.[1]) fields.passportNumber = passport[1];
  return fields;
}
