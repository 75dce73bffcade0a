import { describe, expect, it } from 'vitest';
import { maskPersonalData, maskText, redactUrl } from './privacy.js';

describe('maskText', () => {
  const masked: [string, string, string][] = [
    ['resident ID', '110101199003071234', '1101**********1234'],
    ['resident ID ending in X', '11010119900307123X', '1101**********123X'],
    ['resident ID, lower-case x', '11010119900307123x', '1101**********123x'],
    [
      'resident ID in a sentence',
      '我的身份证号是110101199003071234，谢谢',
      '我的身份证号是1101**********1234，谢谢',
    ],
    ['passport', 'E12345678', 'E1******8'],
    ['two-letter passport', 'passport EA1234567 please', 'passport EA******7 please'],
    ['mobile', '13812345678', '138****5678'],
    ['mobile in Chinese text', '请打13812345678联系我', '请打138****5678联系我'],
    ['mobile with +86', 'call +8613912345678.', 'call +86139****5678.'],
    // The separators stay where they were (they used to be dropped: `+86 139****5678`).
    ['mobile with +86 and spaces', '+86 139 1234 5678', '+86 139 **** 5678'],
    ['mobile with dashes', '138-1234-5678', '138-****-5678'],
    ['international', 'UK: +44 20 7946 0958', 'UK: +44 ** **** **58'],
    ['international, compact', '+14155550123', '+14*******23'],
    [
      'several in one string',
      'ID 110101199003071234 tel 15012345678',
      'ID 1101**********1234 tel 150****5678',
    ],
    // Letters glued to a number do not hide it (this one used to be kept).
    ['digits glued to letters', 'sn13812345678x', 'sn138****5678x'],
  ];
  it.each(masked)('masks a %s', (_n, input, expected) => {
    expect(maskText(input)).toBe(expected);
  });

  const kept: [string, string][] = [
    ['a room number', 'room 1203 has no hot water'],
    ['a 6-digit booking code', 'booking 835201'],
    ['a 13-digit timestamp in text', 'at 1732245054000'],
    ['a 10-digit timestamp', 'ts=1732245054'],
    ['an 11-digit number not starting 13-19', '12012345678'],
    ['an order number longer than a mobile', '138123456789012'],
    ['a 19-digit number (not an ID)', '1101011990030712345'],
    ['a fault code', 'display shows E4 then F21'],
    ['a short letter+digits code', 'voucher AB123456'],
    ['a date and time', '2026-11-22 05:10'],
    ['a price', '¥1388.00'],
  ];
  it.each(kept)('keeps %s', (_n, input) => {
    expect(maskText(input)).toBe(input);
  });
});

