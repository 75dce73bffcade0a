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
