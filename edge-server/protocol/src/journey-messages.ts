/** The journeys' requests and the views of their replies: hotel check-in / check-out, hospital appointments. */
import { z } from 'zod';
import { JOURNEY_PROBLEM_CODES } from './errors.js';
import { clientId, entityId } from './fields.js';
import { safeText } from './safe-text.js';
import { DEPARTMENTS } from './taxonomy.js';

// ---- journeys: hotel check-in / check-out, hospital appointments ---------------------------------
//
// Request / reply: every request carries a `requestId` (use the envelope id), and the server answers
// on the device's down topic with the same `requestId`. Lookups are interactive and are never queued
// in the kiosk's outbox: offline, the kiosk hands the guest to the desk instead. The final operations
// (`checkin.complete`, `checkout.complete`, `appointment.checkin`) are idempotent by envelope id: a
// retry gets the first reply again, never a second key or queue number.

export const requestId = clientId;
const surname = safeText(40, { multiline: false });
/** An 18-character resident ID (checksum checked by the server) or a passport / other document. */
const documentNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{5,20}$/, 'expected 5–20 letters or digits');
const qrPayload = safeText(512);

export const bookingFindBody = z.object({
  requestId,
  /** What the guest came to do: the reply says why the booking cannot be used for it. */
  purpose: z.enum(['checkin', 'checkout']),
  /** The kiosk conversation the guest is in: a found booking's guest tier is attached to it. */
  conversationId: entityId.optional(),
  by: z.discriminatedUnion('method', [
    z.object({
      method: z.literal('reference'),
      reference: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9-]{4,20}$/),
      surname,
    }),
    /** The last 4 (or more) digits of the phone number of the booking, with the surname. */
    z.object({ method: z.literal('phone'), phoneDigits: z.string().regex(/^\d{4,11}$/), surname }),
    z.object({ method: z.literal('qr'), payload: qrPayload }),
  ]),
});

export const checkinCompleteBody = z.object({
  requestId,
  bookingId: entityId,
  /** Only what the guest confirmed on screen: never the photo of the document. */
  guest: z.object({
    name: safeText(60, { multiline: false }),
    document: z.enum(['resident_id', 'passport', 'other']),
    number: documentNumber,
  }),
});

export const checkoutCompleteBody = z.object({ requestId, bookingId: entityId, keyReturned: z.boolean() });

export const appointmentFindBody = z.object({
  requestId,
  by: z.discriminatedUnion('method', [
    z.object({ method: z.literal('qr'), payload: qrPayload }),
    z.object({ method: z.literal('resident_id'), number: documentNumber }),
  ]),
});

export const appointmentCheckinBody = z.object({ requestId, appointmentId: entityId });

export const journeyProblemSchema = z.object({
  code: z.enum(JOURNEY_PROBLEM_CODES),
  message: z.string(),
  messageZh: z.string(),
});

const localized = z.object({ zh: z.string(), en: z.string() });
export const roomSchema = z.object({ number: z.string(), floor: z.string() });

/** What the kiosk may show of a booking: no phone number, no document number. */
export const bookingView = z.object({
  id: entityId,
  reference: z.string(),
  guestName: z.string(),
  roomType: localized,
  /** YYYY-MM-DD, the hotel's local date. */
  arrival: z.string(),
  departure: z.string(),
  nights: z.number().int().positive(),
  status: z.enum(['booked', 'checked_in', 'checked_out', 'cancelled']),
  room: roomSchema.nullable(),
  /** Present once checked in: what check-out will charge, in cents (fen). */
  bill: z
    .object({
      totalCents: z.number().int().nonnegative(),
      currency: z.string(),
      lines: z.array(z.object({ label: localized, amountCents: z.number().int() })),
    })
    .nullable(),
});

export const appointmentView = z.object({
  id: entityId,
  /** Masked: the family name and a star per other character (王*, J*** S****). */
  patientName: z.string(),
  department: z.enum(DEPARTMENTS),
  doctor: localized,
  /** YYYY-MM-DD and HH:MM–HH:MM, the hospital's local time. */
  date: z.string(),
  slot: z.string(),
  status: z.enum(['booked', 'checked_in', 'cancelled']),
  queueLabel: z.string().nullable(),
});
