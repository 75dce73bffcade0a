/**
 * Issue 10, item 1, across a real crash: foreign last-wills are planted while the server is down, and
 * must change nothing when it comes back. With the embedded broker the wills are written straight into
 * its LevelDB, as a kiosk could before the will rule was enforced (an already-planted will in an
 * existing data directory); aedes publishes wills of a crashed run after restart with no client, which
 * used to go through unchecked. With Mosquitto, the kiosk connects with them (Mosquitto 2.0.11 accepts
 * the CONNECT) and drops its connection while the server is down.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import aedesPersistenceLevel from 'aedes-persistence-level';
import Database from 'better-sqlite3';
import { Level } from 'level';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  TestClient,
  env,
  freePort,
  healthy,
  staffToken,
  startChild,
  startMosquitto,
  tempDir,
  waitUntil,
  type Mode,
  type Mosquitto,
} from './harness.js';

const kioskId = DEMO.kiosk.id;
const site = 'grand-hotel';

/** The attacks: a client id of the kiosk's (`<id>.<suffix>` is allowed) and the will it leaves. */
function plantedWills(escResolve: string, escClaim: string) {
  const supervisor = DEMO.hotelSupervisor.id;
  const clerk = DEMO.frontDesk.id;
  return [
    {
      clientId: `${kioskId}.w1`,
      topic: `fd/v1/staff/${supervisor}/up`,
      payload: env(supervisor, 'escalation.resolve', { escalationId: escResolve, note: 'planted' }),
      retain: false,
    },
    {
      clientId: `${kioskId}.w2`,
      topic: `fd/v1/staff/${clerk}/up`,
      payload: env(clerk, 'escalation.claim', { escalationId: escClaim }),
      retain: false,
    },
    {
      clientId: `${kioskId}.w3`,
      topic: `fd/v1/site/${site}/kb`,
      payload: { v: 1, id: 'kb-999', type: 'kb.snapshot', ts: 0, body: { site, version: 999, faq: [] } },
      retain: true,
    },
  ];
}
type Planted = ReturnType<typeof plantedWills>;

/**
 * Writes the wills into the embedded broker's store as aedes does, under a broker id that is gone; the
 * retained one also as the retained message, as if it had already been published before the fix.
 */
async function plantInLevel(dataDir: string, wills: Planted): Promise<void> {
  const db = new Level<string, Buffer>(join(dataDir, 'mqtt'), { valueEncoding: 'buffer' });
  const persistence = aedesPersistenceLevel(db) as unknown as {
    setup(broker: { id: string }): Promise<void>;
    putWill(client: { id: string }, packet: object): Promise<void>;
    storeRetained(packet: object): Promise<void>;
  };
  await persistence.setup({ id: 'a-broker-before-the-fix' });
  for (const w of wills) {
    const packet = { cmd: 'publish', topic: w.topic, payload: Buffer.from(JSON.stringify(w.payload)) };
    await persistence.putWill({ id: w.clientId }, { ...packet, qos: 1, retain: w.retain, dup: false });
    if (w.retain) await persistence.storeRetained({ ...packet, qos: 1, retain: true, dup: false });
  }
  await db.close();
}

/** Connects with each will (Mosquitto accepts them) and drops the connection without DISCONNECT. */
async function plantInMosquitto(url: string, wills: Planted): Promise<void> {
  for (const w of wills) {
    const c = await TestClient.connect(url, kioskId, DEMO.kiosk.secret, {
      clientId: w.clientId,
      will: { topic: w.topic, payload: JSON.stringify(w.payload), qos: 1, retain: w.retain },
    });
    c.client.stream.destroy();
    await c.close();
  }
}

async function raise(kiosk: TestClient, escalationId: string): Promise<void> {
  const msg = env(kioskId, 'escalation.raise', {
    escalationId,
    conversationId: `conv-${escalationId}`,
    trigger: 'asked_for_person',
    lang: 'en',
    summary: 'a person, please',
  });
  await kiosk.publish(`fd/v1/device/${kioskId}/up`, msg);
  await kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === msg.id, 10_000, `ack of ${msg.id}`);
}

function auditRows(
  dataDir: string,
  action: string,
): Array<{ actor: string; subject: string; detail: string }> {
  const db = new Database(join(dataDir, 'frontdesk.db'), { readonly: true });
  try {
    return db.prepare('SELECT actor, subject, detail FROM audit_log WHERE action = ?').all(action) as Array<{
      actor: string;
      subject: string;
      detail: string;
    }>;
  } finally {
    db.close();
  }
}

