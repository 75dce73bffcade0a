import { describe, expect, it } from 'vitest';
import { escalation, hotelKb, T0 } from '../../../test/fixtures.js';
import { suggestAnswers } from './suggestions.js';

const kb = hotelKb();
const wifiZh = kb.faq.find((f) => f.intent === 'wifi' && !f.topic)!.answer.zh;

describe('suggested answers from the knowledge base', () => {
  it("answers the guest's recognised intent in the guest's language, scored by the classifier's confidence", () => {
    const e = escalation({
      transcript: [{ role: 'guest', text: 'wifi密码是多少', at: T0, intent: 'wifi', confidence: 0.82 }],
      intents: ['wifi', 'human_agent'],
    });
    const [first] = suggestAnswers(kb, { escalation: e, lastGuestText: null, lang: 'zh' });
    expect(first).toEqual({ key: 'wifi', text: wifiZh, score: 0.82 });
    const en = suggestAnswers(kb, { escalation: e, lastGuestText: null, lang: 'en' });
    expect(en[0]?.text).toBe(kb.faq.find((f) => f.intent === 'wifi' && !f.topic)!.answer.en);
  });

  it('a place named in the latest chat line comes first (the same place matcher as the kiosk)', () => {
    const e = escalation({ intents: ['hotel.breakfast'] });
    const out = suggestAnswers(kb, { escalation: e, lastGuestText: '游泳池在哪里？', lang: 'zh' });
    expect(out[0]).toMatchObject({ key: 'place:h-pool', score: 0.9 });
    expect(out[0]!.text).toBe(kb.faq.find((f) => f.topic === 'pool')!.answer.zh);
    expect(out.map((s) => s.key)).toContain('hotel.breakfast');
  });

  it('never offers the canned lines for asking for a person or greetings, and nothing without a KB', () => {
    const e = escalation({ intents: ['human_agent', 'greeting'], intent: 'human_agent' });
    expect(suggestAnswers(kb, { escalation: e, lastGuestText: null, lang: 'zh' })).toEqual([]);
    expect(suggestAnswers(null, { escalation: escalation(), lastGuestText: 'wifi', lang: 'zh' })).toEqual([]);
  });

  it('keeps at most `limit`, best first, one per distinct answer', () => {
    const e = escalation({ intents: ['wifi', 'parking', 'hotel.breakfast', 'hotel.checkout'] });
    const out = suggestAnswers(kb, { escalation: e, lastGuestText: null, lang: 'zh' }, 2);
    expect(out).toHaveLength(2);
    expect(new Set(out.map((s) => s.text)).size).toBe(2);
  });
});
