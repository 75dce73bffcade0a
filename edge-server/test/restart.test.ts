/**
 * A crash of the server (SIGKILL, no shutdown) with QoS 1 messages in flight, then a restart on the
 * same data: nothing the server acknowledged is lost, and nothing is applied twice. The kiosk side
 * does what the kiosk's outbox does: keep every request until the server's `ack` arrives, and send
 * what is still unacknowledged again after reconnecting.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  env,
  freePort,
  healthy,
  startChild,
  startMosquitto,
  tempDir,
  waitUntil,
  type Mode,
  type Mosquitto,
} from './harness.js';

const TOTAL = 300;
/** Acks seen before the crash is triggered, from inside the message handler so that it lands mid-burst. */
const CRASH_AFTER_ACKS = 5;

describe.each<Mode>(['embedded', 'external'])('a crash and restart with the %s broker', (mode) => {
  const dataDir = tempDir(`restart-${mode}`);
  let child: ChildProcess | null = null;
  let mosquitto: Mosquitto | null = null;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await mosquitto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged and applies nothing twice', async () => {
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
      // One kiosk bursts 300 escalations here to have messages in flight at the crash: far over its budget.
      DEVICE_RATE_LIMITS: 'off',
      ...(mosquitto ? { MQTT_URL: mosquitto.url, MQTT_PASSWORD: mosquitto.serverPassword } : {}),
    };
    const httpUrl = `http://127.0.0.1:${httpPort}`;
    const brokerUrl = mosquitto?.url ?? `mqtt://127.0.0.1:${mqttPort}`;
    const log = join(dataDir, 'server.log');
    child = startChild(envVars, log);
    await waitUntil(() => healthy(httpUrl), 30_000, 'the server to start');

    // The kiosk: a persistent session, QoS 1, and an outbox that only an application ack empties.
    const outbox = new Map<string, ReturnType<typeof env>>();
    const ackedBeforeCrash = new Set<string>();
    let crashed = false;
    const kiosk = mqtt.connect(brokerUrl, {
      clientId: DEMO.kiosk.id,
      username: DEMO.kiosk.id,
      password: DEMO.kiosk.secret,
      clean: false,
      reconnectPeriod: 200,
    });
    const errors: string[] = [];
    kiosk.on('message', (_topic, payload) => {
      const m = JSON.parse(payload.toString()) as { type: string; body: { ref?: string } };
      if (m.type === 'error') errors.push(JSON.stringify(m.body));
      if (m.type === 'ack' && m.body.ref) {
        outbox.delete(m.body.ref);
        if (!crashed) ackedBeforeCrash.add(m.body.ref);
        if (!crashed && ackedBeforeCrash.size >= CRASH_AFTER_ACKS) {
          crashed = true;
          child?.kill('SIGKILL');
        }
      }
    });
    await new Promise<void>((resolve) => kiosk.once('connect', () => resolve()));
    await kiosk.subscribeAsync(
      [`fd/v1/device/${DEMO.kiosk.id}/down`, `fd/v1/device/${DEMO.kiosk.id}/error`],
      { qos: 1 },
    );

    const ids: string[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const msg = env(DEMO.kiosk.id, 'escalation.raise', {
        escalationId: `esc-crash-${i}`,
        conversationId: `conv-crash-${i}`,
        trigger: 'asked_for_person',
        lang: 'en',
        summary: `request ${i}`,
      });
      ids.push(msg.id);
      outbox.set(msg.id, msg);
      kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, JSON.stringify(msg), { qos: 1 });
    }
    // Crash in the middle of the burst: some acknowledged, some in flight, some not yet handled.
    await waitUntil(() => crashed, 15_000, 'the first acks and the crash');
    await waitUntil(() => child!.exitCode !== null || child!.signalCode !== null, 5000, 'the crash');
    const ackedAtCrash = [...ackedBeforeCrash];
    expect(ackedAtCrash.length).toBeLessThan(TOTAL);

    child = startChild(envVars, log);
    await waitUntil(() => healthy(httpUrl), 30_000, 'the server to restart');
    await waitUntil(() => kiosk.connected, 10_000, 'the kiosk to reconnect');
    // The outbox sends again whatever is not acknowledged, every second, as the kiosk's does (the
    // server may have applied some of it already: the replays must not apply twice).
    const resend = () => {
      for (const msg of outbox.values())
        kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, JSON.stringify(msg), { qos: 1 });
    };
    resend();
    const retry = setInterval(resend, 1000);
    await waitUntil(() => outbox.size === 0, 20_000, 'every request to be acknowledged')
      .finally(() => clearInterval(retry))
      .catch((err: Error) => {
        throw new Error(
          `${err.message}: ${outbox.size} left, e.g. ${[...outbox.keys()].slice(0, 3).join(', ')}; errors: ${errors.join(' ')}; log: ${readFileSync(log, 'utf8').slice(-3000)}`,
        );
      });
    await kiosk.endAsync();

    const login = await fetch(`${httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: DEMO.hotelSupervisor.id, password: DEMO.hotelSupervisor.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${httpUrl}/api/escalations?status=pending,claimed,resolved,cancelled`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { escalations } = (await res.json()) as { escalations: Array<{ id: string }> };
    const crashIds = escalations.map((e) => e.id).filter((id) => id.startsWith('esc-crash-'));
    expect(crashIds.sort()).toEqual(Array.from({ length: TOTAL }, (_, i) => `esc-crash-${i}`).sort());
    child.kill('SIGTERM');
    await waitUntil(() => child!.exitCode !== null || child!.signalCode !== null, 10_000, 'a clean stop');

    // Exactly once: one `raised` event per request, however many times it was delivered.
    const db = new Database(join(dataDir, 'frontdesk.db'), { readonly: true });
    const raised = db
      .prepare(
        "SELECT escalation_id AS id, COUNT(*) AS n FROM escalation_events WHERE kind = 'raised' AND escalation_id LIKE 'esc-crash-%' GROUP BY escalation_id",
      )
      .all() as Array<{ id: string; n: number }>;
    db.close();
    expect(raised).toHaveLength(TOTAL);
    expect(raised.filter((r) => r.n !== 1)).toEqual([]);
  });
});
