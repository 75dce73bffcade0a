/** The fields every message schema is built from. */
import { z } from 'zod';
import { safeText } from './safe-text.js';

/** Client-chosen message and entity ids: also the idempotency key of a request. */
export const clientId = z
  .string()
  .regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'expected 1–64 characters of A–Z a–z 0–9 _ : . -');
export const entityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** Free text a person wrote or said: trimmed, not empty, no hostile characters (safe-text.ts). */
export const text = (max: number) => safeText(max);
/** A place id or free text such as a room number: one line, as typed. */
export const placeText = safeText(64, { multiline: false, trim: false });
