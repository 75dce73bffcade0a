/**
 * Every way a message can be wrong, on both broker modes: each is rejected with a stable code on the
 * sender's error topic, counted, and leaves the server healthy and the store untouched. And the ACL:
 * a principal can publish and read only its own topics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSubscribe } from '@frontdesk/protocol';
import {
  DEMO,
  TestClient,
  env,
  kioskOnline,
  staffOnline,
  startTestServer,
  waitUntil,
  type Mode,
  type TestServer,
} from './harness.js';

const K = DEMO.kiosk.id;
const UP = `fd/v1/device/${K}/up`;
const validBody = {
  escalationId: 'esc-x',
  conversationId: 'conv-x',
  trigger: 'asked_for_person',
  lang: 'en',
  summary: 'help',
};

const ticketBody = { ticketId: 'tkt-x', category: 'plumbing', description: 'leak', lang: 'zh' };

const cases: Array<{ name: string; payload: string | Buffer; code: string; ref?: string; reason?: RegExp }> =
  [
    { name: 'not JSON', payload: 'hello there', code: 'MALFORMED_JSON' },
    { name: 'invalid UTF-8 bytes', payload: Buffer.from([0xff, 0xfe, 0x7b, 0x00]), code: 'MALFORMED_JSON' },
    { name: 'truncated JSON', payload: '{"v":1,"id":"a","type":"escalation.raise"', code: 'MALFORMED_JSON' },
    { name: 'a JSON array', payload: '[1,2,3]', code: 'INVALID_MESSAGE' },
    { name: 'a JSON string', payload: '"escalation.raise"', code: 'INVALID_MESSAGE' },
    { name: 'JSON null', payload: 'null', code: 'INVALID_MESSAGE' },
    {
      name: 'unknown protocol version',
      payload: JSON.stringify({ ...env(K, 'escalation.raise', validBody, 'bad-v2'), v: 2 }),
      code: 'UNSUPPORTED_VERSION',
      ref: 'bad-v2',
    },
    {
      name: 'version as a string',
      payload: JSON.stringify({ ...env(K, 'escalation.raise', validBody, 'bad-vs'), v: '1' }),
      code: 'INVALID_MESSAGE',
      ref: 'bad-vs',
    },
    {
      name: 'missing message id',
      payload: JSON.stringify({ v: 1, type: 'escalation.raise', from: K, ts: 1, body: validBody }),
      code: 'INVALID_MESSAGE',
    },
    {
      name: 'message id with a slash',
      payload: JSON.stringify(env(K, 'escalation.raise', validBody, 'a/b')),
      code: 'INVALID_MESSAGE',
    },
    {
      name: 'negative timestamp',
      payload: JSON.stringify({ ...env(K, 'escalation.raise', validBody, 'bad-ts'), ts: -5 }),
      code: 'INVALID_MESSAGE',
      ref: 'bad-ts',
    },
    {
      name: 'unknown type',
      payload: JSON.stringify(env(K, 'escalation.explode', validBody, 'bad-type')),
      code: 'UNKNOWN_TYPE',
      ref: 'bad-type',
    },
    {
      name: 'prototype key as type',
      payload: JSON.stringify(env(K, '__proto__', validBody, 'bad-proto')),
      code: 'UNKNOWN_TYPE',
      ref: 'bad-proto',
    },
    {
      name: 'a staff-only type from a device',
      payload: JSON.stringify(env(K, 'escalation.claim', { escalationId: 'esc-x' }, 'bad-claim')),
      code: 'UNKNOWN_TYPE',
      ref: 'bad-claim',
    },
    {
      name: 'body missing a field',
      payload: JSON.stringify(env(K, 'escalation.raise', { ...validBody, summary: undefined }, 'bad-body')),
      code: 'INVALID_MESSAGE',
      ref: 'bad-body',
    },
    {
      name: 'unknown trigger',
      payload: JSON.stringify(env(K, 'escalation.raise', { ...validBody, trigger: 'bored' }, 'bad-trigger')),
      code: 'INVALID_MESSAGE',
      ref: 'bad-trigger',
    },
    {
      name: 'unknown intent id',
      payload: JSON.stringify(
        env(K, 'escalation.raise', { ...validBody, intent: 'hotel.spaceship' }, 'bad-intent'),
      ),
      code: 'INVALID_MESSAGE',
      ref: 'bad-intent',
    },
    {
      name: 'summary too long',
      payload: JSON.stringify(
        env(K, 'escalation.raise', { ...validBody, summary: 'x'.repeat(501) }, 'bad-long'),
      ),
      code: 'INVALID_MESSAGE',
      ref: 'bad-long',
    },
    {
      name: 'entity id with a wildcard',
      payload: JSON.stringify(env(K, 'escalation.raise', { ...validBody, escalationId: 'esc+#' }, 'bad-eid')),
      code: 'INVALID_MESSAGE',
      ref: 'bad-eid',
    },
    {
      name: 'rating out of range',
      payload: JSON.stringify(env(K, 'rating.submit', { conversationId: 'c', score: 9 }, 'bad-score')),
      code: 'INVALID_MESSAGE',
      ref: 'bad-score',
    },
    // Hostile text (protocol safe-text.ts): refused by the schema, with the field and the code point.
    {
      name: 'a summary with a right-to-left override',
      payload: JSON.stringify(
        env(K, 'escalation.raise', { ...validBody, summary: 'room \u202e3021' }, 'bad-rlo'),
      ),
      code: 'INVALID_MESSAGE',
      ref: 'bad-rlo',
      reason: /^body\.summary: contains a bidirectional control \(U\+202E\)/,
    },
    {
      name: 'a transcript turn with NUL',
      payload: JSON.stringify(
        env(
          K,
          'escalation.raise',
          { ...validBody, transcript: [{ role: 'guest', text: 'a\u0000b', at: 1 }] },
          'bad-nul',
        ),
      ),
      code: 'INVALID_MESSAGE',
      ref: 'bad-nul',
      reason: /^body\.transcript\.0\.text: contains a control character \(U\+0000\)/,
    },
    {
      name: 'a fault description with a lone surrogate',
      payload: JSON.stringify(
        env(K, 'ticket.create', { ...ticketBody, description: 'leak \ud800' }, 'bad-sur'),
      ),
      code: 'INVALID_MESSAGE',
      ref: 'bad-sur',
      reason: /^body\.description: contains a lone surrogate \(U\+D800\)/,
    },
    {
      name: 'a place with U+FFFF',
      payload: JSON.stringify(env(K, 'ticket.create', { ...ticketBody, place: '1203\uffff' }, 'bad-nonchar')),
      code: 'INVALID_MESSAGE',
      ref: 'bad-nonchar',
      reason: /^body\.place: contains a noncharacter \(U\+FFFF\)/,
    },
    {
      name: '"from" another device',
      payload: JSON.stringify(env('kiosk-hospital-main', 'escalation.raise', validBody, 'bad-from')),
      code: 'FORBIDDEN',
      ref: 'bad-from',
    },
    {
      name: 'cancelling an unknown ticket',
      payload: JSON.stringify(env(K, 'ticket.cancel', { ticketId: 'nope' }, 'bad-ticket')),
      code: 'NOT_FOUND',
      ref: 'bad-ticket',
    },
    {
      name: 'chat on an unknown escalation',
      payload: JSON.stringify(env(K, 'chat.send', { escalationId: 'nope', text: 'hi' }, 'bad-chat')),
      code: 'NOT_FOUND',
      ref: 'bad-chat',
    },
  ];

describe.each<Mode>(['embedded', 'external'])('bad input and the ACL with the %s broker', (mode) => {
  let t: TestServer;
  let kiosk: TestClient;

  beforeAll(async () => {
    t = await startTestServer(mode);
    kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
  });
  afterAll(async () => {
    await kiosk?.close();
    await t?.close();
  });

  it.each(cases)('rejects $name with $code', async ({ payload, code, ref, reason }) => {
    const before = kiosk.received.length;
    await kiosk.publish(UP, payload);
    const error = await kiosk.waitFor(
      (m) => kiosk.received.indexOf(m) >= before && m.topic === `fd/v1/device/${K}/error`,
      5000,
      `error ${code}`,
    );
    expect(error.json.type).toBe('error');
    expect(error.json.body.code).toBe(code);
    expect(error.json.body.message).toEqual(expect.any(String));
    expect(error.json.body.messageZh).toEqual(expect.any(String));
    if (ref) expect(error.json.body.ref).toBe(ref);
    if (reason) expect(error.json.body.message).toMatch(reason);
  });

  it('stays healthy, counts every rejection and stores nothing from them', async () => {
    const health = (await (await fetch(`${t.httpUrl}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const metrics = (await (await fetch(`${t.httpUrl}/metrics.json`)).json()) as {
      rejected: Record<string, number>;
    };
    const total = Object.values(metrics.rejected).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(cases.length);
    expect(await t.server.store.escalations.list()).toEqual([]);
    expect(await t.server.store.tickets.list()).toEqual([]);
    // A good message after all that is still handled.
    const good = env(K, 'escalation.raise', { ...validBody, escalationId: `esc-after-${mode}` });
    await kiosk.publish(UP, good);
    await kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === good.id);
    expect(await t.server.store.escalations.get(`esc-after-${mode}`)).not.toBeNull();
  });

  it('keeps hostile chat text from staff and the store; the clean message after it arrives', async () => {
    const staff = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    await waitUntil(
      async () => (await t.server.store.staff.getPresence(DEMO.frontDesk.id))?.online === true,
      5000,
      'presence',
    );
    const escalationId = `esc-text-${mode}`;
    await kiosk.publish(
      UP,
      env(K, 'escalation.raise', { ...validBody, escalationId, conversationId: 'conv-text' }),
    );
    await staff.waitFor(
      (m) =>
        m.json.type === 'escalation.offered' &&
        (m.json.body.escalation as { id: string }).id === escalationId,
    );
    const hostile = env(
      K,
      'chat.send',
      { escalationId, text: 'pay at the desk \u202e\u2066' },
      `chat-rlo-${mode}`,
    );
    await kiosk.publish(UP, hostile);
    const error = await kiosk.waitFor((m) => m.json.type === 'error' && m.json.body.ref === hostile.id);
    expect(error.json.body).toMatchObject({ code: 'INVALID_MESSAGE', messageZh: '消息格式不符合规范。' });
    expect(error.json.body.message).toMatch(/^body\.text: contains a bidirectional control \(U\+202E\)/);
    // Sent after the hostile one on the same connection: once it is in, the hostile one would be too.
    await kiosk.publish(UP, env(K, 'chat.send', { escalationId, text: 'pay at the desk' }));
    await staff.waitFor((m) => m.json.type === 'chat.message' && m.json.body.text === 'pay at the desk');
    const bidi = /[\u202a-\u202e\u2066-\u2069]/;
    expect(staff.received.filter((m) => bidi.test(JSON.stringify(m.json)))).toEqual([]);
    expect((await t.server.store.chat.list(escalationId)).map((c) => c.text)).toEqual(['pay at the desk']);
    await staff.close();
  });

  it('refuses a device publishing on another device’s topic: nothing happens there', async () => {
    const intruder = await TestClient.connect(t.mqttUrl, K, DEMO.kiosk.secret, { clientId: `${K}.intruder` });
    await intruder.client.subscribeAsync(`fd/v1/device/${K}/error`, { qos: 1 });
    const forged = env('kiosk-hospital-main', 'escalation.raise', {
      ...validBody,
      escalationId: `esc-forged-${mode}`,
    });
    intruder.client.publish('fd/v1/device/kiosk-hospital-main/up', JSON.stringify(forged), { qos: 1 });
    if (mode === 'embedded') {
      // aedes closes the connection (MQTT 3.1.1 has no negative PUBACK) and says why on the error topic.
      await waitUntil(() => !intruder.client.connected, 5000, 'the intruder to be disconnected');
      await kiosk.waitFor(
        (m) => m.json.type === 'error' && String(m.json.body.message).includes('kiosk-hospital-main/up'),
      );
      const audit = await t.server.store.audit.list({ limit: 1000 });
      expect(audit.some((a) => a.action === 'acl.denied_publish' && a.actor === `device:${K}`)).toBe(true);
    } else {
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await t.server.store.escalations.get(`esc-forged-${mode}`)).toBeNull();
    await intruder.close();
  });

  it('refuses an oversized payload (> 64 KiB): the embedded broker before storing or forwarding it', async () => {
    const sender = await TestClient.connect(t.mqttUrl, K, DEMO.kiosk.secret, { clientId: `${K}.big` });
    await sender.client.subscribeAsync(`fd/v1/device/${K}/error`, { qos: 1 });
    const big = env(K, 'escalation.raise', {
      ...validBody,
      escalationId: `esc-big-${mode}`,
      pad: 'x'.repeat(70_000),
    });
    const before = kiosk.received.length;
    sender.client.publish(UP, JSON.stringify(big), { qos: 1 });
    const error = await kiosk.waitFor(
      (m) =>
        kiosk.received.indexOf(m) >= before &&
        m.json.type === 'error' &&
        m.json.body.code === 'PAYLOAD_TOO_LARGE',
      5000,
      'PAYLOAD_TOO_LARGE',
    );
    expect(error.json.body.messageZh).toBe('消息或上传内容过大。');
    if (mode === 'embedded') {
      // Refused in authorizePublish (its wording, not the server codec's), before it was acknowledged,
      // stored or forwarded; the connection is closed (no negative PUBACK in MQTT 3.1.1); audited.
      await waitUntil(() => !sender.client.connected, 5000, 'the sender to be disconnected');
      expect(error.json.body.message).toMatch(/payload of \d+ bytes; the limit is 65536/);
      const audit = await t.server.store.audit.list({ limit: 1000 });
      expect(
        audit.some((a) => a.action === 'acl.denied_publish' && JSON.stringify(a.detail).includes('"bytes"')),
      ).toBe(true);
    } else {
      // Mosquitto forwards it; the server's codec refuses it.
      expect(error.json.body.message).toMatch(/^payload is \d+ bytes; the limit is 65536/);
    }
    expect(await t.server.store.escalations.get(`esc-big-${mode}`)).toBeNull();
    await sender.close();
  });

  it('never delivers another principal’s messages to a device that subscribes to them', async () => {
    const staff = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    await waitUntil(
      async () => (await t.server.store.staff.getPresence(DEMO.frontDesk.id))?.online === true,
      5000,
      'presence',
    );
    const probe = await TestClient.connect(t.mqttUrl, K, DEMO.kiosk.secret, { clientId: `${K}.probe` });
    const granted = await probe.subscribe(
      'fd/v1/staff/li-na/down',
      'fd/v1/#',
      'fd/v1/site/grand-hotel/queue',
    );
    if (mode === 'embedded') expect(granted).toEqual([128, 128, 128]);
    // Mosquitto grants the SUBACK and enforces its read ACL on delivery instead: either way nothing arrives.
    const msg = env(K, 'escalation.raise', {
      ...validBody,
      escalationId: `esc-peek-${mode}`,
      conversationId: 'conv-peek',
    });
    await kiosk.publish(UP, msg);
    await staff.waitFor(
      (m) =>
        m.json.type === 'escalation.offered' &&
        (m.json.body.escalation as { id: string }).id === `esc-peek-${mode}`,
    );
    await new Promise((r) => setTimeout(r, 700)); // the queue snapshot is coalesced over 500 ms
    // Through `fd/v1/#` Mosquitto may deliver what the kiosk may read anyway (its own down topic, its
    // site's knowledge base); nothing else.
    const me = { kind: 'device' as const, id: K, site: 'grand-hotel' };
    expect(probe.received.map((m) => m.topic).filter((topic) => !canSubscribe(me, topic).allow)).toEqual([]);
    await Promise.all([probe.close(), staff.close()]);
  });

  it('refuses subscriptions outside what a role may read', async () => {
    if (mode === 'external') return; // Mosquitto answers every SUBACK with success; delivery is tested above.
    const probe = await TestClient.connect(t.mqttUrl, K, DEMO.kiosk.secret, { clientId: `${K}.probe2` });
    expect(await probe.subscribe('fd/v1/device/kiosk-hospital-main/down')).toEqual([128]);
    expect(await probe.subscribe('fd/v1/site/city-hospital/kb')).toEqual([128]);
    expect(await probe.subscribe('fd/v1/site/grand-hotel/kb')).toEqual([1]);
    await probe.close();
    const staff = await TestClient.connect(t.mqttUrl, DEMO.frontDesk.id, DEMO.frontDesk.password, {
      clientId: 'li-na.probe',
    });
    expect(await staff.subscribe('fd/v1/site/grand-hotel/queue')).toEqual([128]);
    await staff.close();
    const supervisor = await TestClient.connect(
      t.mqttUrl,
      DEMO.hotelSupervisor.id,
      DEMO.hotelSupervisor.password,
    );
    expect(await supervisor.subscribe('fd/v1/site/grand-hotel/queue')).toEqual([1]);
    await supervisor.close();
  });

  it('refuses wrong credentials', async () => {
    await expect(TestClient.connect(t.mqttUrl, K, 'not-the-secret')).rejects.toThrow();
    await expect(TestClient.connect(t.mqttUrl, 'nobody', 'x')).rejects.toThrow();
    if (mode === 'embedded') {
      // Another principal's client id would take over its persistent session.
      await expect(
        TestClient.connect(t.mqttUrl, K, DEMO.kiosk.secret, { clientId: 'li-na' }),
      ).rejects.toThrow();
    }
  });
});
