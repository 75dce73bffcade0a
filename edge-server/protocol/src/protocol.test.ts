import { describe, expect, it } from 'vitest';
import {
  MAX_UP_PAYLOAD_BYTES,
  canPublish,
  canSubscribe,
  decodeDeviceUp,
  decodeDown,
  decodeStaffUp,
  encodeDown,
  parseTopic,
  topics,
  type Principal,
} from './index.js';

const kiosk: Principal = { kind: 'device', id: 'k1', site: 'hotel' };
const staff: Principal = { kind: 'staff', id: 's1', site: 'hotel', role: 'staff' };
const supervisor: Principal = { kind: 'staff', id: 'boss', site: 'hotel', role: 'supervisor' };

describe('topics', () => {
  it('builds and parses the tree', () => {
    expect(topics.device('k1', 'up')).toBe('fd/v1/device/k1/up');
    expect(parseTopic('fd/v1/device/k1/up')).toEqual({ kind: 'device', id: 'k1', channel: 'up' });
    expect(parseTopic('fd/v1/staff/s1/status')).toEqual({ kind: 'staff', id: 's1', channel: 'status' });
    expect(parseTopic(topics.siteKb('hotel'))).toEqual({ kind: 'site', id: 'hotel', channel: 'kb' });
  });

  it.each([
    'fd/v2/device/k1/up',
    'fd/v1/device/k1/up/extra',
    'fd/v1/device/+/up',
    'fd/v1/device/k1/sideways',
    'fd/v1/site/hotel/up',
    'fd/v1/robot/k1/up',
    '',
  ])('rejects %j', (t) => expect(parseTopic(t)).toBeNull());
});

describe('ACL', () => {
  it.each<[Principal, string, boolean]>([
    [kiosk, 'fd/v1/device/k1/up', true],
    [kiosk, 'fd/v1/device/k1/status', true],
    [kiosk, 'fd/v1/device/k1/down', false],
    [kiosk, 'fd/v1/device/k2/up', false],
    [kiosk, 'fd/v1/staff/k1/up', false],
    [kiosk, 'fd/v1/site/hotel/kb', false],
    [staff, 'fd/v1/staff/s1/up', true],
    [staff, 'fd/v1/device/s1/up', false],
    [{ kind: 'server' }, 'fd/v1/device/k1/down', true],
  ])('publish %o → %s: %s', (p, topic, allowed) => expect(canPublish(p, topic).allow).toBe(allowed));

  it.each<[Principal, string, boolean]>([
    [kiosk, 'fd/v1/device/k1/down', true],
    [kiosk, 'fd/v1/device/k1/error', true],
    [kiosk, 'fd/v1/device/k1/up', false],
    [kiosk, 'fd/v1/device/k2/down', false],
    [kiosk, 'fd/v1/device/+/down', false],
    [kiosk, 'fd/v1/#', false],
    [kiosk, 'fd/v1/site/hotel/kb', true],
    [kiosk, 'fd/v1/site/hospital/kb', false],
    [kiosk, 'fd/v1/site/hotel/queue', false],
    [staff, 'fd/v1/site/hotel/queue', false],
    [supervisor, 'fd/v1/site/hotel/queue', true],
    [supervisor, 'fd/v1/site/hospital/queue', false],
    [staff, 'fd/v1/staff/s1/down', true],
    [staff, 'fd/v1/staff/boss/down', false],
  ])('subscribe %o → %s: %s', (p, filter, allowed) => expect(canSubscribe(p, filter).allow).toBe(allowed));
});

