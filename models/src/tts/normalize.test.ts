import { describe, expect, it } from 'vitest';
import { normalizeForSpeech, spellOut, zhTime, enTime } from './normalize.js';
import { enCardinal, enDigits, zhCardinal, zhDigits } from './numbers.js';

describe('numbers', () => {
  it.each([
    [0, '零'],
    [7, '七'],
    [10, '十'],
    [15, '十五'],
    [20, '二十'],
    [110, '一百一十'],
    [1005, '一千零五'],
    [1208, '一千二百零八'],
    [20000, '二万'],
    [10005, '一万零五'],
    [100000, '十万'],
    [3040500, '三百零四万零五百'],
  ])('zh %i → %s', (n, words) => expect(zhCardinal(n)).toBe(words));

  it.each([
    [0, 'zero'],
    [13, 'thirteen'],
    [42, 'forty-two'],
    [100, 'one hundred'],
    [1005, 'one thousand five'],
    [2024, 'two thousand twenty-four'],
    [1_000_000, 'one million'],
  ])('en %i → %s', (n, words) => expect(enCardinal(n)).toBe(words));

  it('reads digit strings one by one', () => {
    expect(zhDigits('1208')).toBe('幺二零八');
    expect(enDigits('1208')).toBe('one two oh eight');
  });
});

describe('times', () => {
  it('zh', () => {
    expect(zhTime(7, 0)).toBe('七点');
    expect(zhTime(10, 30)).toBe('十点半');
    expect(zhTime(2, 0)).toBe('两点');
    expect(zhTime(7, 5)).toBe('七点零五分');
    expect(zhTime(14, 15)).toBe('十四点十五分');
  });
  it('en', () => {
    expect(enTime(7, 0)).toBe("seven o'clock");
    expect(enTime(7, 0, true)).toBe('seven');
    expect(enTime(10, 30)).toBe('ten thirty');
    expect(enTime(10, 5)).toBe('ten oh five');
    expect(enTime(14, 0)).toBe('two p m');
    expect(enTime(0, 30)).toBe('twelve thirty a m');
  });
});

describe('normalizeForSpeech, zh', () => {
  it.each([
    ['早餐时间 7:00-10:30', '早餐时间 七点到十点半'],
    ['早餐 6:30～9:00，午餐 11:30至14:00', '早餐 六点半到九点,午餐 十一点半到十四点'],
    ['退房时间是 12:00。', '退房时间是 十二点。'],
    ['您的房间是1208房间', '您的房间是幺二零八房间'],
    ['房间 808 在 8F', '房间八零八 在 八楼'],
    ['停车场在B2', '停车场在负二楼'],
    ['电话 0571-8888-1234', '电话 零五七幺，八八八八，幺二三四'],
    ['每晚¥398', '每晚三百九十八元'],
    ['打九折即 90%', '打九折即 百分之九十'],
    ['2024年开业，共120间客房', '二零二四年开业,共一百二十间客房'],
    ['体温超过38.5度', '体温超过三十八点五度'],
    ['CT 报告 1–2 个工作日', 'CT 报告 一到二 个工作日'],
    ['保管 3 个月', '保管 三 个月'],
    ['空调显示 E4 或 E-107', '空调显示 E四 或 E幺零七'],
    ['体温 38.5°C', '体温 三十八点五摄氏度'],
  ])('%s', (text, spoken) => expect(normalizeForSpeech(text, 'zh')).toBe(spoken));

  it('spells a Wi-Fi password character by character, and leaves its digits as characters', () => {
    expect(normalizeForSpeech('WiFi 密码：Yunqi2024。', 'zh')).toBe(
      'WiFi 密码: 大写 Y，u，n，q，i，二，零，二，四。',
    );
    expect(normalizeForSpeech('密码是 a-8_8', 'zh')).toBe('密码是 a，横杠，八，下划线，八');
  });
});

describe('normalizeForSpeech, en', () => {
  it.each([
    ['Breakfast is served 7:00-10:30.', 'Breakfast is served seven to ten thirty.'],
    ['Checkout is at 12:00.', "Checkout is at twelve o'clock."],
    ['The pool opens 6:30 to 22:00', 'The pool opens six thirty to ten p m'],
    ['Your room is Room 1208 on 12F.', 'Your room is Room one two oh eight on floor twelve.'],
    ['Parking is on B1', 'Parking is on basement one'],
    ['Call 0571-8888-1234.', 'Call oh five seven one, eight eight eight eight, one two three four.'],
    ['It costs ¥398 a night', 'It costs three hundred ninety-eight yuan a night'],
    ['on the 2nd floor, the 21st room', 'on the second floor, the twenty-first room'],
    ['Fault E4 means a blocked filter', 'Fault E four means a blocked filter'],
    ['A fever over 38.5 degrees', 'A fever over thirty-eight point five degrees'],
    ['Open 24 hours', 'Open twenty-four hours'],
    ['CT reports take 1–2 working days', 'CT reports take one to two working days'],
    ['max height 2.1 m, ¥1.5 per kWh', 'max height two point one metres, one point five yuan per kWh'],
    ['a fever of 38.5°C', 'a fever of thirty-eight point five degrees Celsius'],
    ['Welcome to City No.1 Hospital', 'Welcome to City number one Hospital'],
    ['fault E-107 on unit 3', 'fault E one oh seven on unit three'],
  ])('%s', (text, spoken) => expect(normalizeForSpeech(text, 'en')).toBe(spoken));

  it('spells a Wi-Fi password with letter names and capitals', () => {
    expect(normalizeForSpeech('The Wi-Fi password is Yunqi2024.', 'en')).toBe(
      'The wifi password is capital why, you, en, cue, eye, two, oh, two, four.',
    );
    expect(normalizeForSpeech('password: ab@c', 'en')).toBe('password: ay, bee, at, see');
  });

  it('does not spell an ordinary word after "code"', () => {
    expect(normalizeForSpeech('the fault code appears', 'en')).toBe('the fault code appears');
  });
});

describe('spellOut', () => {
  it('names symbols in each language', () => {
    expect(spellOut('A.1', 'zh')).toBe('大写 A，点，一');
    expect(spellOut('A.1', 'en')).toBe('capital ay, dot, one');
  });
});
