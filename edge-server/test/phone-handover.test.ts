/**
 * Continue on the phone, through the real broker and HTTP: a kiosk offers a handover code for its
 * ticket and escalation; a phone session presenting it follows them (updates, chat) and nothing else;
 * the phone pages (`/m/continue`, `/m/route`) render without a login.
 */
import { phoneSessionSchema } from '@frontdesk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  TestClient,
  env,
  kioskOnline,
  staffOnline,
  startTestServer,
  type TestServer,
} from './harness.js';

const CODE = 'Zk3v9QeR2mT8xLw5pN7aYc';
const OTHER_CODE = 'Q1w2E3r4T5y6U7i8O9p0Aa';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer('embedded');
});
afterAll(async () => t?.close());

async function phoneSession(wxCode: string, handover?: string) {
  const res = await fetch(`${t.httpUrl}/api/phone/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site: 'grand-hotel', code: wxCode, ...(handover ? { handover } : {}) }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      deviceId: string;
      token: string;
      handover: Record<string, unknown> | null;
      error: { code: string };
    },
  };
}

describe('handover.offer and the phone session', () => {
  it('attaches the ticket and escalation to the first phone only; the phone follows and chats', async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    const clerk = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    const up = `fd/v1/device/${DEMO.kiosk.id}/up`;
    const acked = (id: string) =>
      kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === id, 5000, `ack ${id}`);
    try {
      const ticket = env(DEMO.kiosk.id, 'ticket.create', {
        ticketId: 'tk-handover-1',
        category: 'plumbing',
        description: 'The tap drips',
        lang: 'en',
      });
      const raise = env(DEMO.kiosk.id, 'escalation.raise', {
        escalationId: 'esc-handover-1',
        conversationId: 'conv-handover-1',
        trigger: 'asked_for_person',
        lang: 'en',
        summary: 'help with the tap',
      });
      const offer = env(DEMO.kiosk.id, 'handover.offer', {
        code: CODE,
        conversationId: 'conv-handover-1',
        escalationId: 'esc-handover-1',
        ticketId: 'tk-handover-1',
        ttlS: 600,
      });
      for (const m of [ticket, raise, offer]) {
        await kiosk.publish(up, m);
        await acked(m.id);
      }

      // A phone browser sees the status without logging in.
      const page = await fetch(`${t.httpUrl}/m/continue?h=${CODE}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).toContain('data-ticket-status="open"');
      expect(html).toContain('data-escalation-status="pending"');
      expect(html).toContain('The tap drips');
      expect(html).toContain('WeChat');
      expect((await fetch(`${t.httpUrl}/m/continue?h=${OTHER_CODE}`)).status).toBe(404);
      expect((await fetch(`${t.httpUrl}/m/continue?h=<script>`)).status).toBe(404);

      // The mini-program opens a session with the code and gets what it carries.
      const first = await phoneSession('sim-guest1-a1', CODE);
      expect(first.status).toBe(200);
      expect(first.body.handover).toMatchObject({
        conversationId: 'conv-handover-1',
        ticket: { id: 'tk-handover-1', status: 'open' },
        escalation: { id: 'esc-handover-1', status: 'pending' },
      });
      const phoneId = first.body.deviceId;

      // The same code on another phone is refused; an unknown one too, before the WeChat code is spent.
      expect((await phoneSession('sim-guest2-b1', CODE)).status).toBe(409);
      const unknown = await phoneSession('sim-guest2-b2', OTHER_CODE);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
      expect((await phoneSession('sim-guest2-b2')).status).toBe(200);

      // The phone on MQTT: it hears the ticket and the escalation change, and may chat on it.
      const phone = await TestClient.connect(t.mqttUrl, phoneId, first.body.token);
      await phone.subscribe(`fd/v1/device/${phoneId}/down`, `fd/v1/device/${phoneId}/error`);
      await clerk.publish(
        `fd/v1/staff/${DEMO.frontDesk.id}/up`,
        env(DEMO.frontDesk.id, 'escalation.claim', {
          escalationId: 'esc-handover-1',
        }),
      );
      await phone.waitFor(
        (m) =>
          m.json.type === 'escalation.updated' &&
          (m.json.body.escalation as { status: string }).status === 'claimed',
        5000,
        'the claim on the phone',
      );
      await clerk.publish(
        `fd/v1/staff/${DEMO.frontDesk.id}/up`,
        env(DEMO.frontDesk.id, 'chat.send', { escalationId: 'esc-handover-1', text: 'On my way' }),
      );
      await phone.waitFor((m) => m.json.type === 'chat.message' && m.json.body.text === 'On my way');
      await kiosk.waitFor((m) => m.json.type === 'chat.message' && m.json.body.text === 'On my way');

      const fromPhone = env(phoneId, 'chat.send', { escalationId: 'esc-handover-1', text: 'Thanks!' });
      await phone.publish(`fd/v1/device/${phoneId}/up`, fromPhone);
      await phone.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === fromPhone.id);
      await clerk.waitFor((m) => m.json.type === 'chat.message' && m.json.body.text === 'Thanks!');
      // The kiosk's screen shows the phone's line as well.
      await kiosk.waitFor((m) => m.json.type === 'chat.message' && m.json.body.text === 'Thanks!');

      const maint = await staffOnline(t.mqttUrl, { id: 'chen-jie', password: 'demo-maint-1' });
      await maint.publish(
        'fd/v1/staff/chen-jie/up',
        env('chen-jie', 'ticket.update', { ticketId: 'tk-handover-1', status: 'in_progress' }),
      );
      await phone.waitFor(
        (m) =>
          m.json.type === 'ticket.updated' &&
          (m.json.body.ticket as { status: string }).status === 'in_progress',
        5000,
        'the ticket update on the phone',
      );
      await maint.close();

      // Only those entities: another kiosk's escalation stays closed to this phone.
      const hospital = await kioskOnline(t.mqttUrl, DEMO.hospitalKiosk);
      const other = env(DEMO.hospitalKiosk.id, 'escalation.raise', {
        escalationId: 'esc-other-1',
        conversationId: 'conv-other-1',
        trigger: 'asked_for_person',
        lang: 'zh',
        summary: '别人的请求',
      });
      await hospital.publish(`fd/v1/device/${DEMO.hospitalKiosk.id}/up`, other);
      await hospital.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === other.id);
      const snoop = env(phoneId, 'chat.send', { escalationId: 'esc-other-1', text: 'hello?' });
      await phone.publish(`fd/v1/device/${phoneId}/up`, snoop);
      const refused = await phone.waitFor((m) => m.json.type === 'error' && m.json.body.ref === snoop.id);
      expect(refused.json.body.code).toBe('NOT_FOUND');
      await hospital.close();

      // A phone may not offer a handover; a kiosk may not hand over another device's ticket.
      const phoneOffer = env(phoneId, 'handover.offer', { code: OTHER_CODE, conversationId: 'conv-x' });
      await phone.publish(`fd/v1/device/${phoneId}/up`, phoneOffer);
      expect(
        (await phone.waitFor((m) => m.json.type === 'error' && m.json.body.ref === phoneOffer.id)).json.body
          .code,
      ).toBe('FORBIDDEN');
      const steal = env(DEMO.kiosk.id, 'handover.offer', {
        code: OTHER_CODE,
        conversationId: 'conv-x',
        escalationId: 'esc-other-1',
      });
      await kiosk.publish(up, steal);
      expect(
        (await kiosk.waitFor((m) => m.json.type === 'error' && m.json.body.ref === steal.id)).json.body.code,
      ).toBe('FORBIDDEN');
      // A short code is refused at the boundary.
      const weak = env(DEMO.kiosk.id, 'handover.offer', { code: 'abc', conversationId: 'conv-x' });
      await kiosk.publish(up, weak);
      expect(
        (await kiosk.waitFor((m) => m.json.type === 'error' && m.json.body.ref === weak.id)).json.body.code,
      ).toBe('INVALID_MESSAGE');
      await phone.close();

      // The server kept only the hash.
      const stored = await t.server.store.handovers.listAttached({ phoneDeviceId: phoneId });
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(CODE);
    } finally {
      await kiosk.close();
      await clerk.close();
    }
  });
});

