import type { IntentId } from '@frontdesk/protocol';

/**
 * Words the app and its features share: the screens and a line of the conversation. This module
 * imports no part of the app, so features may use it without depending on the composed state.
 */
export type Screen =
  | 'attract'
  | 'ask'
  | 'handoff'
  | 'rating'
  | 'settings'
  | 'checkin'
  | 'appointment'
  | 'triage'
  | 'wayfinding'
  | 'fault';

export interface ChatLine {
  id: string;
  role: 'guest' | 'assistant' | 'staff';
  text: string;
  at: number;
  /** The staff member's name on their lines. */
  name?: string | null;
  intent?: IntentId;
}
