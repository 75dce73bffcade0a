import type { LocalizedText } from '@frontdesk/protocol';
import type { SimulationDb } from './simulation-db.js';
import { checkinProblem, checkoutProblem, sameSurname } from '../domain/journeys.js';
import {
  billTotalCents,
  type Booking,
  type CheckinRequest,
  type CheckoutResult,
  type GuestIdentity,
  type Outcome,
  type PropertySystem,
} from './property-system.js';

/** A booking as the simulated PMS stores it: the view plus what only the PMS keeps. */
export interface SimulatedBooking extends Booking {
  phone: string;
  qrPayload: string;
  guestIdentity: GuestIdentity | null;
  nightlyRateCents: number;
}

export interface SimulatedRoom {
  site: string;
  number: string;
  floor: string;
  roomType: string;
  state: 'vacant_clean' | 'occupied' | 'vacant_dirty';
}

export const ROOM_TYPES: Record<string, LocalizedText> = {
  king: { zh: '高级大床房', en: 'Superior king room' },
  twin: { zh: '高级双床房', en: 'Superior twin room' },
  suite: { zh: '行政套房', en: 'Executive suite' },
};

type Row = Record<string, unknown>;

/**
 * A PMS that behaves like one: bookings, rooms with housekeeping states, check-in that assigns the
 * lowest free clean room of the booked type, check-out that settles the bill and leaves the room for
 * housekeeping. State is in SQLite (`openSimulationDb`); every operation is one SQLite transaction.
 */
export class SimulatedPropertySystem implements PropertySystem {
  constructor(private readonly db: SimulationDb) {}