describe('the history a phone resumes with', () => {
  it('gets the kiosk conversation and the chat with staff so far, in the phone contract', async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    const clerk = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    const up = `fd/v1/device/${DEMO.kiosk.id}/up`;
    const send = async (m: ReturnType<typeof env>) => {
      await kiosk.publish(up, m);
      await kiosk.waitFor((r) => r.json.type === 'ack' && r.json.body.ref === m.id, 5000, `ack ${m.id}`);
    };
    try {
      const turn = (role: 'guest' | 'assistant', text: string, at: number) =>
        env(DEMO.kiosk.id, 'conversation.turn', {
          conversationId: 'conv-history-1',
          turn: { role, text, at },
          answered: true,
          lang: 'en',
        });
      await send(turn('guest', 'Where is breakfast?', 1000));
      await send(turn('assistant', 'On 2F from 6:30.', 1001));
      await send(
        env(DEMO.kiosk.id, 'escalation.raise', {
          escalationId: 'esc-history-1',
          conversationId: 'conv-history-1',
          trigger: 'asked_for_person',
          lang: 'en',
          summary: 'a person please',
        }),
      );
      await clerk.publish(
        `fd/v1/staff/${DEMO.frontDesk.id}/up`,
        env(DEMO.frontDesk.id, 'escalation.claim', { escalationId: 'esc-history-1' }),
      );
      await kiosk.waitFor((m) => m.json.type === 'escalation.updated', 5000, 'the claim');
      await clerk.publish(
        `fd/v1/staff/${DEMO.frontDesk.id}/up`,
        env(DEMO.frontDesk.id, 'chat.send', { escalationId: 'esc-history-1', text: 'Hello, Li Na here' }),
      );
      await kiosk.waitFor((m) => m.json.type === 'chat.message', 5000, 'the staff line');
      await send(env(DEMO.kiosk.id, 'chat.send', { escalationId: 'esc-history-1', text: 'Thank you' }));
      const code = 'H1s7oryC0deH1s7oryC0de';
      await send(
        env(DEMO.kiosk.id, 'handover.offer', {
          code,
          conversationId: 'conv-history-1',
          escalationId: 'esc-history-1',
          ttlS: 600,
        }),
      );

      const session = await phoneSession('sim-history-a1', code);
      expect(session.status).toBe(200);
      const handover = phoneSessionSchema.parse(session.body).handover;
      expect(handover?.turns.map((x) => [x.role, x.text])).toEqual([
        ['guest', 'Where is breakfast?'],
        ['assistant', 'On 2F from 6:30.'],
      ]);
      expect(handover?.chat.map((x) => [x.from, x.text])).toEqual([
        ['staff', 'Hello, Li Na here'],
        ['guest', 'Thank you'],
      ]);
      expect(handover?.escalation).toMatchObject({ status: 'claimed', assignee: { name: '李娜' } });
    } finally {
      await kiosk.close();
      await clerk.close();
    }
  });
});

