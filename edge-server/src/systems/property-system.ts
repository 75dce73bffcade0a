/**
 * The hotel's property-management system (PMS), as the edge server needs it: find a booking, check it
 * in (a room of the booked type), check it out (the bill, settled). Implementations: the
 * `SimulatedPropertySystem` (demo bookings in SQLite) and, in a deployment, an adapter to the hotel's
 * PMS. Every implementation passes the one contract suite in `property-system.contract.ts`.
 */
import type { JourneyProblemCode, LocalizedText } from '@frontdesk/protocol';

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: JourneyProblemCode };

export type BookingStatus = 'booked' | 'checked_in' | 'checked_out' | 'cancelled';

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
}

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

/** Surnames match ignoring case, spaces and width (ＳＭＩＴＨ, smith, Smith). */
export function sameSurname(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return fold(a) !== '' && fold(a) === fold(b);
}

/** The hotel's or hospital's local date (YYYY-MM-DD) at `nowMs`, for a fixed UTC offset. */
export function localDate(nowMs: number, utcOffsetMin: number): string {
  return new Date(nowMs + utcOffsetMin * 60_000).toISOString().slice(0, 10);
}

/** `date` plus `days`, both YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Why `booking` cannot be checked in on `today`, or null when it can. */
export function checkinProblem(booking: Booking, today: string): JourneyProblemCode | null {
  if (booking.status === 'cancelled') return 'BOOKING_CANCELLED';
  if (booking.status === 'checked_in') return 'ALREADY_CHECKED_IN';
  if (booking.status === 'checked_out') return 'ALREADY_CHECKED_OUT';
  if (today < booking.arrival || today >= booking.departure) return 'NOT_ARRIVAL_DAY';
  return null;
}

/** Why `booking` cannot be checked out, or null when it can. */
export function checkoutProblem(booking: Booking): JourneyProblemCode | null {
  if (booking.status === 'checked_out') return 'ALREADY_CHECKED_OUT';
  if (booking.status === 'cancelled') return 'BOOKING_CANCELLED';
  if (booking.status !== 'checked_in' || !booking.room) return 'NOT_CHECKED_IN';
  return null;
}
