/**
 * The hotel and hospital journeys on the server: booking lookup, check-in with the key, check-out,
 * appointment lookup and check-in. A thin shell over the external systems (`PropertySystem`,
 * `KeyEncoder`, `HospitalSystem`): it validates what the guest confirmed, asks the system, and turns
 * the outcome into the reply for the kiosk and an audit entry (masked by `recordAudit`).
 */
import { checkResidentId } from '@frontdesk/models/ocr';
import {
  JOURNEY_PROBLEM_MESSAGES,
  type AppointmentView,
  type AuditAction,
  type BookingView,
  type DeviceUpMessage,
  type DownBody,
  type JourneyProblem,
  type JourneyProblemCode,
  type KnowledgeBase,
} from '@frontdesk/protocol';
import { maskText } from '../domain/privacy.js';
import { maskName, type Appointment, type HospitalSystem } from '../systems/hospital-system.js';
import type { KeyEncoder } from '../systems/key-encoder.js';
import { checkinProblem, checkoutProblem, localDate, nameHasSurname } from '../domain/journeys.js';
import {
  billTotalCents,
  type Booking,
  type GuestTier,
  type PropertySystem,
} from '../systems/property-system.js';

export const JOURNEY_TYPES = [
  'booking.find',
  'checkin.complete',
  'checkout.complete',
  'appointment.find',
  'appointment.checkin',
] as const;
export type JourneyType = (typeof JOURNEY_TYPES)[number];
export type JourneyMessage = Extract<DeviceUpMessage, { type: JourneyType }>;

/** The operations that must happen once: their reply is kept with the inbox record and sent again on a retry. */
export const FINAL_JOURNEY_TYPES: ReadonlySet<string> = new Set([
  'checkin.complete',
  'checkout.complete',
  'appointment.checkin',
]);

export function isJourneyMessage(msg: DeviceUpMessage): msg is JourneyMessage {
  return (JOURNEY_TYPES as readonly string[]).includes(msg.type);
}

export interface JourneySystems {
  property: PropertySystem | null;
  keys: KeyEncoder | null;
  hospital: HospitalSystem | null;
  /** The sites' local time, for arrival dates and the day's queues (China: +480). */
  utcOffsetMin: number;
}

type ReplyType =
  | 'booking.found'
  | 'checkin.completed'
  | 'checkout.completed'
  | 'appointment.found'
  | 'appointment.checked_in';

export type JourneyReply = { [K in ReplyType]: { type: K; body: DownBody<K> } }[ReplyType];

export interface JourneyOutcome {
  reply: JourneyReply;
  entityId: string | null;
  audit: { action: AuditAction; subject: string; detail: Record<string, unknown> } | null;
  /** A booking lookup identified the guest: their tier, for the conversation they are in. */
  guest?: { bookingId: string; tier: GuestTier };
}

export function problem(code: JourneyProblemCode): JourneyProblem {
  const m = JOURNEY_PROBLEM_MESSAGES[code];
  return { code, message: m.en, messageZh: m.zh };
}

/** Keeps the first and last characters of a document number: enough for staff to compare, no more. */
export function maskDocumentNumber(n: string): string {
  const masked = maskText(n);
  if (masked !== n) return masked;
  const keep = n.length >= 10 ? 3 : 1;
  return `${n.slice(0, keep)}${'*'.repeat(Math.max(0, n.length - 2 * keep))}${n.slice(-keep)}`;
}

function bookingView(b: Booking): BookingView {
  return {
    id: b.id,
    reference: b.reference,
    guestName: b.guestName,
    roomType: b.roomTypeName,
    arrival: b.arrival,
    departure: b.departure,
    nights: b.nights,
    status: b.status,
    room: b.room,
    bill:
      b.status === 'checked_in'
        ? { totalCents: billTotalCents(b), currency: b.currency, lines: b.bill }
        : null,
  };
}

function appointmentView(a: Appointment): AppointmentView {
  return {
    id: a.id,
    patientName: maskName(a.patientName),
    department: a.department,
    doctor: a.doctor,
    date: a.date,
    slot: a.slot,
    status: a.status,
    queueLabel: a.queueLabel,
  };
}

/** One journey request: where, when, and its idempotency key. */
interface JourneyRequest {
  site: string;
  kb: KnowledgeBase | null;
  requestKey: string;
  now: number;
  /** The site's local date (YYYY-MM-DD) at `now`. */
  today: string;
}

export class Journeys {
  constructor(private readonly systems: JourneySystems) {}

