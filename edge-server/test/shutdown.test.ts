/**
 * Regression: a kiosk connected over MQTT/WebSocket held `RunningServer.close()` until the socket went
 * away by itself (the HTTP server's close waits for upgraded sockets), so a restart with a browser
 * attached took as long as the client's keep-alive.
 */
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
