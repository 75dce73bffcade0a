import { describe, expect, it } from 'vitest';
import { classifyFault } from './classify.js';

describe('classifyFault', () => {
  it.each([
    ['浴室水龙头一直漏水', 'plumbing'],
    ['The toilet will not flush', 'plumbing'],
    ['房间停电了，插座没电', 'electrical'],
    ['The bedside lamp does not work', 'electrical'],
    ['空调不制冷，太热了', 'hvac'],
    ['The air conditioning is blowing warm air', 'hvac'],
    ['电视打不开', 'appliance'],
    ['The kettle shows E4', 'appliance'],
    ['wifi连不上', 'network'],
    ['No internet in my room', 'network'],
    ['衣柜的门掉了', 'furniture'],
    ['The curtains are stuck', 'furniture'],
  ] as const)('%s → %s', (text, category) => {
    const guess = classifyFault(text);
    expect(guess.category).toBe(category);
    expect(guess.confidence).toBeGreaterThan(0.5);
    expect(guess.matched.length).toBeGreaterThan(0);
  });

  it('other, with no confidence, when nothing matches', () => {
    expect(classifyFault('有个问题')).toEqual({ category: 'other', confidence: 0, matched: [] });
    expect(classifyFault('')).toEqual({ category: 'other', confidence: 0, matched: [] });
  });

  it('English keywords are whole words ("tap" is not in "laptop"); full-width text is folded', () => {
    expect(classifyFault('my laptop').category).toBe('other');
    expect(classifyFault('ＴＶ is broken').category).toBe('appliance');
  });

  it('a mixed description goes to the stronger category, with a lower confidence', () => {
    const guess = classifyFault('空调漏水，水滴到地上');
    expect(['hvac', 'plumbing']).toContain(guess.category);
    expect(guess.confidence).toBeLessThan(1);
  });
});
