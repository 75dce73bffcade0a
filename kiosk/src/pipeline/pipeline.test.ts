import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '@frontdesk/protocol';
import { decide } from './dialogue.js';
import { KeywordIntentModel } from './keyword-intent-model.js';

const kb: KnowledgeBase = {
  site: 'grand-hotel',
  kind: 'hotel',
  name: { zh: '云栖酒店', en: 'Yunqi Hotel' },
  version: 1,
  updatedAt: 0,
  faq: [
    { intent: 'wifi', answer: { zh: 'Wi-Fi 密码 yunqi2026', en: 'Wi-Fi password yunqi2026' } },
    { intent: 'parking', answer: { zh: '停车场在 B1', en: 'The car park is on B1' } },
    { intent: 'parking', topic: 'ev_charging', answer: { zh: '充电桩在 B1 西南角', en: 'EV bays on B1' } },
    { intent: 'hotel.breakfast', answer: { zh: '早餐 06:30', en: 'Breakfast 06:30' } },
    { intent: 'human_agent', answer: { zh: '马上联系工作人员', en: 'Contacting staff' } },
  ],
  floors: [],
  places: [],
  edges: [],
  faultCodes: [],
  routing: [],
};

const model = new KeywordIntentModel();

async function reply(text: string, lang: 'zh' | 'en' = 'zh', unansweredStreak = 0) {
  return decide({ ranked: await model.classify(text, lang), kb, lang, unansweredStreak });
}

// Golden utterances of the keyword stand-in: what it must keep understanding until the real model
// of models/ replaces it.
describe('KeywordIntentModel + dialogue policy', () => {
  it.each([
    ['wifi密码多少', 'zh', 'wifi', 'Wi-Fi 密码 yunqi2026'],
    ['where can I park', 'en', 'parking', 'The car park is on B1'],
    ['哪里有充电桩', 'zh', 'parking', '充电桩在 B1 西南角'],
    ['What time is breakfast?', 'en', 'hotel.breakfast', 'Breakfast 06:30'],
  ] as const)('answers %s from the knowledge base', async (text, lang, intent, answer) => {
    expect(await reply(text, lang)).toMatchObject({ kind: 'answer', intent, text: answer });
  });

  it('escalates when the guest asks for a person, with the FAQ line to say meanwhile', async () => {
    expect(await reply('我要转人工')).toEqual({
      kind: 'escalate',
      trigger: 'asked_for_person',
      intent: 'human_agent',
      text: '马上联系工作人员',
    });
  });

  it('escalates an emergency at once, even without a FAQ entry for it', async () => {
    expect(await reply('救命 有人晕倒了')).toMatchObject({ kind: 'escalate', trigger: 'emergency' });
  });

  it('asks which one when two answers are equally likely', async () => {
    expect(await reply('breakfast or parking', 'en')).toEqual({
      kind: 'clarify',
      options: ['parking', 'hotel.breakfast'],
    });
  });

  it('admits not knowing, and hands over to a person on the third miss in a row', async () => {
    expect(await reply('今天天气怎么样')).toEqual({ kind: 'no_answer' });
    expect(await reply('今天天气怎么样', 'zh', 1)).toEqual({ kind: 'no_answer' });
    expect(await reply('今天天气怎么样', 'zh', 2)).toEqual({ kind: 'escalate', trigger: 'no_answer' });
  });

  it('does not answer from a knowledge base it does not have', async () => {
    const r = decide({
      ranked: await model.classify('wifi', 'en'),
      kb: null,
      lang: 'en',
      unansweredStreak: 0,
    });
    expect(r).toEqual({ kind: 'no_answer', intent: 'wifi' });
  });
});