// What was found on the running server: every way a number got past the old patterns.
describe('maskText: numbers however they are written', () => {
  const forms: [string, string, string][] = [
    ['an ID in 6-8-4 groups', '110105 19491231 002X', '1101** ******** 002X'],
    ['an ID with hyphens', '440304-19900708-4564', '4403**-********-4564'],
    ['an ID glued to letters', 'ID510107201805207895', 'ID5101**********7895'],
    ['an ID in full-width digits', '１１０１０５１９４９１２３１００２Ｘ', '１１０１**********００２Ｘ'],
    ['a mobile in full-width digits', '１３９１２３４５６７８', '１３９****５６７８'],
    ['a mobile with dots', '135.1234.5678', '135.****.5678'],
    ['a mobile glued to letters', 'tel15812345678', 'tel158****5678'],
    ['a mobile split by U+200B', '139\u200b1234\u200b5678', '139\u200b****\u200b5678'],
    ['a mobile split by U+200C', '1391\u200c2345678', '139*\u200c***5678'],
    ['a mobile split by U+200D', '13912345\u200d678', '139****5\u200d678'],
    ['a mobile split by U+2060', '139\u20601234\u20605678', '139\u2060****\u20605678'],
    ['a mobile split by U+FEFF', '1\ufeff3912345678', '1\ufeff39****5678'],
    ['an ID split by zero-width characters', '1101\u200b0519491231002X', '1101\u200b**********002X'],
    ['an ID with an ideographic space', '110105\u300019491231002X', '1101**\u3000********002X'],
    ['a mobile after +86 with a full-width plus', '＋86 13912345678', '＋86 139****5678'],
    ['a mobile after 0086', '008613912345678', '0086139****5678'],
    ['two mobiles separated by a space', '13812345678 13912345678', '138****5678 139****5678'],
    ['a passport in full-width letters', 'Ｅ１２３４５６７８', 'Ｅ１******８'],
    ['a mobile in a staff id', 'staff:13912345678', 'staff:139****5678'],
  ];
  it.each(forms)('masks %s', (_n, input, expected) => {
    expect(maskText(input)).toBe(expected);
  });

  const nearMisses: [string, string][] = [
    ['a room number', 'room 1203'],
    ['a booking reference', 'booking YQ2026A1'],
    ['6-digit codes side by side', 'codes 835201 835202'],
    ['an ISO date and time', '2026-12-06T02:37:14.123Z'],
    ['a date with dots', '2026.12.06'],
    // 13 digits: not a mobile (11) nor an ID (18), so a timestamp in a string stays readable.
    ['epoch milliseconds in a string', 'at=1733452634123'],
    ['epoch milliseconds with a hyphen', 'esc-1733452634123'],
    ['a SHA-256 with a mobile-like run', 'photo:9f2c13812345678ab3e1'],
    ['a UUID', '1f0e8d2a-1381-4234-8567-131234567890'],
    ['a room and a time', 'room 1203 at 13:45'],
    ['an 11-digit run not starting 13-19 with separators', '120 1234 5678'],
  ];
  it.each(nearMisses)('keeps %s', (_n, input) => {
    expect(maskText(input)).toBe(input);
  });
});

describe('maskPersonalData', () => {
  it('deep-copies objects and arrays, masking only strings', () => {
    const input = {
      at: 1732245054000,
      room: 1203,
      ok: true,
      none: null,
      guest: { phone: '13812345678', idNumber: '110101199003071234', tags: ['vip', 'tel 13912345678'] },
      13812345678: 'key is kept',
    };
    const out = maskPersonalData(input);
    expect(out).toEqual({
      at: 1732245054000,
      room: 1203,
      ok: true,
      none: null,
      guest: { phone: '138****5678', idNumber: '1101**********1234', tags: ['vip', 'tel 139****5678'] },
      13812345678: 'key is kept',
    });
    expect(out).not.toBe(input);
    expect(out.guest).not.toBe(input.guest);
    expect(input.guest.phone).toBe('13812345678');
  });

  it('handles plain values and cycles', () => {
    expect(maskPersonalData('E12345678')).toBe('E1******8');
    expect(maskPersonalData(42)).toBe(42);
    expect(maskPersonalData(undefined)).toBeUndefined();
    const a: { self?: unknown; tel: string } = { tel: '13812345678' };
    a.self = a;
    const out = maskPersonalData(a);
    expect(out.tel).toBe('138****5678');
    expect(out.self).toBe(out);
  });

  it('leaves non-plain objects alone', () => {
    const d = new Date(0);
    expect(maskPersonalData({ d }).d).toBe(d);
  });
});

describe('redactUrl', () => {
  it.each([
    ['a handover code', '/m/continue?h=Zk3v9QeR2mT8xLw5pN7aYc', '/m/continue?h=[redacted]'],
    [
      'a code among other parameters',
      '/m/continue?lang=en&h=abc&x=1',
      '/m/continue?lang=en&h=[redacted]&x=1',
    ],
    ['a kiosk secret', '/kiosk/?device=k1&secret=s3cr3t', '/kiosk/?device=k1&secret=[redacted]'],
    ['an encoded parameter name', '/x?%68=abc', '/x?%68=[redacted]'],
    ['a repeated parameter', '/x?h=a&h=b', '/x?h=[redacted]&h=[redacted]'],
    ['a phone number in a query', '/m/route?from=13812345678', '/m/route?from=138****5678'],
    ['a path without a query', '/healthz', '/healthz'],
    ['a name without a value', '/x?h&y=1', '/x?h&y=1'],
  ])('%s', (_n, url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
