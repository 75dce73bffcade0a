/**
 * The hotel's property-management system (PMS), as the edge server needs it: find a booking, check it
 * in (a room of the booked type), check it out (the bill, settled). Implementations: the
 * `SimulatedPropertySystem` (demo bookings in SQLite) and, in a deployment, an adapter to the hotel's
 * PMS. Every implementation passes the one contract suite in `property-system.contract.ts`.
 */
import type { JourneyProblemCode, LocalizedText } from '@frontdesk/protocol';
import type { BookingStatus } from '../domain/journeys.js';

// The journey rules (surname matching, check-in eligibility, local dates) are in domain/journeys.ts.
export type { BookingStatus };

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: JourneyProblemCode };

export interface Room {
  number: string;
  floor: string;
}

export interface BillLine {
  label: LocalizedText;
  amountCents: number;
}

export interface Booking {
  id: string;
  site: string;
  /** What is printed on the confirmation, e.g. YQ2026A1. */
  reference: string;
  /** For matching what the guest types: 王, Smith. */
  surname: string;
  guestName: string;
  roomType: string;
  roomTypeName: LocalizedText;
  /** YYYY-MM-DD in the hotel's local time. */
  arrival: string;
  departure: string;
  nights: number;
  status: BookingStatus;
  room: Room | null;
  /** Room charges and extras (minibar, breakfast...), what check-out settles. */
  bill: BillLine[];
  currency: string;
  /** The guest's loyalty level as the PMS knows it: `vip` raises their requests' priority. */
  guestTier: GuestTier;
}

export type GuestTier = 'standard' | 'vip';

/** What the guest confirmed at the kiosk; the number is masked before it reaches the PMS's notes. */
export interface GuestIdentity {
  name: string;
  document: 'resident_id' | 'passport' | 'other';
  numberMasked: string;
}

export interface CheckinRequest {
  /** Idempotency key: the same key returns the same outcome, a new key on a checked-in booking is refused. */
  requestKey: string;
  guest: GuestIdentity;
  /** YYYY-MM-DD, the hotel's local date now. */
  today: string;
}

export interface CheckoutResult {
  booking: Booking;
  totalCents: number;
  currency: string;
}

export interface PropertySystem {
  getBooking(site: string, bookingId: string): Promise<Booking | null>;
  findByReference(site: string, reference: string, surname: string): Promise<Booking | null>;
  /** `digits`: the last 4 or more digits of the phone number on the booking. */
  findByPhone(site: string, digits: string, surname: string): Promise<Booking | null>;
  /** The payload of the QR code on the booking confirmation. */
  findByQr(site: string, payload: string): Promise<Booking | null>;
  checkIn(site: string, bookingId: string, request: CheckinRequest): Promise<Outcome<Booking>>;
  checkOut(
    site: string,
    bookingId: string,
    request: { requestKey: string; today: string },
  ): Promise<Outcome<CheckoutResult>>;
}

export function billTotalCents(booking: Pick<Booking, 'bill'>): number {
  return booking.bill.reduce((sum, line) => sum + line.amountCents, 0);
}