  /** `now`: ms since the epoch (for the local date and key validity). Throws only if a system fails. */
  handle(
    site: string,
    kb: KnowledgeBase | null,
    msg: JourneyMessage,
    requestKey: string,
    now: number,
  ): Promise<JourneyOutcome> {
    const r: JourneyRequest = { site, kb, requestKey, now, today: localDate(now, this.systems.utcOffsetMin) };
    switch (msg.type) {
      case 'booking.find':
        return this.findBooking(r, msg);
      case 'checkin.complete':
        return this.checkIn(r, msg);
      case 'checkout.complete':
        return this.checkOut(r, msg);
      case 'appointment.find':
        return this.findAppointments(r, msg);
      case 'appointment.checkin':
        return this.checkInAppointment(r, msg);
    }
  }

  /** The hotel system, when the site is a hotel that has one. */
  private hotel(r: JourneyRequest): PropertySystem | null {
    return r.kb?.kind === 'hotel' ? this.systems.property : null;
  }

  /** The hospital system, when the site is a hospital that has one. */
  private clinic(r: JourneyRequest): HospitalSystem | null {
    return r.kb?.kind === 'hospital' ? this.systems.hospital : null;
  }

  private async findBooking(
    r: JourneyRequest,
    msg: Extract<JourneyMessage, { type: 'booking.find' }>,
  ): Promise<JourneyOutcome> {
    const { site, today } = r;
    const property = this.hotel(r);
    const requestId = msg.body.requestId;
    const found = (booking: BookingView | null, code: JourneyProblemCode | null): JourneyOutcome => ({
      reply: {
        type: 'booking.found',
        body: { requestId, booking, problem: code ? problem(code) : null },
      },
      entityId: booking?.id ?? null,
      audit: null,
    });
    if (!property) return found(null, 'NOT_AVAILABLE_HERE');
    const by = msg.body.by;
    const b =
      by.method === 'reference'
        ? await property.findByReference(site, by.reference, by.surname)
        : by.method === 'phone'
          ? await property.findByPhone(site, by.phoneDigits, by.surname)
          : await property.findByQr(site, by.payload);
    if (!b) return found(null, 'BOOKING_NOT_FOUND');
    const why = msg.body.purpose === 'checkin' ? checkinProblem(b, today) : checkoutProblem(b);
    return { ...found(bookingView(b), why), guest: { bookingId: b.id, tier: b.guestTier } };
  }

  private async checkIn(
    r: JourneyRequest,
    msg: Extract<JourneyMessage, { type: 'checkin.complete' }>,
  ): Promise<JourneyOutcome> {
    const { site, today, now, requestKey } = r;
    const property = this.hotel(r);
    const keys = this.systems.keys;
    const { requestId, bookingId, guest } = msg.body;
    const masked = maskDocumentNumber(guest.number);
    const reply = (
      room: Booking['room'],
      key: { cardId: string; validUntil: number } | null,
      code: JourneyProblemCode | null,
    ): JourneyOutcome => ({
      reply: {
        type: 'checkin.completed',
        body: { requestId, bookingId, room, key, problem: code ? problem(code) : null },
      },
      entityId: bookingId,
      audit: {
        action: 'checkin.complete',
        subject: `booking:${bookingId}`,
        detail: {
          outcome: code ?? 'ok',
          room: room?.number ?? null,
          document: guest.document,
          documentNumber: masked,
          keyIssued: key !== null,
        },
      },
    });
    if (!property) return reply(null, null, 'NOT_AVAILABLE_HERE');
    if (guest.document === 'resident_id' && !checkResidentId(guest.number, new Date(now)).ok)
      return reply(null, null, 'ID_INVALID');
    const booking = await property.getBooking(site, bookingId);
    if (!booking) return reply(null, null, 'BOOKING_NOT_FOUND');
    if (!nameHasSurname(guest.name, booking.surname)) return reply(null, null, 'NAME_MISMATCH');
    const checked = await property.checkIn(site, bookingId, {
      requestKey,
      today,
      guest: { name: guest.name, document: guest.document, numberMasked: masked },
    });
    if (!checked.ok) return reply(null, null, checked.problem);
    const room = checked.value.room;
    if (!room) return reply(null, null, 'NO_ROOM_AVAILABLE');
    if (!keys) return reply(room, null, 'KEY_JAMMED');
    // The key opens the room until check-out time (12:00 local) on the departure day.
    const validUntil =
      Date.parse(`${checked.value.departure}T12:00:00Z`) - this.systems.utcOffsetMin * 60_000;
    const card = await keys.encode({ room: room.number, validFrom: now, validUntil, requestKey });
    if (!card.ok) return reply(room, null, card.problem);
    return reply(room, { cardId: card.value.cardId, validUntil: card.value.validUntil }, null);
  }

