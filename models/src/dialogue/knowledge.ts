/**
 * What the dialogue policy needs to know about a site. The edge server's knowledge base is adapted to
 * this interface; nothing here depends on the server.
 */
import type { Intent, Lang, SiteKind } from '../taxonomy.js';
import type { Place } from '../slots/slots.js';

export interface KnowledgeView {
  /** The site's answer for an intent in a language, or null when the site has none. */
  answer(intent: Intent, lang: Lang): string | null;
  /** A place's own answer (where it is, hours), e.g. the pool for "what about the pool?". */
  placeAnswer(placeId: string, lang: Lang): string | null;
  readonly places: readonly Place[];
  readonly site?: SiteKind;
}

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface KnowledgeData {
  readonly site?: SiteKind;
  readonly answers: Readonly<Partial<Record<Intent, Bilingual>>>;
  readonly places: ReadonlyArray<Place & { readonly answer?: Bilingual }>;
}

/** A KnowledgeView over plain data (the default demo file, fixtures in tests). */
export function knowledgeFromData(data: KnowledgeData): KnowledgeView {
  const places = new Map(data.places.map((p) => [p.id, p]));
  return {
    site: data.site,
    places: data.places,
    answer: (intent, lang) => data.answers[intent]?.[lang] ?? null,
    placeAnswer: (placeId, lang) => places.get(placeId)?.answer?.[lang] ?? null,
  };
}
