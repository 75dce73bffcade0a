/**
 * The one contract every `PropertySystem` passes (the simulated one in its test; an adapter to a real
 * PMS against the vendor's test hotel). The fixture names bookings in known states.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PropertySystem } from './property-system.js';

interface KnownBooking {
  id: string;
  reference: string;
  surname: string;
}

export interface PropertyFixture {
  system: PropertySystem;
  site: string;
  /** The hotel's local date "now". */
  today: string;
  /** Arrives today, booked: can be checked in. */
  arriving: KnownBooking & { phoneDigits: string; qrPayload: string };
  /** A second one arriving today (for the idempotency and double check-in cases). */
  arrivingToo: KnownBooking;
  /** Arrives tomorrow. */
  future: KnownBooking;
  /** Already checked in, with a bill. */
  staying: KnownBooking;
  cancelled: KnownBooking;
  /** A guest the PMS knows as VIP. */
  vip: KnownBooking;
  close(): Promise<void>;
}

const guest = { name: 'Test Guest', document: 'passport' as const, numberMasked: 'E1******8' };

export function propertySystemContract(name: string, setup: () => Promise<PropertyFixture>): void {
  describe(`PropertySystem contract: ${name}`, () => {
    let f: PropertyFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => f.close());

    it('finds a booking by reference and surname, case- and width-insensitively, and not by a wrong surname', async () => {
      const b = await f.system.findByReference(
        f.site,
        f.arriving.reference.toLowerCase(),
        f.arriving.surname,
      );
      expect(b).toMatchObject({ id: f.arriving.id, status: 'booked', room: null });
      expect(await f.system.findByReference(f.site, f.arriving.reference, 'Nobody')).toBeNull();
      expect(await f.system.findByReference(f.site, 'NOPE0000', f.arriving.surname)).toBeNull();
      expect(
        await f.system.findByReference('another-site', f.arriving.reference, f.arriving.surname),
      ).toBeNull();
    });

    it('says which guests are VIP: the tier is part of every booking', async () => {
      const vip = await f.system.findByReference(f.site, f.vip.reference, f.vip.surname);
      expect(vip).toMatchObject({ id: f.vip.id, guestTier: 'vip' });
      const plain = await f.system.findByReference(f.site, f.arriving.reference, f.arriving.surname);
      expect(plain?.guestTier).toBe('standard');
      expect((await f.system.getBooking(f.site, f.vip.id))?.guestTier).toBe('vip');
    });

    it('finds a booking by the last digits of the phone with the surname, and by the QR payload', async () => {
      expect(await f.system.findByPhone(f.site, f.arriving.phoneDigits, f.arriving.surname)).toMatchObject({
        id: f.arriving.id,
      });
      expect(await f.system.findByPhone(f.site, '0000', f.arriving.surname)).toBeNull();
      expect(await f.system.findByQr(f.site, f.arriving.qrPayload)).toMatchObject({ id: f.arriving.id });
      expect(await f.system.findByQr(f.site, `${f.arriving.qrPayload}x`)).toBeNull();
    });

    it('checks in: a free room of the booked type; the same request again gives the same room', async () => {
      const before = await f.system.getBooking(f.site, f.arriving.id);
      const first = await f.system.checkIn(f.site, f.arriving.id, {
        requestKey: 'k-1',
        guest,
        today: f.today,
      });
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      expect(first.value.status).toBe('checked_in');
      expect(first.value.room?.number).toMatch(/^\d{3,5}$/);
      expect(first.value.roomType).toBe(before?.roomType);
      const again = await f.system.checkIn(f.site, f.arriving.id, {
        requestKey: 'k-1',
        guest,
        today: f.today,
      });
      expect(again).toEqual(first);
      expect((await f.system.getBooking(f.site, f.arriving.id))?.status).toBe('checked_in');
    });

    it('gives two guests two different rooms', async () => {
      const a = await f.system.checkIn(f.site, f.arriving.id, { requestKey: 'k-a', guest, today: f.today });
      const b = await f.system.checkIn(f.site, f.arrivingToo.id, {
        requestKey: 'k-b',
        guest,
        today: f.today,
      });
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok) expect(a.value.room?.number).not.toBe(b.value.room?.number);
    });

    it('refuses a second check-in, a cancelled booking and a booking for another day, with stable reasons', async () => {
      await f.system.checkIn(f.site, f.arriving.id, { requestKey: 'k-1', guest, today: f.today });
      expect(
        await f.system.checkIn(f.site, f.arriving.id, { requestKey: 'k-2', guest, today: f.today }),
      ).toEqual({
        ok: false,
        problem: 'ALREADY_CHECKED_IN',
      });
      expect(
        await f.system.checkIn(f.site, f.cancelled.id, { requestKey: 'k-3', guest, today: f.today }),
      ).toEqual({
        ok: false,
        problem: 'BOOKING_CANCELLED',
      });
      expect(
        await f.system.checkIn(f.site, f.future.id, { requestKey: 'k-4', guest, today: f.today }),
      ).toEqual({
        ok: false,
        problem: 'NOT_ARRIVAL_DAY',
      });
      expect(await f.system.checkIn(f.site, 'bk-none', { requestKey: 'k-5', guest, today: f.today })).toEqual(
        {
          ok: false,
          problem: 'BOOKING_NOT_FOUND',
        },
      );
    });

    it('checks out a staying guest: the bill total, settled once; a retry gets the same total', async () => {
      const staying = await f.system.getBooking(f.site, f.staying.id);
      expect(staying?.status).toBe('checked_in');
      const expected = (staying?.bill ?? []).reduce((s, l) => s + l.amountCents, 0);
      expect(expected).toBeGreaterThan(0);
      const out = await f.system.checkOut(f.site, f.staying.id, { requestKey: 'o-1', today: f.today });
      expect(out).toMatchObject({ ok: true, value: { totalCents: expected } });
      expect(await f.system.checkOut(f.site, f.staying.id, { requestKey: 'o-1', today: f.today })).toEqual(
        out,
      );
      expect(await f.system.checkOut(f.site, f.staying.id, { requestKey: 'o-2', today: f.today })).toEqual({
        ok: false,
        problem: 'ALREADY_CHECKED_OUT',
      });
      expect(await f.system.checkOut(f.site, f.future.id, { requestKey: 'o-3', today: f.today })).toEqual({
        ok: false,
        problem: 'NOT_CHECKED_IN',
      });
    });
  });
}
