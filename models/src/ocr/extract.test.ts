import { describe, expect, it } from 'vitest';
import {
  checkResidentId,
  extractFaultCodes,
  extractIdFields,
  faultCodeKey,
  normaliseOcrText,
  residentIdCheckChar,
} from './extract.js';

const TODAY = new Date('2026-01-01T00:00:00Z');

describe('normaliseOcrText', () => {
  it.each([
    ['Code：E-107', 'Code:E-107'],
    ['Ｅ４　故障', 'E4 故障'],
    ['E－107', 'E-107'],
    ['E—107', 'E-107'],
    ['a  \t b', 'a b'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseOcrText(input)).toBe(expected);
  });
});

describe('extractFaultCodes', () => {
  it.each<[string, string[]]>([
    ['E4', ['E4']],
    ['F21', ['F21']],
    ['E-107', ['E-107']],
    ['故障码 E4', ['E4']],
    ['故障码E4', ['E4']],
    ['ErrorF21', ['F21']],
    ['Error F21', ['F21']],
    ['Code：E-107', ['E-107']],
    ['Code:E-107', ['E-107']],
    ['温度过高请联系维修Code：E-107', ['E-107']],
    ['E4故障ErrorF21', ['E4', 'F21']],
    ['Ｅ４', ['E4']],
    ['E－107', ['E-107']],
    ['E 4', ['E4']],
    ['err:EH', []],
    ['显示 E4，再次 E4', ['E4']],
    ['EC4 报警', ['EC4']],
    // Not codes: a passport number, a long number, a word, lower case, a code inside a longer token.
    ['E12345678', []],
    ['110101199003072818', []],
    ['Error', []],
    ['e4', []],
    ['A1203B', []],
    ['', []],
  ])('%s → %j', (text, expected) => {
    expect(extractFaultCodes(text)).toEqual(expected);
  });

  it('with known codes, returns only those, spelled as the knowledge base spells them', () => {
    expect(extractFaultCodes('E4故障ErrorF21 H3', ['E-4', 'F21'])).toEqual(['E-4', 'F21']);
    expect(extractFaultCodes('Code：E107', ['E-107'])).toEqual(['E-107']);
    expect(extractFaultCodes('Code：E-107', ['E107'])).toEqual(['E107']);
    expect(extractFaultCodes('H3', ['E4'])).toEqual([]);
  });

  it('compares codes by a canonical key', () => {
    expect(faultCodeKey('e－107')).toBe('E107');
    expect(faultCodeKey(' F 21 ')).toBe('F21');
  });
});

describe('resident ID', () => {
  it.each([
    // The standard's worked example, and the fixture card's fictional number.
    ['11010519491231002X', 'X'],
    ['110101199003072818', '8'],
    ['440304198511220532', '2'],
  ])('check character of %s is %s', (id, check) => {
    expect(residentIdCheckChar(id.slice(0, 17))).toBe(check);
  });

  it.each<[string, ReturnType<typeof checkResidentId>]>([
    [
      '11010519491231002X',
      { ok: true, id: { number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' } },
    ],
    [
      '11010519491231002x',
      { ok: true, id: { number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' } },
    ],
    [
      '110101199003072818',
      { ok: true, id: { number: '110101199003072818', birthDate: '1990-03-07', sex: 'male' } },
    ],
    ['110101199003072819', { ok: false, problem: 'checksum' }],
    ['11010119900307281', { ok: false, problem: 'format' }],
    ['010101199003072818', { ok: false, problem: 'format' }],
    // Checksums made correct, dates not: 30 February, 1899, after today.
    [`11010119900230001${residentIdCheckChar('11010119900230001')}`, { ok: false, problem: 'birth-date' }],
    [`11010118990101001${residentIdCheckChar('11010118990101001')}`, { ok: false, problem: 'birth-date' }],
    [`11010120270101001${residentIdCheckChar('11010120270101001')}`, { ok: false, problem: 'birth-date' }],
  ])('%s', (id, expected) => {
    expect(checkResidentId(id, TODAY)).toEqual(expected);
  });
});

describe('extractIdFields', () => {
  it.each<[string, string, ReturnType<typeof extractIdFields>]>([
    [
      'ID card, label and value in separate OCR lines',
      '姓名\n王小明\n性别男　民族汉\n公民身份号码\n110101199003072818',
      {
        name: '王小明',
        residentId: { number: '110101199003072818', birthDate: '1990-03-07', sex: 'male' },
      },
    ],
    [
      'ID card read as one line with spaces dropped',
      '姓名王小明性别男民族汉公民身份号码11010519491231002x',
      {
        name: '王小明',
        residentId: { number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
      },
    ],
    [
      'full-width colon and digits',
      '姓名：李四\n身份号码：１１０１０１１９９００３０７２８１８',
      {
        name: '李四',
        residentId: { number: '110101199003072818', birthDate: '1990-03-07', sex: 'male' },
      },
    ],
    [
      'number printed in groups',
      '110101 19900307 2818',
      {
        residentId: { number: '110101199003072818', birthDate: '1990-03-07', sex: 'male' },
      },
    ],
    ['minority name with a middle dot', '姓名 阿依古丽·买买提', { name: '阿依古丽·买买提' }],
    [
      'a misread ID is reported, not used',
      '公民身份号码110101199003072819',
      { rejectedResidentIds: [{ number: '110101199003072819', problem: 'checksum' }] },
    ],
    [
      'passport with English name',
      'PASSPORT\nName: ZHANG SAN\nPassport No.: E12345678',
      {
        name: 'ZHANG SAN',
        passportNumber: 'E12345678',
      },
    ],
    [
      'passport, spaces dropped',
      '护照号码E12345678\n姓名/Name张三',
      { passportNumber: 'E12345678', name: '张三' },
    ],
    ['G passport glued to its label', 'PassportNo.G12345678', { passportNumber: 'G12345678' }],
    ['newer E passport with a letter', 'No. EA1234567', { passportNumber: 'EA1234567' }],
    ['English name stops at the next label', 'Name: LI MING Sex: M', { name: 'LI MING' }],
    ['Surname is not Name', 'Surname: ZHANG', {}],
    ['not a passport: too few digits', 'E1234567', {}],
    ['nothing', '温度过高请联系维修Code:E-107', {}],
  ])('%s', (_label, text, expected) => {
    expect(extractIdFields(text, TODAY)).toEqual(expected);
  });
});
