import { describe, expect, it } from 'vitest';
import { WILL_PAYLOAD, canReplayWill, canSetWill, type Principal } from './index.js';

const kiosk: Principal = { kind: 'device', id: 'k1', site: 'hotel' };
const clerk: Principal = { kind: 'staff', id: 's1', site: 'hotel', role: 'staff' };
const offline = WILL_PAYLOAD;

describe('canSetWill (at CONNECT)', () => {
  it.each<[Principal, string, string, boolean]>([
    [kiosk, 'fd/v1/device/k1/status', offline, true],
    [clerk, 'fd/v1/staff/s1/status', offline, true],
    [clerk, 'fd/v1/staff/s1/status', '{ "state": "offline", "v": 1 }', true],
    [kiosk, 'fd/v1/staff/boss/up', offline, false],
    [kiosk, 'fd/v1/site/hotel/kb', offline, false],
    [kiosk, 'fd/v1/device/k2/status', offline, false],
    [kiosk, 'fd/v1/device/k1/up', offline, false],
    [kiosk, 'fd/v1/staff/k1/status', offline, false],
    [kiosk, 'fd/v1/device/k1/status', '{"v":1,"state":"online"}', false],
    [kiosk, 'fd/v1/device/k1/status', '{"v":1,"state":"offline","x":1}', false],
    [kiosk, 'fd/v1/device/k1/status', 'offline', false],
  ])('%o: %s %s → %s', (p, topic, payload, allowed) => {
    expect(canSetWill(p, { topic, payload: new TextEncoder().encode(payload) }).allow).toBe(allowed);
  });

  it('lets the server set any will', () => {
    expect(canSetWill({ kind: 'server' }, { topic: 'fd/v1/site/hotel/kb', payload: '{}' }).allow).toBe(true);
  });
});

describe('canReplayWill (a stored will, its client gone)', () => {
  it.each<[string, string, string, boolean]>([
    ['k1', 'fd/v1/device/k1/status', offline, true],
    ['s1.console-2', 'fd/v1/staff/s1/status', offline, true],
    ['k1', 'fd/v1/staff/zhao-lei/up', offline, false],
    ['k1', 'fd/v1/site/hotel/kb', offline, false],
    ['k1', 'fd/v1/site/hotel/queue', offline, false],
    ['k1', 'fd/v1/device/k1/up', offline, false],
    ['k1', 'fd/v1/device/k2/status', offline, false],
    ['k1.x', 'fd/v1/device/k1x/status', offline, false],
    ['k1', 'fd/v1/device/k1/status', '{"v":1,"state":"online"}', false],
    ['', 'fd/v1/device/k1/status', offline, false],
  ])('client %s: %s %s → %s', (clientId, topic, payload, allowed) => {
    expect(canReplayWill(clientId, { topic, payload }).allow).toBe(allowed);
  });
});
