/**
 * The key-card encoder at the kiosk's desk: writes a room key valid until a time. Implementations: the
 * `SimulatedKeyEncoder` and, in a deployment, the lock vendor's encoder SDK behind an adapter. Every
 * implementation passes the contract suite in `key-encoder.contract.ts`.
 */
import type { Outcome } from './property-system.js';

export interface KeyCard {
  cardId: string;
  room: string;
  validUntil: number;
}

export interface KeyRequest {
  room: string;
  /** ms since the epoch. */
  validFrom: number;
  validUntil: number;
  /** The same key returns the card already written instead of writing a second one. */
  requestKey: string;
}

export interface KeyEncoder {
  /** Problems: `KEY_NO_BLANK_CARDS`, `KEY_JAMMED`. */
  encode(request: KeyRequest): Promise<Outcome<KeyCard>>;
}
