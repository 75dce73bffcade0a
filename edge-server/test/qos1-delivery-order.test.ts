/**
 * Regression: QoS 1 messages the embedded broker acknowledged to a kiosk reached the server's
 * persistent session only after the server reconnected (aedes' dedupe dropped deliveries that its
 * LevelDB writes had reordered; moscajs/aedes#955). Here the persistence is made to finish every other
 * write late, so the reordering happens on every run instead of now and then.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { topics, type Principal } from '@frontdesk/protocol';
import type { Authenticator } from '../src/auth/authenticator.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../src/broker/embedded.js';
import { tempDir, waitUntil } from './harness.js';

const principalOf = (username: string): Principal =>
  username === 'edge-server' ? { kind: 'server' } : { kind: 'device', id: username, site: 'grand-hotel' };

const acceptAll = {
  authenticate: async (_clientId: string, username: string | undefined) => ({
    ok: true as const,
    principal: principalOf(username ?? ''),
  }),
} as unknown as Authenticator;

/** Every other offline-queue write of the persistence completes 30 ms late. */
function reorderingWrites<P>(persistence: P): P {
  const p = persistence as { outgoingEnqueueCombi: (subs: unknown, packet: unknown) => Promise<unknown> };
  const original = p.outgoingEnqueueCombi.bind(p);
  let calls = 0;
  p.outgoingEnqueueCombi = async (subs, packet) => {
    const late = calls++ % 2 === 0;
    const result = await original(subs, packet);
    if (late) await new Promise((r) => setTimeout(r, 30));
    return result;
  };
  return persistence;
}

describe('QoS 1 delivery to a persistent session through the embedded broker', () => {
  let broker: EmbeddedBroker | undefined;
  const clients: mqtt.MqttClient[] = [];
  let dir = '';

  afterEach(async () => {
    for (const c of clients) await c.endAsync(true);
    clients.length = 0;
    await broker?.close();
    broker = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every acknowledged message once, in the live session, when store writes finish out of order', async () => {
    dir = tempDir('qos1-order');
    broker = await startEmbeddedBroker({
      dataDir: dir,
      host: '127.0.0.1',
      port: 0,
      authenticator: acceptAll,
      logger: pino({ level: 'silent' }),
      events: {
        denied: () => undefined,
        tooLarge: () => undefined,
        authFailed: () => undefined,
        willRefused: () => undefined,
      },
      wrapPersistence: reorderingWrites,
      compactEveryMs: 30_000,
    });
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const got: number[] = [];
    const server = mqtt.connect(url, {
      clientId: 'edge-server',
      username: 'edge-server',
      password: 'x',
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    clients.push(server);
    // The server acknowledges only after an asynchronous step (its commit), as the edge server does.
    server.handleMessage = (packet, done) => {
      const { i } = JSON.parse(packet.payload.toString()) as { i: number };
      setTimeout(() => {
        got.push(i);
        done();
      }, 5);
    };
    await new Promise((r) => server.once('connect', r));
    await server.subscribeAsync(topics.of('device', '+', 'up'), { qos: 1 });

    const kiosk = mqtt.connect(url, {
      clientId: 'kiosk-1',
      username: 'kiosk-1',
      password: 'x',
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    clients.push(kiosk);
    await new Promise((r) => kiosk.once('connect', r));
    const n = 60;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        kiosk.publishAsync(topics.of('device', 'kiosk-1', 'up'), JSON.stringify({ i }), { qos: 1 }),
      ),
    );
    // All n were acknowledged to the kiosk; the server must get them without reconnecting.
    await waitUntil(() => got.length >= n, 15_000, `${n} deliveries (got ${got.length})`).catch(
      () => undefined,
    );
    const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !got.includes(i));
    expect(missing).toEqual([]);
    expect(got).toHaveLength(n);
  }, 30_000);
});
