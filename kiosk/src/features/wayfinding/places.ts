import type { KnowledgeBase, Lang, Place } from '@frontdesk/protocol';
import { normalize } from '@frontdesk/models';

/**
 * Where this kiosk stands, for "you are here" and the start of every route: the place staff set in
 * the settings, else the place of the device's registration on the server, else the knowledge base's
 * only kiosk place. Null when none of them names a place of this knowledge base.
 */
export function resolveKioskPlace(
  kb: Pick<KnowledgeBase, 'places'> | null,
  settingsPlace: string,
  registeredPlace: string | null,
): string | null {
  if (!kb) return null;
  const known = (id: string | null) => id !== null && id !== '' && kb.places.some((p) => p.id === id);
  if (known(settingsPlace)) return settingsPlace;
  if (known(registeredPlace)) return registeredPlace;
  const kiosks = kb.places.filter((p) => p.kind === 'kiosk');
  return kiosks.length === 1 ? (kiosks[0]?.id ?? null) : null;
}

/** Corridors and junctions are routing points, not destinations; neither is the kiosk itself. */
export function destinations(kb: Pick<KnowledgeBase, 'places'>, here: string | null): Place[] {
  return kb.places.filter((p) => p.kind !== 'junction' && p.kind !== 'kiosk' && p.id !== here);
}

/**
 * Places whose name (either language) or an alias contains the query, best first: a name that starts
 * with it, then one that contains it, then an alias. An empty query lists every destination by name.
 */
export function searchPlaces(
  kb: Pick<KnowledgeBase, 'places'>,
  query: string,
  lang: Lang,
  here: string | null,
): Place[] {
  const all = destinations(kb, here);
  const q = normalize(query);
  const byName = (a: Place, b: Place) =>
    a.name[lang].localeCompare(b.name[lang], lang === 'zh' ? 'zh-CN' : 'en');
  if (!q) return [...all].sort(byName);
  const scored: Array<{ place: Place; score: number }> = [];
  for (const place of all) {
    const names = [place.name.zh, place.name.en].map(normalize);
    let score = 0;
    if (names.some((n) => n.startsWith(q))) score = 3;
    else if (names.some((n) => n.includes(q))) score = 2;
    else if (place.aliases.some((a) => normalize(a).includes(q))) score = 1;
    if (score > 0) scored.push({ place, score });
  }
  return scored.sort((a, b) => b.score - a.score || byName(a.place, b.place)).map((s) => s.place);
}

/** The phone page of a route, served by the edge server (`/m/route`); no login. */
export function routeUrl(origin: string, site: string, from: string, to: string): string {
  const q = new URLSearchParams({ site, from, to });
  return `${origin}/m/route?${q.toString()}`;
}
