import type { FlowId } from '@frontdesk/models';
import type { DepartmentId, KnowledgeBase, Lang } from '@frontdesk/protocol';
import type { KioskState } from '../../app/state.js';

/** The triage screen's slice: the department the dialogue suggested, or none yet (describe symptoms). */
export interface TriageState {
  department: DepartmentId | null;
}

export function triageOnFlow(state: KioskState, flow: FlowId, department: DepartmentId | null): KioskState {
  if (flow !== 'triage') return state;
  return { ...state, screen: 'triage', triage: { department } };
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
