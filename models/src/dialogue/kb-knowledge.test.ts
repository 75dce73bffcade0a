import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knowledgeBaseSchema } from '@frontdesk/protocol';
import { matchPlace } from '../slots/slots.js';
import { knowledgeFromKb } from './kb-knowledge.js';

const kb = knowledgeBaseSchema.parse({
  ...JSON.parse(readFileSync(new URL('../../../edge-server/demo/kb/hotel.json', import.meta.url), 'utf8')),
  version: 1,
  updatedAt: 0,
});
const view = knowledgeFromKb(kb);
const faq = (intent: string, topic?: string) => kb.faq.find((f) => f.intent === intent && f.topic === topic)!;

describe('knowledgeFromKb', () => {
  it('answers an intent with its general entry, not a topic one', () => {
    expect(view.site).toBe('hotel');
    expect(view.answer('parking', 'en')).toBe(faq('parking').answer.en);
    expect(view.answer('hotel.facilities', 'zh')).toBe(faq('hotel.facilities').answer.zh);
    expect(view.answer('hospital.payment', 'zh')).toBeNull();
  });

  it('answers for a place from the FAQ topic that names it, else says where it is', () => {
    expect(view.placeAnswer('h-pool', 'en')).toBe(faq('hotel.facilities', 'pool').answer.en);
    expect(view.placeAnswer('h-business-centre', 'zh')).toBe(
      faq('hotel.facilities', 'business_centre').answer.zh,
    );
    expect(view.placeAnswer('h-atm', 'zh')).toBe('自动取款机在1F 大堂。');
    expect(view.placeAnswer('h-atm', 'en')).toMatch(/ is on 1F Lobby\.$/);
    expect(view.placeAnswer('nowhere', 'en')).toBeNull();
  });

  it('offers places by name and alias in both languages, without corridor junctions', () => {
    expect(view.places.some((p) => p.id.startsWith('h-j-'))).toBe(false);
    expect(matchPlace('where is the swimming pool', view.places)?.id).toBe('h-pool');
    expect(matchPlace('洗手间在哪', view.places)?.id).toMatch(/^h-toilets/);
  });
});