describe('GET /api/devices/me', () => {
  it("tells a kiosk its registration (its place) and nobody else's", async () => {
    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const res = await fetch(`${t.httpUrl}/api/devices/me`, {
      headers: { authorization: basic(DEMO.kiosk.id, DEMO.kiosk.secret) },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: DEMO.kiosk.id,
      site: 'grand-hotel',
      place: 'h-lobby-kiosk',
    });
    const wrong = await fetch(`${t.httpUrl}/api/devices/me`, {
      headers: { authorization: basic(DEMO.kiosk.id, 'wrong') },
    });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${t.httpUrl}/api/devices/me`)).status).toBe(401);
  });
});

describe('/m/route', () => {
  it('renders every floor of the route with the way drawn, and the steps in both languages', async () => {
    const res = await fetch(`${t.httpUrl}/m/route?site=grand-hotel&from=h-lobby-kiosk&to=h-pool`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/class="route-path"/g)).toHaveLength(2);
    expect(html).toContain('Take the lift to 2F');
    expect(html).toContain('乘电梯到 2F');
    expect(html).toContain('Arrive at Indoor pool');
    expect(html).not.toMatch(/<script/i);
  });

  it('404 for an unknown place, 400 for a malformed query', async () => {
    expect((await fetch(`${t.httpUrl}/m/route?site=grand-hotel&from=h-lobby-kiosk&to=nowhere`)).status).toBe(
      404,
    );
    const bad = await fetch(`${t.httpUrl}/m/route?site=grand-hotel&from=a%3Cb&to=x`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_MESSAGE');
  });
});
