/**
 * The KnowledgeView over a site's synced knowledge base (`@frontdesk/protocol`'s KnowledgeBase): the
 * one adapter the kiosk and the edge server share, so both answer the same question the same way.
 */
import type { KnowledgeBase } from '@frontdesk/protocol';
import type { Intent, Lang } from '../taxonomy.js';
import type { Place } from '../slots/slots.js';
import type { KnowledgeView } from './knowledge.js';

/** Places a guest would ask for by name; corridors' junctions and the kiosk itself are not destinations. */
const NOT_DESTINATIONS: ReadonlySet<string> = new Set(['junction']);

/** A FAQ topic names a place by its id without the site prefix: topic `pool` is place `h-pool`. */
function topicKey(value: string): string {
  return value.toLowerCase().replace(/-/g, '_');
}

const WHERE: Record<Lang, (name: string, floor: string) => string> = {
  zh: (name, floor) => `${name}在${floor}。`,
  en: (name, floor) => `The ${name} is on ${floor}.`,
};

export function knowledgeFromKb(kb: KnowledgeBase): KnowledgeView {
  const places: Place[] = kb.places
    .filter((p) => !NOT_DESTINATIONS.has(p.kind))
    .map((p) => ({ id: p.id, names: [p.name.zh, p.name.en, ...p.aliases] }));
  const byId = new Map(kb.places.map((p) => [p.id, p]));
  const floors = new Map(kb.floors.map((f) => [f.id, f]));
  const general = (intent: Intent) =>
    kb.faq.find((f) => f.intent === intent && f.topic === undefined) ??
    kb.faq.find((f) => f.intent === intent);
  const byTopic = (placeId: string) => {
    const id = topicKey(placeId);
    return kb.faq.find((f) => {
      if (f.topic === undefined) return false;
      const topic = topicKey(f.topic);
      return id === topic || id.endsWith(`_${topic}`);
    });
  };
  return {
    site: kb.kind,
    places,
    answer: (intent, lang) => general(intent)?.answer[lang] ?? null,
    placeAnswer: (placeId, lang) => {
      const faq = byTopic(placeId);
      if (faq) return faq.answer[lang];
      const place = byId.get(placeId);
      if (!place) return null;
      const floor = floors.get(place.floor);
      const name = lang === 'zh' ? place.name.zh : place.name.en;
      return WHERE[lang](name, floor ? floor.name[lang] : place.floor);
    },
  };
}
