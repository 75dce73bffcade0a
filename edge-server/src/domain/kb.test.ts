import { describe, expect, it } from 'vitest';
import { validateKnowledgeBase } from './kb.js';
import { smallKb } from './test-fixtures.js';

describe('validateKnowledgeBase', () => {
  const kb = smallKb();

  it('a valid knowledge base has no problems', () => {
    expect(validateKnowledgeBase(kb)).toEqual([]);
  });

  it('finds duplicate floor and place ids', () => {
    const f = kb.floors[0];
    const p = kb.places[2];
    if (!f || !p) throw new Error('fixture');
    expect(validateKnowledgeBase({ ...kb, floors: [...kb.floors, f], places: [...kb.places, p] })).toEqual([
      'duplicate floor id "f1"',
      'duplicate place id "desk"',
    ]);
  });

  it('finds places on unknown floors', () => {
    const places = kb.places.map((p) => (p.id === 'desk' ? { ...p, floor: 'f9' } : p));
    expect(validateKnowledgeBase({ ...kb, places })).toEqual([
      'place "desk" is on unknown floor "f9"',
      // The walk to it now crosses floors too.
      'edge #2 (kiosk1 → desk, walk) is a walk but changes floor (f1 → f9)',
    ]);
  });

  it('finds edges to unknown places', () => {
    const problems = validateKnowledgeBase({
      ...kb,
      edges: [...kb.edges, { from: 'desk', to: 'spa', via: 'walk', costM: 3 }],
    });
    expect(problems).toEqual(['edge #10 (desk → spa, walk) ends at unknown place "spa"']);
  });

  it('finds lifts that stay on a floor and walks that change floor', () => {
    const problems = validateKnowledgeBase({
      ...kb,
      edges: [
        ...kb.edges,
        { from: 'desk', to: 'lift1', via: 'lift', costM: 3 },
        { from: 'desk', to: 'room201', via: 'walk', costM: 3 },
      ],
    });
    expect(problems).toEqual([
      'edge #10 (desk → lift1, lift) is a lift but stays on floor f1',
      'edge #11 (desk → room201, walk) is a walk but changes floor (f1 → f2)',
    ]);
  });

  it('finds places unreachable from the first kiosk or entrance', () => {
    const edges = kb.edges.filter((e) => e.to !== 'room201');
    expect(validateKnowledgeBase({ ...kb, edges })).toEqual([
      'place "room201" cannot be reached from "entrance"',
    ]);
    const noOrigin = kb.places.filter((p) => p.kind !== 'kiosk' && p.kind !== 'entrance');
    const noOriginEdges = kb.edges.filter((e) => e.from !== 'entrance' && e.from !== 'kiosk1');
    expect(validateKnowledgeBase({ ...kb, places: noOrigin, edges: noOriginEdges })).toContain(
      'no kiosk or entrance place to route from',
    );
  });

  it('finds duplicate fault codes, also when written differently', () => {
    const fc = kb.faultCodes[0];
    if (!fc) throw new Error('fixture');
    expect(validateKnowledgeBase({ ...kb, faultCodes: [...kb.faultCodes, { ...fc, code: 'E-4' }] })).toEqual([
      'duplicate fault code "E4"',
    ]);
  });

  it('finds FAQ entries and routing rules for the other kind of site', () => {
    const problems = validateKnowledgeBase({
      ...kb,
      faq: [...kb.faq, { intent: 'hospital.pharmacy', answer: { zh: '药房', en: 'Pharmacy' } }],
      routing: [{ when: { intent: 'hospital.triage' }, skill: 'nursing' }],
    });
    expect(problems).toEqual([
      'faq intent "hospital.pharmacy" does not belong in a hotel',
      'routing rule #1 intent "hospital.triage" does not belong in a hotel',
    ]);
    const hospital = {
      ...kb,
      kind: 'hospital' as const,
      faq: [{ intent: 'hotel.breakfast' as const, answer: { zh: '早餐', en: 'Breakfast' } }],
    };
    expect(validateKnowledgeBase(hospital)).toEqual([
      'faq intent "hotel.breakfast" does not belong in a hospital',
    ]);
  });

  it('finds duplicate FAQ entries for the same intent and topic', () => {
    const answer = { zh: '答', en: 'A' };
    const problems = validateKnowledgeBase({
      ...kb,
      faq: [
        ...kb.faq,
        { intent: 'wifi', answer },
        { intent: 'hotel.facilities', topic: 'pool', answer },
        { intent: 'hotel.facilities', topic: 'gym', answer },
        { intent: 'hotel.facilities', topic: 'pool', answer },
      ],
    });
    expect(problems).toEqual([
      'duplicate faq entry for "wifi"',
      'duplicate faq entry for "hotel.facilities / pool"',
    ]);
  });

  it('an empty knowledge base is valid', () => {
    expect(
      validateKnowledgeBase({ ...kb, floors: [], places: [], edges: [], faultCodes: [], faq: [] }),
    ).toEqual([]);
  });
});
