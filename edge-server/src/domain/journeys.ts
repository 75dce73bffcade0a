/**
 * The rules of the hotel and hospital journeys, pure: who a name belongs to, whether a booking can
 * be checked in or out today, and what "today" is at the site. The PMS adapters and the journey
 * service call these; none of them reads the clock (the caller passes `now`).
 */
import type { JourneyProblemCode } from '@frontdesk/protocol';

const DAY_MS = 86_400_000;
/** What people type differently in the same name: spaces, the middle dot of 阿卜杜·热合曼, . , - */
const NAME_SEPARATORS = /[\s·.,-]+/g;

/** The parts of a name, compared case- and width-insensitively (ＳＭＩＴＨ = smith). */
function nameParts(name: string): string[] {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .split(NAME_SEPARATORS)
    .filter((p) => p !== '');
}

/** One fold for every name comparison: NFKC, lower case, no separators. */
export function foldName(name: string): string {
  return nameParts(name).join('');
}

/** The surname a guest typed is the booking's surname (王 = 王, smith = ＳＭＩＴＨ, Smith-Jones = smith jones). */
export function sameSurname(typed: string, booked: string): boolean {
  const a = foldName(typed);
  return a !== '' && a === foldName(booked);
}

/**
 * The full name read from (or typed for) an ID document carries the booking's surname as whole name
 * parts at its start or its end: 王芳 and 欧阳娜娜 (surname first, no spaces), SMITH JOHN (passport
 * order), John Smith, Mary Smith-Jones. A surname merely inside the name (王李 for 李, JOHN SMITHERS
 * for Smith) is not a match.
 */
export function nameHasSurname(fullName: string, surname: string): boolean {
  const s = foldName(surname);
  const parts = nameParts(fullName);
  if (s === '' || parts.length === 0) return false;
  // One part: a name written without spaces, surname first (Chinese order).
  if (parts.length === 1) return (parts[0] ?? '').startsWith(s);
  for (let k = 1; k <= parts.length; k++) {
    if (parts.slice(0, k).join('') === s || parts.slice(-k).join('') === s) return true;
  }
  return false;
}

/** The site's local date (YYYY-MM-DD) at `nowMs`, for a fixed UTC offset in minutes. */
export function localDate(nowMs: number, utcOffsetMin: number): string {
  return new Date(nowMs + utcOffsetMin * 60_000).toISOString().slice(0, 10);
}

/** `date` plus `days`, both YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

export type BookingStatus = 'booked' | 'checked_in' | 'checked_out' | 'cancelled';

/** What check-in eligibility depends on. */
export interface BookingStay {
  status: BookingStatus;
  /** YYYY-MM-DD in the hotel's local time. */
  arrival: string;
  departure: string;
}

/** Why a booking cannot be checked in on `today` (YYYY-MM-DD), or null when it can. */
export function checkinProblem(booking: BookingStay, today: string): JourneyProblemCode | null {
  if (booking.status === 'cancelled') return 'BOOKING_CANCELLED';
  if (booking.status === 'checked_in') return 'ALREADY_CHECKED_IN';
  if (booking.status === 'checked_out') return 'ALREADY_CHECKED_OUT';
  if (today < booking.arrival || today >= booking.departure) return 'NOT_ARRIVAL_DAY';
  return null;
}

/** Why a booking cannot be checked out, or null when it can. */
export function checkoutProblem(booking: {
  status: BookingStatus;
  room: unknown;
}): JourneyProblemCode | null {
  if (booking.status === 'checked_out') return 'ALREADY_CHECKED_OUT';
  if (booking.status === 'cancelled') return 'BOOKING_CANCELLED';
  if (booking.status !== 'checked_in' || !booking.room) return 'NOT_CHECKED_IN';
  return null;
}
