import type { DepartmentId, KnowledgeBase, Lang } from '@frontdesk/protocol';
import type { FlowEvent } from '../journey/journey.js';

/** The triage screen's slice: the department the dialogue suggested, or none yet (describe symptoms). */
export interface TriageState {
  department: DepartmentId | null;
}

/** The guest describes symptoms from the triage screen: the dialogue answers on the ask screen. */
export type TriageEvent = { type: 'triage.describe' };

/** The `triage` flow opens the slice with the department the dialogue suggested; describing closes it. */
export function reduceTriage(t: TriageState | null, event: TriageEvent | FlowEvent): TriageState | null {
  if (event.type === 'triage.describe') return null;
  return event.flow === 'triage' ? { department: event.department } : t;
}

export interface TriageView {
  department: DepartmentId;
  /** Where the department is in the site's knowledge base (for wayfinding), if it has a place. */
  place: string | null;
  /** The place's floor and name in the guest's language, e.g. "2F · 心血管内科". */
  placeName: string | null;
  /** How to register, from the knowledge base's FAQ. */
  registration: string | null;
  emergency: boolean;
}

/** What the triage screen shows for a suggested department, from the site's knowledge base. */
export function triageView(department: DepartmentId, kb: KnowledgeBase | null, lang: Lang): TriageView {
  const place = kb?.places.find((p) => p.department === department) ?? null;
  const registration = kb?.faq.find((f) => f.intent === 'hospital.registration')?.answer[lang] ?? null;
  return {
    department,
    place: place?.id ?? null,
    placeName: place ? `${place.floor} · ${place.name[lang]}` : null,
    registration,
    emergency: department === 'emergency',
  };
}