describe('codec', () => {
  const raise = {
    v: 1,
    id: 'm1',
    type: 'escalation.raise',
    from: 'k1',
    ts: 1,
    body: {
      escalationId: 'e1',
      conversationId: 'c1',
      trigger: 'emergency',
      lang: 'zh',
      summary: '有人晕倒了',
    },
  };

  it('decodes a valid message and fills defaults', () => {
    const r = decodeDeviceUp(new TextEncoder().encode(JSON.stringify(raise)));
    expect(r.ok).toBe(true);
    if (r.ok && r.message.type === 'escalation.raise') {
      expect(r.message.body).toMatchObject({ transcript: [], photoIds: [], vip: false });
    }
  });

  it('keeps device and staff vocabularies apart', () => {
    expect(decodeStaffUp(JSON.stringify(raise))).toMatchObject({
      ok: false,
      code: 'UNKNOWN_TYPE',
      ref: 'm1',
    });
    const claim = { ...raise, type: 'escalation.claim', body: { escalationId: 'e1' } };
    expect(decodeStaffUp(JSON.stringify(claim)).ok).toBe(true);
    expect(decodeDeviceUp(JSON.stringify(claim))).toMatchObject({ ok: false, code: 'UNKNOWN_TYPE' });
  });

  it('measures the size limit in bytes, not characters', () => {
    const zh = JSON.stringify({
      ...raise,
      body: { ...raise.body, pad: '好'.repeat(Math.ceil(MAX_UP_PAYLOAD_BYTES / 3)) },
    });
    expect(zh.length).toBeLessThan(MAX_UP_PAYLOAD_BYTES);
    expect(decodeDeviceUp(zh)).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('says where a body is wrong', () => {
    const bad = { ...raise, body: { ...raise.body, lang: 'fr' } };
    const r = decodeDeviceUp(JSON.stringify(bad));
    expect(r).toMatchObject({ ok: false, code: 'INVALID_MESSAGE' });
    if (!r.ok) expect(r.reason).toContain('body.lang');
  });

  it('refuses to encode a server message that breaks its own schema', () => {
    const meta = { id: 'x', from: 'edge-server', ts: 1 };
    const ok = encodeDown('ack', { ref: 'm1', duplicate: false, entityId: null }, meta);
    expect(decodeDown(ok)).toMatchObject({ ok: true, message: { type: 'ack', body: { ref: 'm1' } } });
    expect(() => encodeDown('ack', { ref: 'm1' } as never, meta)).toThrow();
  });
});

describe('journey messages', () => {
  const up = (type: string, body: object) =>
    decodeDeviceUp(JSON.stringify({ v: 1, id: 'r-1', type, from: 'k1', ts: 1, body }));

  it.each([
    { purpose: 'checkin', by: { method: 'reference', reference: 'YQ2026A1', surname: '王' } },
    { purpose: 'checkout', by: { method: 'phone', phoneDigits: '5678', surname: 'Smith' } },
    { purpose: 'checkin', by: { method: 'qr', payload: 'FDBOOK1:YQ2026B2:bk-1002' } },
  ])('accepts a booking lookup %#', (by) =>
    expect(up('booking.find', { requestId: 'r-1', ...by }).ok).toBe(true),
  );

  it.each<[string, object]>([
    [
      'booking.find',
      { requestId: 'r-1', purpose: 'checkin', by: { method: 'phone', phoneDigits: '12', surname: 'x' } },
    ],
    ['booking.find', { requestId: 'r-1', purpose: 'stay', by: { method: 'qr', payload: 'x' } }],
    [
      'checkin.complete',
      { requestId: 'r-1', bookingId: 'b', guest: { name: '', document: 'passport', number: 'E1234567' } },
    ],
    [
      'checkin.complete',
      { requestId: 'r-1', bookingId: 'b', guest: { name: 'x', document: 'photo', number: 'E1234567' } },
    ],
    ['appointment.find', { requestId: 'r-1', by: { method: 'resident_id', number: '123' } }],
    ['appointment.checkin', { appointmentId: 'a' }],
  ])('rejects a malformed %s', (type, body) => {
    const r = up(type, body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('INVALID_MESSAGE');
  });

  it('encodes a reply with a stable problem code and refuses an unknown one', () => {
    const meta = { id: 's', from: 'edge-server', ts: 1 };
    const problem = { code: 'NOT_ARRIVAL_DAY' as const, message: 'm', messageZh: 'z' };
    expect(
      JSON.parse(encodeDown('booking.found', { requestId: 'r-1', booking: null, problem }, meta)),
    ).toMatchObject({
      body: { problem: { code: 'NOT_ARRIVAL_DAY' } },
    });
    expect(() =>
      encodeDown(
        'booking.found',
        { requestId: 'r-1', booking: null, problem: { ...problem, code: 'NOPE' as never } },
        meta,
      ),
    ).toThrow();
  });
});
