/**
 * The intent and department IDs are a contract shared by the kiosk, the mini-program, the edge server,
 * analytics and the `ask` command: add IDs if needed, never rename or remove one.
 */

export const COMMON_INTENTS = [
  'greeting',
  'thanks_bye',
  'human_agent',
  'complaint',
  'fault_report',
  'wayfinding',
  'lost_found',
  'wifi',
  'parking',
  'emergency',
  'out_of_scope',
] as const;

export const HOTEL_INTENTS = [
  'hotel.checkin',
  'hotel.checkout',
  'hotel.late_checkout',
  'hotel.breakfast',
  'hotel.luggage',
  'hotel.invoice',
  'hotel.amenities',
  'hotel.housekeeping',
  'hotel.facilities',
  'hotel.transport',
] as const;

export const HOSPITAL_INTENTS = [
  'hospital.registration',
  'hospital.appointment_checkin',
  'hospital.triage',
  'hospital.report_pickup',
  'hospital.pharmacy',
  'hospital.payment',
  'hospital.insurance',
  'hospital.visiting_hours',
  'hospital.medical_records',
] as const;

/** Order matters: it is the order of the intent model's output classes. */
export const INTENTS = [...COMMON_INTENTS, ...HOTEL_INTENTS, ...HOSPITAL_INTENTS] as const;
export type Intent = (typeof INTENTS)[number];

/** Order matters: it is the order of the triage model's output classes. */
export const DEPARTMENTS = [
  'emergency',
  'internal_medicine',
  'respiratory',
  'cardiology',
  'gastroenterology',
  'neurology',
  'surgery',
  'orthopedics',
  'urology',
  'obstetrics_gynecology',
  'pediatrics',
  'dermatology',
  'ophthalmology',
  'ent',
  'stomatology',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Order matters: it is the order of the sentiment model's output classes. */
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const LANGUAGES = ['zh', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export type SiteKind = 'hotel' | 'hospital';
export type IntentScope = 'common' | SiteKind;

export function intentScope(intent: Intent): IntentScope {
  if (intent.startsWith('hotel.')) return 'hotel';
  if (intent.startsWith('hospital.')) return 'hospital';
  return 'common';
}

/** Whether a site of this kind handles the intent (a hotel kiosk never offers hospital payment). */
export function intentAllowedAt(intent: Intent, site: SiteKind | undefined): boolean {
  const scope = intentScope(intent);
  return site === undefined || scope === 'common' || scope === site;
}

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}

export function isDepartment(value: string): value is Department {
  return (DEPARTMENTS as readonly string[]).includes(value);
}

export function isSentiment(value: string): value is Sentiment {
  return (SENTIMENTS as readonly string[]).includes(value);
}
