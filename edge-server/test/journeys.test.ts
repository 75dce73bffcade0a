/**
 * Hotel check-in / check-out and hospital appointment check-in through real MQTT, against the
 * server's simulated PMS, key encoder and HIS (their own SQLite file): request/reply by requestId,
 * stable problem codes, exactly one key and one queue number per request id, masked audit entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { DEMO, env, kioskOnline, startTestServer, type TestClient, type TestServer } from './harness.js';

const HOSPITAL = DEMO.hospitalKiosk;
let seq = 0;
const rid = (p: string) => `${p}-${process.pid}-${seq++}`;

/** Publishes a request and waits for the reply of its type carrying its requestId. */
async function ask(
  kiosk: TestClient,
  from: string,
  type: string,
  replyType: string,
  body: object,
  id = rid('r'),
) {
  await kiosk.publish(`fd/v1/device/${from}/up`, env(from, type, { requestId: id, ...body }, id));
  const got = await kiosk.waitFor(
    (m) => m.json.type === replyType && m.json.body.requestId === id && !seenReplies.has(m),
    5000,
    `${replyType} for ${id}`,
  );
  seenReplies.add(got);
  return { id, body: got.json.body as Record<string, unknown> & { problem: { code: string } | null } };
}
const seenReplies = new Set<unknown>();