  private async checkOut(
    r: JourneyRequest,
    msg: Extract<JourneyMessage, { type: 'checkout.complete' }>,
  ): Promise<JourneyOutcome> {
    const { site, today, requestKey } = r;
    const property = this.hotel(r);
    const { requestId, bookingId } = msg.body;
    const reply = (
      total: number | null,
      currency: string | null,
      code: JourneyProblemCode | null,
      room: string | null,
    ): JourneyOutcome => ({
      reply: {
        type: 'checkout.completed',
        body: {
          requestId,
          bookingId,
          totalCents: total,
          currency,
          settled: code === null,
          problem: code ? problem(code) : null,
        },
      },
      entityId: bookingId,
      audit: {
        action: 'checkout.complete',
        subject: `booking:${bookingId}`,
        detail: { outcome: code ?? 'ok', room, totalCents: total, keyReturned: msg.body.keyReturned },
      },
    });
    if (!property) return reply(null, null, 'NOT_AVAILABLE_HERE', null);
    const out = await property.checkOut(site, bookingId, { requestKey, today });
    if (!out.ok) return reply(null, null, out.problem, null);
    return reply(out.value.totalCents, out.value.currency, null, out.value.booking.room?.number ?? null);
  }

  private async findAppointments(
    r: JourneyRequest,
    msg: Extract<JourneyMessage, { type: 'appointment.find' }>,
  ): Promise<JourneyOutcome> {
    const { site, today, now } = r;
    const hospital = this.clinic(r);
    const requestId = msg.body.requestId;
    const found = (list: Appointment[], code: JourneyProblemCode | null): JourneyOutcome => ({
      reply: {
        type: 'appointment.found',
        body: {
          requestId,
          appointments: list.map(appointmentView),
          problem: code ? problem(code) : null,
        },
      },
      entityId: null,
      audit: null,
    });
    if (!hospital) return found([], 'NOT_AVAILABLE_HERE');
    const by = msg.body.by;
    let list: Appointment[];
    if (by.method === 'qr') {
      const a = await hospital.findByQr(site, by.payload);
      list = a ? [a] : [];
    } else {
      if (!checkResidentId(by.number, new Date(now)).ok) return found([], 'ID_INVALID');
      list = await hospital.findByResidentId(site, by.number);
    }
    // Past appointments are of no use at the kiosk today.
    list = list.filter((a) => a.date >= today);
    if (list.length === 0) return found([], 'APPOINTMENT_NOT_FOUND');
    const usable = list.filter((a) => a.date === today && a.status !== 'cancelled');
    if (usable.length > 0) return found(usable, null);
    const cancelled = list.every((a) => a.status === 'cancelled');
    return found(list, cancelled ? 'APPOINTMENT_CANCELLED' : 'APPOINTMENT_NOT_TODAY');
  }

  private async checkInAppointment(
    r: JourneyRequest,
    msg: Extract<JourneyMessage, { type: 'appointment.checkin' }>,
  ): Promise<JourneyOutcome> {
    const { site, today, kb, requestKey } = r;
    const hospital = this.clinic(r);
    const { requestId, appointmentId } = msg.body;
    const reply = (a: Appointment | null, code: JourneyProblemCode | null): JourneyOutcome => {
      const place = a ? (kb?.places.find((p) => p.department === a.department)?.id ?? null) : null;
      return {
        reply: {
          type: 'appointment.checked_in',
          body: {
            requestId,
            appointmentId,
            department: a?.department ?? null,
            queueNumber: a?.queueNumber ?? null,
            queueLabel: a?.queueLabel ?? null,
            place,
            problem: code ? problem(code) : null,
          },
        },
        entityId: appointmentId,
        audit: {
          action: 'appointment.checkin',
          subject: `appointment:${appointmentId}`,
          detail: {
            outcome: code ?? 'ok',
            department: a?.department ?? null,
            queue: a?.queueLabel ?? null,
          },
        },
      };
    };
    if (!hospital) return reply(null, 'NOT_AVAILABLE_HERE');
    const done = await hospital.checkIn(site, appointmentId, { requestKey, today });
    return done.ok ? reply(done.value, null) : reply(null, done.problem);
  }
}

/** The reply when the PMS or HIS did not answer (threw): not recorded, so a retry asks again. */
export function unavailableReply(msg: JourneyMessage): JourneyReply {
  const p = problem('SYSTEM_UNAVAILABLE');
  const requestId = msg.body.requestId;
  switch (msg.type) {
    case 'booking.find':
      return { type: 'booking.found', body: { requestId, booking: null, problem: p } };
    case 'checkin.complete':
      return {
        type: 'checkin.completed',
        body: { requestId, bookingId: msg.body.bookingId, room: null, key: null, problem: p },
      };
    case 'checkout.complete':
      return {
        type: 'checkout.completed',
        body: {
          requestId,
          bookingId: msg.body.bookingId,
          totalCents: null,
          currency: null,
          settled: false,
          problem: p,
        },
      };
    case 'appointment.find':
      return { type: 'appointment.found', body: { requestId, appointments: [], problem: p } };
    case 'appointment.checkin':
      return {
        type: 'appointment.checked_in',
        body: {
          requestId,
          appointmentId: msg.body.appointmentId,
          department: null,
          queueNumber: null,
          queueLabel: null,
          place: null,
          problem: p,
        },
      };
  }
}
