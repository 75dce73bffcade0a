/**
 * Regression: a revoked device stayed connected until it reconnected. The real server with the
 * embedded aedes broker, a real mqtt.js client that reconnects on its own, and the admin HTTP API:
 * revoke → the connection is closed at once and every reconnect is refused.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, TestClient, staffToken, startTestServer, waitUntil, type TestServer } from './harness.js';

const KIOSK = { id: 'kiosk-hospital-2f', secret: 'demo-kiosk-secret-3' };
const HOSPITAL_ADMIN = { id: 'ma-chao', password: 'demo-admin-2' };

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer('embedded');
});
afterAll(async () => t?.close());

const revoke = (deviceId: string, token: string) =>
  fetch(`${t.httpUrl}/api/devices/${deviceId}/revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });

describe('revoking a device', () => {
  it('is for admins of its site only', async () => {
    const hotelAdmin = await staffToken(t.httpUrl, DEMO.hotelAdmin.id, DEMO.hotelAdmin.password);
    const clerk = await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password);
    const otherSite = await revoke(KIOSK.id, hotelAdmin);
    expect(otherSite.status).toBe(403);
    expect(((await otherSite.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect((await revoke(DEMO.kiosk.id, clerk)).status).toBe(403);
    expect((await revoke('no-such-kiosk', hotelAdmin)).status).toBe(404);
    expect((await t.server.store.devices.get(KIOSK.id))?.revoked).toBe(false);
    expect((await t.server.store.devices.get(DEMO.kiosk.id))?.revoked).toBe(false);
  });

  it('closes its live connection at once and refuses its reconnects', async () => {
    const client = mqtt.connect(t.mqttUrl, {
      username: KIOSK.id,
      password: KIOSK.secret,
      clientId: KIOSK.id,
      // As the kiosk does: reconnect on its own after a drop.
      reconnectPeriod: 100,
      connectTimeout: 5000,
    });
    const events: string[] = [];
    const refusals: number[] = [];
    client.on('connect', () => events.push('connect'));
    client.on('close', () => events.push('close'));
    client.on('error', (err) => {
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'number') refusals.push(code);
    });
    try {
      await waitUntil(() => client.connected, 5000, 'the kiosk to connect');
      const admin = await staffToken(t.httpUrl, HOSPITAL_ADMIN.id, HOSPITAL_ADMIN.password);
      const res = await revoke(KIOSK.id, admin);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id: KIOSK.id, revoked: true, disconnected: 1 });

      await waitUntil(() => events.includes('close'), 5000, 'the connection to close');
      // mqtt.js tries again on its own; the broker refuses it (CONNACK 4, bad username or password).
      await waitUntil(() => refusals.length > 0, 5000, 'the reconnect to be refused');
      expect(refusals).toEqual([4]);
      expect(events.filter((e) => e === 'connect')).toHaveLength(1);
      expect(client.connected).toBe(false);
      // And so is a fresh connection with the right secret.
      await expect(TestClient.connect(t.mqttUrl, KIOSK.id, KIOSK.secret)).rejects.toThrow(
        /Bad username or password/,
      );

      const audit = await t.server.store.audit.list({ limit: 1000 });
      expect(audit.filter((a) => a.action === 'device.revoke')).toMatchObject([
        { actor: `staff:${HOSPITAL_ADMIN.id}`, subject: `device:${KIOSK.id}` },
      ]);
    } finally {
      await client.endAsync(true);
    }
  });
});