describe('journeys over MQTT', () => {
  let t: TestServer;
  let hotel: TestClient;
  let clinic: TestClient;

  beforeAll(async () => {
    t = await startTestServer('embedded');
    hotel = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    clinic = await kioskOnline(t.mqttUrl, HOSPITAL);
  });
  afterAll(async () => {
    await Promise.all([hotel?.close(), clinic?.close()]);
    await t?.close();
  });

  it('finds a booking by surname + reference, by phone digits and by QR, and says why one cannot be used', async () => {
    const k = DEMO.kiosk.id;
    const byRef = await ask(hotel, k, 'booking.find', 'booking.found', {
      purpose: 'checkin',
      by: { method: 'reference', reference: 'yq2026a1', surname: '王' },
    });
    expect(byRef.body).toMatchObject({
      booking: { id: 'bk-1001', guestName: '王芳', status: 'booked' },
      problem: null,
    });
    expect(JSON.stringify(byRef.body)).not.toContain('13812345678');
    const byPhone = await ask(hotel, k, 'booking.find', 'booking.found', {
      purpose: 'checkin',
      by: { method: 'phone', phoneDigits: '0123', surname: 'smith' },
    });
    expect(byPhone.body).toMatchObject({ booking: { id: 'bk-1002' }, problem: null });
    const byQr = await ask(hotel, k, 'booking.find', 'booking.found', {
      purpose: 'checkin',
      by: { method: 'qr', payload: 'FDBOOK1:YQ2026C3:bk-1003' },
    });
    expect(byQr.body).toMatchObject({ booking: { id: 'bk-1003' }, problem: { code: 'NOT_ARRIVAL_DAY' } });
    const cancelled = await ask(hotel, k, 'booking.find', 'booking.found', {
      purpose: 'checkin',
      by: { method: 'reference', reference: 'YQ2026E5', surname: '张' },
    });
    expect(cancelled.body.problem?.code).toBe('BOOKING_CANCELLED');
    const none = await ask(hotel, k, 'booking.find', 'booking.found', {
      purpose: 'checkin',
      by: { method: 'reference', reference: 'YQ2026A1', surname: '李' },
    });
    expect(none.body).toMatchObject({ booking: null, problem: { code: 'BOOKING_NOT_FOUND' } });
    expect((none.body.problem as unknown as { messageZh: string }).messageZh).toMatch(/预订/);
  });

  it('checks in with the confirmed ID: a room and one key; the retry gets the same reply; the PMS and audit show it masked', async () => {
    const k = DEMO.kiosk.id;
    const body = {
      bookingId: 'bk-1001',
      guest: { name: '王芳', document: 'resident_id', number: '11010519491231002X' },
    };
    const first = await ask(hotel, k, 'checkin.complete', 'checkin.completed', body);
    expect(first.body).toMatchObject({
      bookingId: 'bk-1001',
      problem: null,
      room: { number: '801', floor: '8F' },
    });
    const key = first.body.key as { cardId: string };
    expect(key.cardId).toMatch(/^card-/);
    const blanks = t.server.systems.keys.blankCards();

    // The same envelope again (a retry after a lost reply): the same room and card, no second key.
    const again = await ask(hotel, k, 'checkin.complete', 'checkin.completed', body, first.id);
    expect(again.body).toEqual(first.body);
    expect(t.server.systems.keys.blankCards()).toBe(blanks);
    // A new request for the same booking is refused.
    const second = await ask(hotel, k, 'checkin.complete', 'checkin.completed', body);
    expect(second.body.problem?.code).toBe('ALREADY_CHECKED_IN');

    const stored = t.server.systems.property.booking('bk-1001');
    expect(stored).toMatchObject({ status: 'checked_in', room: { number: '801' } });
    expect(stored?.guestIdentity?.numberMasked).toBe('1101**********002X');
    const audit = await t.server.store.audit.list();
    const entry = audit.find((a) => a.action === 'checkin.complete' && a.detail.outcome === 'ok');
    expect(entry).toMatchObject({ subject: 'booking:bk-1001', detail: { room: '801', keyIssued: true } });
    expect(JSON.stringify(audit)).not.toContain('11010519491231002X');
  });

  it('refuses an ID with a wrong checksum and a name that does not match the booking', async () => {
    const k = DEMO.kiosk.id;
    const bad = await ask(hotel, k, 'checkin.complete', 'checkin.completed', {
      bookingId: 'bk-1006',
      guest: { name: '陈静', document: 'resident_id', number: '110105194912310021' },
    });
    expect(bad.body).toMatchObject({ room: null, key: null, problem: { code: 'ID_INVALID' } });
    const other = await ask(hotel, k, 'checkin.complete', 'checkin.completed', {
      bookingId: 'bk-1006',
      guest: { name: 'Someone Else', document: 'passport', number: 'E12345678' },
    });
    expect(other.body.problem?.code).toBe('NAME_MISMATCH');
    expect(t.server.systems.property.booking('bk-1006')?.status).toBe('booked');
  });

  it('hands over when the key encoder has no cards: the room is assigned, no key', async () => {
    t.server.systems.keys.load(0);
    try {
      const r = await ask(hotel, DEMO.kiosk.id, 'checkin.complete', 'checkin.completed', {
        bookingId: 'bk-1002',
        guest: { name: 'JOHN SMITH', document: 'passport', number: 'E12345678' },
      });
      expect(r.body).toMatchObject({ key: null, problem: { code: 'KEY_NO_BLANK_CARDS' } });
      expect((r.body.room as { number: string }).number).toMatch(/^\d+$/);
    } finally {
      t.server.systems.keys.load(100);
    }
  });

  it('checks out: the bill total, settled, once', async () => {
    const k = DEMO.kiosk.id;
    const found = await ask(hotel, k, 'booking.find', 'booking.found', {
      purpose: 'checkout',
      by: { method: 'reference', reference: 'YQ2026D4', surname: 'brown' },
    });
    const bill = (found.body.booking as { bill: { totalCents: number } }).bill;
    expect(bill.totalCents).toBe(2 * 52_800 + 6_800 + 8_800);
    const out = await ask(hotel, k, 'checkout.complete', 'checkout.completed', {
      bookingId: 'bk-1004',
      keyReturned: true,
    });
    expect(out.body).toMatchObject({
      totalCents: bill.totalCents,
      currency: 'CNY',
      settled: true,
      problem: null,
    });
    const again = await ask(hotel, k, 'checkout.complete', 'checkout.completed', {
      bookingId: 'bk-1004',
      keyReturned: true,
    });
    expect(again.body).toMatchObject({ settled: false, problem: { code: 'ALREADY_CHECKED_OUT' } });
    expect(t.server.systems.property.rooms('grand-hotel').find((r) => r.number === '1203')?.state).toBe(
      'vacant_dirty',
    );
  });

  it('a hotel request from the hospital kiosk is refused politely', async () => {
    const r = await ask(clinic, HOSPITAL.id, 'booking.find', 'booking.found', {
      purpose: 'checkin',
      by: { method: 'reference', reference: 'YQ2026A1', surname: '王' },
    });
    expect(r.body).toMatchObject({ booking: null, problem: { code: 'NOT_AVAILABLE_HERE' } });
  });

  it('hospital: appointments by QR and by resident ID; check-in gives one queue number and the way there', async () => {
    const h = HOSPITAL.id;
    const byQr = await ask(clinic, h, 'appointment.find', 'appointment.found', {
      by: { method: 'qr', payload: 'FDAPPT1:apt-2001' },
    });
    expect(byQr.body).toMatchObject({
      appointments: [{ id: 'apt-2001', patientName: '刘*', department: 'internal_medicine' }],
      problem: null,
    });
    const byId = await ask(clinic, h, 'appointment.find', 'appointment.found', {
      by: { method: 'resident_id', number: '310115198503151230' },
    });
    expect(byId.body).toMatchObject({ appointments: [{ id: 'apt-2002', department: 'cardiology' }] });
    const badId = await ask(clinic, h, 'appointment.find', 'appointment.found', {
      by: { method: 'resident_id', number: '310115198503151231' },
    });
    expect(badId.body.problem?.code).toBe('ID_INVALID');
    const tomorrow = await ask(clinic, h, 'appointment.find', 'appointment.found', {
      by: { method: 'resident_id', number: '510107201805207895' },
    });
    expect(tomorrow.body.problem?.code).toBe('APPOINTMENT_NOT_TODAY');

    const checkin = await ask(clinic, h, 'appointment.checkin', 'appointment.checked_in', {
      appointmentId: 'apt-2001',
    });
    expect(checkin.body).toMatchObject({
      department: 'internal_medicine',
      queueNumber: 1,
      queueLabel: 'A001',
      place: 'c-internal-medicine',
      problem: null,
    });
    const retry = await ask(
      clinic,
      h,
      'appointment.checkin',
      'appointment.checked_in',
      { appointmentId: 'apt-2001' },
      checkin.id,
    );
    expect(retry.body).toEqual(checkin.body);
    const audit = await t.server.store.audit.list();
    expect(audit.filter((a) => a.action === 'appointment.checkin')).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('310115198503151230');
  });

  it('rejects a malformed journey request on the error topic with a stable code', async () => {
    const id = rid('bad');
    await hotel.publish(
      `fd/v1/device/${DEMO.kiosk.id}/up`,
      env(
        DEMO.kiosk.id,
        'checkin.complete',
        { requestId: id, bookingId: 'bk-1001', guest: { name: '' } },
        id,
      ),
    );
    const err = await hotel.waitFor(
      (m) => m.topic.endsWith('/error') && m.json.body.ref === id,
      5000,
      'the error',
    );
    expect(err.json.body).toMatchObject({ code: 'INVALID_MESSAGE' });
  });

  it('masks ID numbers in the log lines of journey steps', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (s: string) => lines.push(s) });
    logger.info({ guest: { number: '11010519491231002X' } }, 'journey step');
    expect(lines.join('')).not.toContain('11010519491231002X');
  });
});
