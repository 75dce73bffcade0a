/**
 * Regression: a kiosk connected over MQTT/WebSocket held `RunningServer.close()` until the socket went
 * away by itself (the HTTP server's close waits for upgraded sockets), so a restart with a browser
 * attached took as long as the client's keep-alive.
 */
import { connect } from 'node:net';
import mqtt from 'mqtt';
import { afterEach, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from './harness.js';

let t: TestServer | null = null;
afterEach(async () => {
  await t?.close().catch(() => undefined);
  t = null;
});

it('closes at once while a kiosk is connected over WebSocket', { timeout: 30_000 }, async () => {
  t = await startTestServer('embedded');
  const client = await mqtt.connectAsync(t.server.mqttWsUrl!, {
    clientId: DEMO.kiosk.id,
    username: DEMO.kiosk.id,
    password: DEMO.kiosk.secret,
    keepalive: 120,
    reconnectPeriod: 0,
  });
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  const started = performance.now();
  await t.server.close();
  await closed;
  // The client's keep-alive is 120 s: anything near it means the server waited for the socket.
  expect(performance.now() - started).toBeLessThan(5000);
  client.end(true);
  t = null;
});

it(
  'does not wait for a request still in flight (a slow upload or download)',
  { timeout: 30_000 },
  async () => {
    t = await startTestServer('embedded');
    const { hostname, port } = new URL(t.httpUrl);
    // A body promised but never sent: the request stays in flight until the server cuts it.
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // First a complete request on the same keep-alive connection, so the server has surely accepted it.
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    const auth = Buffer.from(`${DEMO.kiosk.id}:${DEMO.kiosk.secret}`).toString('base64');
    socket.write(
      `POST /api/photos HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Basic ${auth}\r\n` +
        'Content-Type: image/jpeg\r\nContent-Length: 1000000\r\n\r\n\xff\xd8\xff',
    );
    // Let the server read the headers and start the handler, which now waits for the body.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cut = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const started = performance.now();
    await t.server.close();
    await cut;
    // The grace before cutting is 3 s; a server that waited for the body would never finish.
    expect(performance.now() - started).toBeLessThan(10_000);
    t = null;
  },
);
