/**
 * The intent and department IDs are a contract shared by the kiosk, the mini-program, the edge server,
 * analytics and the `ask` command: add IDs if needed, never rename or remove one.
 */

import {
  LANGS,
  type DepartmentId,
  type IntentId,
  type Lang as ProtocolLang,
  type Sentiment as ProtocolSentiment,
  type SiteKind as ProtocolSiteKind,
} from '@frontdesk/protocol';
import {
  COMMON_INTENTS,
  DEPARTMENTS,
  HOSPITAL_INTENTS,
  HOTEL_INTENTS,
  INTENTS,
  SENTIMENTS,
} from '@frontdesk/protocol';

// The lists live in the wire contract (`@frontdesk/protocol`), in the order the model's heads use.
export { COMMON_INTENTS, DEPARTMENTS, HOSPITAL_INTENTS, HOTEL_INTENTS, INTENTS, SENTIMENTS };
export type Intent = IntentId;
export type Department = DepartmentId;
export type Sentiment = ProtocolSentiment;
export const LANGUAGES = LANGS;
export type Lang = ProtocolLang;

export type SiteKind = ProtocolSiteKind;
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