  /** Adds bookings and rooms (the demo, tests); existing ids are left as they are. */
  seed(bookings: SimulatedBooking[], rooms: SimulatedRoom[]): void {
    const putBooking = this.db.prepare(
      'INSERT OR IGNORE INTO pms_bookings (id, site, reference, qr_payload, phone, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const putRoom = this.db.prepare(
      'INSERT OR IGNORE INTO pms_rooms (site, number, floor, room_type, state) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const r of rooms) putRoom.run(r.site, r.number, r.floor, r.roomType, r.state);
      for (const b of bookings)
        putBooking.run(b.id, b.site, b.reference.toUpperCase(), b.qrPayload, b.phone, JSON.stringify(b));
    })();
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM pms_bookings LIMIT 1').get() === undefined;
  }

  /** The stored booking with everything the PMS keeps (tests, the admin view of a real PMS). */
  booking(id: string): SimulatedBooking | null {
    const row = this.db.prepare('SELECT data FROM pms_bookings WHERE id = ?').get(id) as Row | undefined;
    return row ? (JSON.parse(row.data as string) as SimulatedBooking) : null;
  }

  rooms(site: string): SimulatedRoom[] {
    return (
      this.db
        .prepare('SELECT site, number, floor, room_type, state FROM pms_rooms WHERE site = ? ORDER BY number')
        .all(site) as Row[]
    ).map((r) => ({
      site: r.site as string,
      number: r.number as string,
      floor: r.floor as string,
      roomType: r.room_type as string,
      state: r.state as SimulatedRoom['state'],
    }));
  }

  async getBooking(site: string, bookingId: string): Promise<Booking | null> {
    const b = this.load(site, bookingId);
    return b ? toView(b) : null;
  }

  async findByReference(site: string, reference: string, surname: string): Promise<Booking | null> {
    const rows = this.db
      .prepare('SELECT data FROM pms_bookings WHERE site = ? AND reference = ?')
      .all(site, reference.trim().toUpperCase()) as Row[];
    return this.firstMatching(rows, surname);
  }

  async findByPhone(site: string, digits: string, surname: string): Promise<Booking | null> {
    if (!/^\d{4,}$/.test(digits)) return null;
    const rows = (
      this.db.prepare('SELECT data, phone FROM pms_bookings WHERE site = ?').all(site) as Row[]
    ).filter((r) => (r.phone as string).replace(/\D/g, '').endsWith(digits));
    return this.firstMatching(rows, surname);
  }

  async findByQr(site: string, payload: string): Promise<Booking | null> {
    const row = this.db
      .prepare('SELECT data FROM pms_bookings WHERE site = ? AND qr_payload = ?')
      .get(site, payload.trim()) as Row | undefined;
    return row ? toView(JSON.parse(row.data as string) as SimulatedBooking) : null;
  }

  async checkIn(site: string, bookingId: string, request: CheckinRequest): Promise<Outcome<Booking>> {
    return this.db.transaction((): Outcome<Booking> => {
      const done = this.operation(request.requestKey, bookingId, 'checkin');
      if (done) return done as Outcome<Booking>;
      const b = this.load(site, bookingId);
      if (!b) return { ok: false, problem: 'BOOKING_NOT_FOUND' };
      const problem = checkinProblem(b, request.today);
      if (problem) return { ok: false, problem };
      const room = this.db
        .prepare(
          "SELECT number, floor FROM pms_rooms WHERE site = ? AND room_type = ? AND state = 'vacant_clean' ORDER BY CAST(number AS INTEGER), number LIMIT 1",
        )
        .get(site, b.roomType) as Row | undefined;
      if (!room) return { ok: false, problem: 'NO_ROOM_AVAILABLE' };
      this.db
        .prepare("UPDATE pms_rooms SET state = 'occupied' WHERE site = ? AND number = ?")
        .run(site, room.number);
      const next: SimulatedBooking = {
        ...b,
        status: 'checked_in',
        room: { number: room.number as string, floor: room.floor as string },
        guestIdentity: request.guest,
      };
      this.save(next);
      const outcome: Outcome<Booking> = { ok: true, value: toView(next) };
      this.record(request.requestKey, bookingId, 'checkin', outcome);
      return outcome;
    })();
  }

  async checkOut(
    site: string,
    bookingId: string,
    request: { requestKey: string; today: string },
  ): Promise<Outcome<CheckoutResult>> {
    return this.db.transaction((): Outcome<CheckoutResult> => {
      const done = this.operation(request.requestKey, bookingId, 'checkout');
      if (done) return done as Outcome<CheckoutResult>;
      const b = this.load(site, bookingId);
      if (!b) return { ok: false, problem: 'BOOKING_NOT_FOUND' };
      const problem = checkoutProblem(b);
      if (problem || !b.room) return { ok: false, problem: problem ?? 'NOT_CHECKED_IN' };
      this.db
        .prepare("UPDATE pms_rooms SET state = 'vacant_dirty' WHERE site = ? AND number = ?")
        .run(site, b.room.number);
      const next: SimulatedBooking = { ...b, status: 'checked_out' };
      this.save(next);
      const outcome: Outcome<CheckoutResult> = {
        ok: true,
        value: { booking: toView(next), totalCents: billTotalCents(next), currency: next.currency },
      };
      this.record(request.requestKey, bookingId, 'checkout', outcome);
      return outcome;
    })();
  }

  private firstMatching(rows: Row[], surname: string): Booking | null {
    for (const row of rows) {
      const b = JSON.parse(row.data as string) as SimulatedBooking;
      if (sameSurname(b.surname, surname)) return toView(b);
    }
    return null;
  }

  private load(site: string, id: string): SimulatedBooking | null {
    const b = this.booking(id);
    return b && b.site === site ? b : null;
  }

  private save(b: SimulatedBooking): void {
    this.db.prepare('UPDATE pms_bookings SET data = ? WHERE id = ?').run(JSON.stringify(b), b.id);
  }

  private operation(key: string, bookingId: string, kind: string): Outcome<unknown> | null {
    const row = this.db
      .prepare('SELECT booking_id, kind, result FROM pms_operations WHERE request_key = ?')
      .get(key) as Row | undefined;
    if (!row || row.booking_id !== bookingId || row.kind !== kind) return null;
    return JSON.parse(row.result as string) as Outcome<unknown>;
  }

  private record(key: string, bookingId: string, kind: string, outcome: Outcome<unknown>): void {
    this.db
      .prepare('INSERT INTO pms_operations (request_key, booking_id, kind, result) VALUES (?, ?, ?, ?)')
      .run(key, bookingId, kind, JSON.stringify(outcome));
  }
}

function toView(b: SimulatedBooking): Booking {
  return {
    id: b.id,
    site: b.site,
    reference: b.reference,
    surname: b.surname,
    guestName: b.guestName,
    roomType: b.roomType,
    roomTypeName: b.roomTypeName,
    arrival: b.arrival,
    departure: b.departure,
    nights: b.nights,
    status: b.status,
    room: b.room,
    bill: b.bill,
    currency: b.currency,
    // Bookings stored before the tier existed are standard.
    guestTier: b.guestTier ?? 'standard',
  };
}
