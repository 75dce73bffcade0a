/**
 * Intent, department and skill IDs: a contract shared by the kiosk, the mini-program, the edge server,
 * the analytics and the `ask` command. Adding an ID is fine; renaming or removing one is not.
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

export const INTENTS = [...COMMON_INTENTS, ...HOTEL_INTENTS, ...HOSPITAL_INTENTS] as const;
export type IntentId = (typeof INTENTS)[number];

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
export type DepartmentId = (typeof DEPARTMENTS)[number];

/** What a member of staff can handle; escalations and tickets are routed by it. */
export const SKILLS = ['front_desk', 'housekeeping', 'maintenance', 'nursing', 'security'] as const;
export type Skill = (typeof SKILLS)[number];

export const SITE_KINDS = ['hotel', 'hospital'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const FAULT_CATEGORIES = [
  'plumbing',
  'electrical',
  'hvac',
  'appliance',
  'network',
  'furniture',
  'other',
] as const;
export type FaultCategory = (typeof FAULT_CATEGORIES)[number];

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