describe.each<Mode>(['embedded', 'external'])('planted last-wills and a crash with the %s broker', (mode) => {
  const dataDir = tempDir(`will-restart-${mode}`);
  let child: ChildProcess | null = null;
  let mosquitto: Mosquitto | null = null;
  const clients: TestClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await mosquitto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const outcome = mode === 'embedded' ? 'the refusals audited' : 'Mosquitto dropped the wills';
  it(`after a SIGKILL and restart: nothing resolved or claimed, the KB is the server’s, ${outcome}`, async () => {
    const httpPort = await freePort();
    const mqttPort = await freePort();
    mosquitto = mode === 'external' ? await startMosquitto(join(dataDir, 'mosquitto')) : null;
    const envVars: Record<string, string> = {
      PORT: String(httpPort),
      MQTT_PORT: String(mqttPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO: '1',
      // Wills of a crashed run are published every 4 heartbeats: within about a second, not 4 minutes.
      MQTT_HEARTBEAT_MS: '250',
      ...(mosquitto ? { MQTT_URL: mosquitto.url, MQTT_PASSWORD: mosquitto.serverPassword } : {}),
    };
    const httpUrl = `http://127.0.0.1:${httpPort}`;
    const brokerUrl = mosquitto?.url ?? `mqtt://127.0.0.1:${mqttPort}`;
    const log = join(dataDir, 'server.log');
    child = startChild(envVars, log);
    await waitUntil(() => healthy(httpUrl), 30_000, 'the server to start');

    const kiosk = await TestClient.connect(brokerUrl, kioskId, DEMO.kiosk.secret, { reconnectPeriod: 200 });
    clients.push(kiosk);
    await kiosk.subscribe(`fd/v1/device/${kioskId}/down`, `fd/v1/device/${kioskId}/error`);
    await raise(kiosk, 'esc-will-a');
    await raise(kiosk, 'esc-will-b');
    const kb = (await (await fetch(`${httpUrl}/api/kb/${site}`)).json()) as { version: number };
    const wills = plantedWills('esc-will-a', 'esc-will-b');

    child.kill('SIGKILL');
    await waitUntil(() => child!.exitCode !== null || child!.signalCode !== null, 5000, 'the crash');
    if (mode === 'embedded') await plantInLevel(dataDir, wills);
    else await plantInMosquitto(brokerUrl, wills);

    child = startChild(envVars, log);
    await waitUntil(() => healthy(httpUrl), 30_000, 'the server to restart');
    await waitUntil(() => kiosk.client.connected, 10_000, 'the kiosk to reconnect');
    if (mode === 'embedded') {
      // The broker refuses each planted will when it replays it, and says so in the audit trail.
      const refused = () =>
        auditRows(dataDir, 'acl.denied_publish').filter((r) =>
          r.actor.startsWith(`mqtt-client:${kioskId}.w`),
        );
      await waitUntil(
        () => refused().length === wills.length,
        10_000,
        'the refusals in the audit trail',
      ).catch((err: Error) => {
        throw new Error(`${err.message}; log: ${readFileSync(log, 'utf8').slice(-3000)}`);
      });
      expect(
        refused()
          .map((r) => r.subject)
          .sort(),
      ).toEqual(wills.map((w) => `topic:${w.topic}`).sort());
      expect(refused().every((r) => (JSON.parse(r.detail) as { will: boolean }).will)).toBe(true);
    }
    // Messages queued while the server was down are handled before this one is acknowledged.
    await raise(kiosk, 'esc-will-c');

    const token = await staffToken(httpUrl, DEMO.hotelSupervisor.id, DEMO.hotelSupervisor.password);
    const res = await fetch(`${httpUrl}/api/escalations?status=pending,claimed,resolved,cancelled`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { escalations } = (await res.json()) as { escalations: Array<{ id: string; status: string }> };
    const status = (id: string) => escalations.find((e) => e.id === id)?.status;
    expect([status('esc-will-a'), status('esc-will-b')]).toEqual(['pending', 'pending']);
    expect(auditRows(dataDir, 'escalation.resolved')).toEqual([]);
    expect(auditRows(dataDir, 'escalation.claimed')).toEqual([]);

    // What a kiosk now gets on the retained kb topic is the server's knowledge base.
    const reader = await TestClient.connect(brokerUrl, kioskId, DEMO.kiosk.secret, {
      clientId: `${kioskId}.kb`,
    });
    clients.push(reader);
    await reader.subscribe(`fd/v1/site/${site}/kb`);
    const retained = await reader.waitFor((m) => m.json.type === 'kb.snapshot', 5000, 'the retained kb');
    expect(retained.json.body.version).toBe(kb.version);
  });
});
