import { HOSPITAL_INTENTS, HOTEL_INTENTS, type IntentId, type KnowledgeBaseInput } from '@frontdesk/protocol';
import { distancesFrom } from '@frontdesk/wayfinding';

const HOTEL_ONLY = new Set<string>(HOTEL_INTENTS);
const HOSPITAL_ONLY = new Set<string>(HOSPITAL_INTENTS);

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dups.add(v);
    seen.add(v);
  }
  return [...dups];
}

// OCR reads "E4" whatever the display shows ("E-4", "e4"), so codes that differ only so collide.
function normalizeFaultCode(code: string): string {
  return code.toUpperCase().replace(/-/g, '');
}

/**
 * Problems an administrator must fix before a knowledge base is published, in readable English;
 * empty when it is valid. The zod schema checks each field; this checks how they fit together.
 */
export function validateKnowledgeBase(kb: KnowledgeBaseInput): string[] {
  const problems: string[] = [];
  for (const id of duplicates(kb.floors.map((f) => f.id))) problems.push(`duplicate floor id "${id}"`);
  for (const id of duplicates(kb.places.map((p) => p.id))) problems.push(`duplicate place id "${id}"`);
  for (const id of duplicates((kb.quickReplies ?? []).map((q) => q.id)))
    problems.push(`duplicate quick reply id "${id}"`);

  const floors = new Set(kb.floors.map((f) => f.id));
  const floorOf = new Map<string, string>();
  for (const p of kb.places) {
    floorOf.set(p.id, p.floor);
    if (!floors.has(p.floor)) problems.push(`place "${p.id}" is on unknown floor "${p.floor}"`);
  }

  for (const [i, e] of kb.edges.entries()) {
    const name = `edge #${i + 1} (${e.from} → ${e.to}, ${e.via})`;
    const a = floorOf.get(e.from);
    const b = floorOf.get(e.to);
    if (a === undefined) problems.push(`${name} starts at unknown place "${e.from}"`);
    if (b === undefined) problems.push(`${name} ends at unknown place "${e.to}"`);
    if (a === undefined || b === undefined) continue;
    if (e.via === 'walk' && a !== b) problems.push(`${name} is a walk but changes floor (${a} → ${b})`);
    if (e.via !== 'walk' && a === b) problems.push(`${name} is a ${e.via} but stays on floor ${a}`);
  }

  const origin = kb.places.find((p) => p.kind === 'kiosk' || p.kind === 'entrance');
  if (origin) {
    const reached = distancesFrom(kb, origin.id);
    for (const p of kb.places) {
      if (!reached.has(p.id)) problems.push(`place "${p.id}" cannot be reached from "${origin.id}"`);
    }
  } else if (kb.places.length > 0) {
    problems.push('no kiosk or entrance place to route from');
  }

  for (const code of duplicates(kb.faultCodes.map((f) => normalizeFaultCode(f.code)))) {
    problems.push(`duplicate fault code "${code}"`);
  }

  // The kiosk answers by intent (and topic): two entries for the same pair would make it pick at random.
  for (const key of duplicates(
    kb.faq.map((f) => `${f.intent}${f.topic === undefined ? '' : ` / ${f.topic}`}`),
  )) {
    problems.push(`duplicate faq entry for "${key}"`);
  }

  const foreign = kb.kind === 'hotel' ? HOSPITAL_ONLY : HOTEL_ONLY;
  const foreignIntent = (intent: IntentId | undefined): intent is IntentId =>
    intent !== undefined && foreign.has(intent);
  for (const f of kb.faq) {
    if (foreignIntent(f.intent)) problems.push(`faq intent "${f.intent}" does not belong in a ${kb.kind}`);
  }
  for (const [i, r] of kb.routing.entries()) {
    if (foreignIntent(r.when.intent)) {
      problems.push(`routing rule #${i + 1} intent "${r.when.intent}" does not belong in a ${kb.kind}`);
    }
  }
  return problems;
}
