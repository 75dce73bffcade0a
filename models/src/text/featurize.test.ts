import { describe, expect, it } from 'vitest';
import { detectLanguage, featureStrings, featurize, fnv1a32, normalize, utf8Bytes } from './featurize.js';

describe('normalize', () => {
  it('folds full-width forms, case, punctuation and whitespace', () => {
    expect(normalize('ＷＩＦＩ　密码？？')).toBe('wifi 密码');
    expect(normalize("  Where's   the LIFT?! ")).toBe('wheres the lift');
    expect(normalize('房间号：１２０３，谢谢。')).toBe('房间号 1203 谢谢');
    expect(normalize('…——！')).toBe('');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['电梯在哪', 'zh'],
    ['where is the lift', 'en'],
    ['wifi密码多少', 'zh'],
    ['can I 开发票', 'en'],
    ['checkout几点', 'zh'],
    ['1203', 'en'],
    ['', 'en'],
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('fnv1a32 over UTF-8', () => {
  it('matches the published FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('hashes UTF-8 bytes exactly like Node does', () => {
    for (const s of ['电梯', 'naïve', '😀 ok', 'Ｅ４'])
      expect(utf8Bytes(s)).toEqual([...Buffer.from(s, 'utf8')]);
    expect(fnv1a32('电梯')).toBe(682628790);
  });
});

describe('featurize', () => {
  it('keeps Latin words and Han runs apart and marks the boundary between them', () => {
    expect(featureStrings(normalize('Wifi密码?'))).toEqual([
      'w:wifi',
      'c:<w',
      'c:wi',
      'c:if',
      'c:fi',
      'c:i>',
      'c:<wi',
      'c:wif',
      'c:ifi',
      'c:fi>',
      'c:<wif',
      'c:wifi',
      'c:ifi>',
      'h:密',
      'h:码',
      'h:^密',
      'h:密码',
      'h:码$',
      'h:^密码',
      'h:密码$',
      'x:wifi|密',
    ]);
  });

  it('marks the scope of a negation in English and Chinese', () => {
    expect(featureStrings(normalize('not bad at all'))).toEqual(
      expect.arrayContaining(['n:bad', 'n:at', 'n:all']),
    );
    expect(featureStrings(normalize('bad'))).not.toContain('n:bad');
    expect(featureStrings(normalize('不是很满意'))).toContain('n:不是很');
    expect(featureStrings(normalize('很满意')).some((f) => f.startsWith('n:'))).toBe(false);
  });

  it('gives stable bucket ids (a change here means the committed model must be retrained)', () => {
    const f = featurize('Wifi密码?', 1 << 15);
    expect(Array.from(f.ids)).toEqual([
      18209, 16993, 31068, 18687, 17385, 2567, 29336, 22094, 17442, 19317, 1498, 8037, 14356, 10151, 27267,
      15419, 9075, 25829, 29991, 8693, 3816,
    ]);
    expect(f.lang).toBe('zh');
  });

  it('merges repeated ids and makes the weights a mean', () => {
    const f = featurize('ha ha ha', 1 << 15);
    expect(new Set(f.ids).size).toBe(f.ids.length);
    expect(Array.from(f.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(Math.max(...f.weights)).toBeGreaterThan(Math.min(...f.weights));
  });

  it('maps digits to 0 so room numbers share features', () => {
    expect(featurize('room 1203', 1 << 15).ids).toEqual(featurize('room 4507', 1 << 15).ids);
  });

  it('is bounded for long input and never empty', () => {
    const long = featurize('a'.repeat(100_000) + ' lift', 1 << 15);
    expect(long.normalized.length).toBeLessThanOrEqual(256);
    expect(featurize('', 1 << 15).ids.length).toBe(1);
    expect(featurize('?!', 1 << 15).ids.length).toBe(1);
  });

  it('rejects an invalid bucket count', () => {
    expect(() => featurize('x', 0)).toThrow(RangeError);
  });
});
