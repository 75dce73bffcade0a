import { describe, expect, it } from 'vitest';
import { prepareSpeech, splitSentences } from './split.js';

describe('splitSentences', () => {
  it('splits Mandarin after 。！？；', () => {
    expect(splitSentences('您好！早餐在二楼。需要帮忙吗？好的；再见', 'zh')).toEqual([
      '您好！',
      '早餐在二楼。',
      '需要帮忙吗？',
      '好的；',
      '再见',
    ]);
  });

  it('splits English after . ! ? followed by a space, not inside numbers or abbreviations', () => {
    expect(splitSentences('Hello! It is 3.5 km away. Ask Dr. Li at the desk? Yes.', 'en')).toEqual([
      'Hello!',
      'It is 3.5 km away.',
      'Ask Dr. Li at the desk?',
      'Yes.',
    ]);
  });

  it('splits at line breaks and drops pieces with nothing to say', () => {
    expect(splitSentences('第一行\n\n……\n第二行', 'zh')).toEqual(['第一行', '第二行']);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(splitSentences('请说“转人工。”然后等待。', 'zh')).toEqual(['请说“转人工。”', '然后等待。']);
  });

  it('cuts a long sentence at its last comma before the limit', () => {
    const long = '早餐在二楼餐厅供应，午餐和晚餐在一楼，酒吧在顶楼，健身房在三楼，游泳池在四楼。';
    const pieces = splitSentences(long, 'zh', { maxChars: 20 });
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(20);
    expect(pieces.join('')).toBe(long);
    expect(pieces[0]).toBe('早餐在二楼餐厅供应，午餐和晚餐在一楼，');
  });

  it('cuts at a space when there is no comma', () => {
    const pieces = splitSentences('one two three four five six seven eight nine ten', 'en', { maxChars: 20 });
    expect(pieces).toEqual(['one two three four', 'five six seven eight', 'nine ten']);
  });
});

describe('prepareSpeech', () => {
  it('normalises then splits a typical answer', () => {
    expect(prepareSpeech('早餐时间 7:00-10:30。WiFi 密码：yq8。', 'zh')).toEqual([
      '早餐时间 七点到十点半。',
      'WiFi 密码: y，q，八。',
    ]);
    expect(prepareSpeech('Breakfast is 7:00-10:30. Room 1208 is ready.', 'en')).toEqual([
      'Breakfast is seven to ten thirty.',
      'Room one two oh eight is ready.',
    ]);
  });

  it('returns nothing for text with nothing to say', () => {
    expect(prepareSpeech(' …… ', 'zh')).toEqual([]);
  });
});
