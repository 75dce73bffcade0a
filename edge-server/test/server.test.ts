/**
 * The edge server end to end, on real parts: the server in-process with its SQLite file, the
 * embedded aedes broker or a real Mosquitto (`MQTT_URL`), and mqtt.js clients acting as kiosks and
 * staff consoles. Both broker modes run the same tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from './harness.js';
import {
  DEMO,
  env,
  kioskOnline,
  staffOnline,
  startTestServer,
  waitUntil,
  type Mode,
  type TestServer,
} from './harness.js';

const raise = (from: string, escalationId: string, extra: object = {}) =>
  env(from, 'escalation.raise', {
    escalationId,
    conversationId: `conv-${escalationId}`,
    trigger: 'asked_for_person',
    lang: 'zh',
    summary: '客人要求人工服务',
    ...extra,
  });

describe.each<Mode>(['embedded', 'external'])('edge server with the %s broker', (mode) => {
  let t: TestServer;
  let kiosk: TestClient;
  let liNa: TestClient;
  let wangWei: TestClient;

  beforeAll(async () => {
    t = await startTestServer(mode);
    kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    liNa = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    wangWei = await staffOnline(t.mqttUrl, DEMO.frontDesk2);
    await waitUntil(
      async () =>
        (await t.server.store.staff.getPresence(DEMO.frontDesk.id))?.online === true &&
        (await t.server.store.staff.getPresence(DEMO.frontDesk2.id))?.online === true,
      5000,
      'staff presence',
    );
  });
  afterAll(async () => {
    await Promise.all([kiosk?.close(), liNa?.close(), wangWei?.close()]);
    await t?.close();
  });

  it('answers /healthz with the broker mode and store', async () => {
    const res = await fetch(`${t.httpUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      broker: { mode, connected: true },
      store: { kind: 'sqlite', schemaVersion: 9 },
    });
  });

  it('routes a request for a person to front-desk staff and acknowledges the kiosk', async () => {
    const msg = raise(DEMO.kiosk.id, `esc-route-${mode}`);
    await kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, msg);
    const ack = await kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === msg.id, 5000, 'ack');
    expect(ack.json.body).toMatchObject({ duplicate: false, entityId: `esc-route-${mode}` });
    const offered = await Promise.race([
      liNa.waitFor(
        (m) =>
          m.json.type === 'escalation.offered' &&
          (m.json.body.escalation as { id: string }).id === `esc-route-${mode}`,
        5000,
      ),
      wangWei.waitFor(
        (m) =>
          m.json.type === 'escalation.offered' &&
          (m.json.body.escalation as { id: string }).id === `esc-route-${mode}`,
        5000,
      ),
    ]);
    expect(offered.json.body.escalation).toMatchObject({
      skill: 'front_desk',
      level: 0,
      status: 'pending',
      summary: '客人要求人工服务',
      place: 'h-lobby-kiosk',
    });
    const update = await kiosk.waitFor((m) => m.json.type === 'escalation.updated', 5000);
    expect(update.json.body.escalation).toMatchObject({
      id: `esc-route-${mode}`,
      status: 'pending',
      position: expect.any(Number),
    });
  });

  it('lets one member of staff claim, chat and resolve; a second claim is refused with CONFLICT', async () => {
    const id = `esc-claim-${mode}`;
    await kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, raise(DEMO.kiosk.id, id));
    const first = await Promise.race([
      liNa
        .waitFor(
          (m) => m.json.type === 'escalation.offered' && (m.json.body.escalation as { id: string }).id === id,
        )
        .then(() => ({ claimer: liNa, other: wangWei, who: DEMO.frontDesk })),
      wangWei
        .waitFor(
          (m) => m.json.type === 'escalation.offered' && (m.json.body.escalation as { id: string }).id === id,
        )
        .then(() => ({ claimer: wangWei, other: liNa, who: DEMO.frontDesk2 })),
    ]);
    const otherWho = first.who === DEMO.frontDesk ? DEMO.frontDesk2 : DEMO.frontDesk;
    await first.claimer.publish(
      `fd/v1/staff/${first.who.id}/up`,
      env(first.who.id, 'escalation.claim', { escalationId: id }),
    );
    const claimed = await kiosk.waitFor(
      (m) =>
        m.json.type === 'escalation.updated' &&
        (m.json.body.escalation as { id: string; status: string }).id === id &&
        (m.json.body.escalation as { status: string }).status === 'claimed',
    );
    expect((claimed.json.body.escalation as { assignee: { name: string } }).assignee.name).toMatch(
      /李娜|王伟/,
    );

    const late = env(otherWho.id, 'escalation.claim', { escalationId: id });
    await first.other.publish(`fd/v1/staff/${otherWho.id}/up`, late);
    const conflict = await first.other.waitFor(
      (m) => m.topic.endsWith('/error') && m.json.body.ref === late.id,
    );
    expect(conflict.json.body.code).toBe('CONFLICT');

    await first.claimer.publish(
      `fd/v1/staff/${first.who.id}/up`,
      env(first.who.id, 'chat.send', { escalationId: id, text: '您好，我马上到' }),
    );
    const chat = await kiosk.waitFor(
      (m) => m.json.type === 'chat.message' && m.json.body.escalationId === id,
    );
    expect(chat.json.body).toMatchObject({ from: 'staff', text: '您好，我马上到' });
    await kiosk.publish(
      `fd/v1/device/${DEMO.kiosk.id}/up`,
      env(DEMO.kiosk.id, 'chat.send', { escalationId: id, text: 'thanks' }),
    );
    await first.claimer.waitFor((m) => m.json.type === 'chat.message' && m.json.body.text === 'thanks');

    await first.claimer.publish(
      `fd/v1/staff/${first.who.id}/up`,
      env(first.who.id, 'escalation.resolve', { escalationId: id, note: 'helped at the desk' }),
    );
    await kiosk.waitFor(
      (m) =>
        m.json.type === 'escalation.updated' &&
        (m.json.body.escalation as { id: string; status: string }).id === id &&
        (m.json.body.escalation as { status: string }).status === 'resolved',
    );
    const events = await t.server.store.escalations.events(id);
    expect(events.map((e) => e.kind)).toEqual(['raised', 'offered', 'claimed', 'resolved']);
  });

  it('treats a replayed message id as one request (QoS 1 redelivery, outbox replay)', async () => {
    const msg = raise(DEMO.kiosk.id, `esc-replay-${mode}`);
    await kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, msg);
    await kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, msg);
    await kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, msg);
    await waitUntil(
      () => kiosk.received.filter((m) => m.json.type === 'ack' && m.json.body.ref === msg.id).length === 3,
      5000,
      'three acks',
    );
    const acks = kiosk.received
      .filter((m) => m.json.type === 'ack' && m.json.body.ref === msg.id)
      .map((m) => m.json.body.duplicate);
    expect(acks).toEqual([false, true, true]);
    expect(
      (await t.server.store.escalations.events(`esc-replay-${mode}`)).filter((e) => e.kind === 'raised'),
    ).toHaveLength(1);
  });

  it('sends the hospital emergency to nursing at emergency priority', async () => {
    const hospitalKiosk = await kioskOnline(t.mqttUrl, DEMO.hospitalKiosk);
    const nurse = await staffOnline(t.mqttUrl, DEMO.nurse);
    try {
      await waitUntil(
        async () => (await t.server.store.staff.getPresence(DEMO.nurse.id))?.online === true,
        5000,
        'nurse presence',
      );
      await hospitalKiosk.publish(
        `fd/v1/device/${DEMO.hospitalKiosk.id}/up`,
        raise(DEMO.hospitalKiosk.id, `esc-er-${mode}`, {
          trigger: 'emergency',
          intent: 'emergency',
          department: 'emergency',
          lang: 'en',
          summary: 'my father collapsed',
        }),
      );
      const offered = await nurse.waitFor(
        (m) =>
          m.json.type === 'escalation.offered' &&
          (m.json.body.escalation as { id: string }).id === `esc-er-${mode}`,
      );
      expect(offered.json.body.escalation).toMatchObject({ skill: 'nursing', priority: 'emergency' });
    } finally {
      await Promise.all([hospitalKiosk.close(), nurse.close()]);
    }
  });
});
