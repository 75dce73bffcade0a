/**
 * Issue 12 through the real server and broker: a supervisor joins a guest's chat, staff chat lines are
 * echoed to the writer's other consoles, the assignee and the site's supervisors (and nobody of another
 * site, nor another kiosk), and each is tried by the wrong member, another site and a closed escalation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  env,
  kioskOnline,
  staffOnline,
  startTestServer,
  waitUntil,
  TestClient,
  type Mode,
  type Received,
  type TestServer,
} from './harness.js';

const KIOSK_UP = `fd/v1/device/${DEMO.kiosk.id}/up`;
const up = (id: string) => `fd/v1/staff/${id}/up`;
const chatOf = (messageId: string) => (m: Received) =>
  m.json.type === 'chat.message' && m.json.body.messageId === messageId;

describe.each<Mode>(['embedded', 'external'])(
  'supervisor joins a chat; chat echo (%s broker)',
  { timeout: 90_000 },
  (mode) => {
    let t: TestServer;
    let kiosk: TestClient;
    let otherKiosk: TestClient;
    let li: TestClient;
    let li2: TestClient;
    let wang: TestClient;
    let zhao: TestClient;
    let linFang: TestClient;
    let nurse: TestClient;

    async function send(c: TestClient, from: string, type: string, body: object): Promise<string> {
      const e = env(from, type, body);
      await c.publish(up(from), e);
      return e.id;
    }
    const acked = (c: TestClient, ref: string) =>
      c.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === ref, 5000, `the ack of ${ref}`);
    const refusal = async (c: TestClient, ref: string) =>
      (
        await c.waitFor(
          (m) => m.topic.endsWith('/error') && m.json.body.ref === ref,
          5000,
          `the error on ${ref}`,
        )
      ).json.body;

    async function raise(id: string): Promise<void> {
      await kiosk.publish(
        KIOSK_UP,
        env(DEMO.kiosk.id, 'escalation.raise', {
          escalationId: id,
          conversationId: `conv-${id}`,
          trigger: 'asked_for_person',
          intent: 'human_agent',
          lang: 'zh',
          summary: '转人工',
        }),
      );
      await waitUntil(async () => (await t.server.store.escalations.get(id)) !== null);
    }

    async function claimedByLi(id: string): Promise<void> {
      await raise(id);
      await acked(li, await send(li, 'li-na', 'escalation.claim', { escalationId: id }));
    }

    beforeAll(async () => {
      t = await startTestServer(mode);
      kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
      otherKiosk = await kioskOnline(t.mqttUrl, DEMO.hospitalKiosk);
      li = await staffOnline(t.mqttUrl, DEMO.frontDesk);
      // 李娜's second handheld: the same account, another client id.
      li2 = await TestClient.connect(t.mqttUrl, DEMO.frontDesk.id, DEMO.frontDesk.password, {
        clientId: `${DEMO.frontDesk.id}.second`,
      });
      await li2.subscribe(`fd/v1/staff/${DEMO.frontDesk.id}/down`);
      wang = await staffOnline(t.mqttUrl, DEMO.frontDesk2);
      zhao = await staffOnline(t.mqttUrl, DEMO.hotelSupervisor);
      linFang = await staffOnline(t.mqttUrl, DEMO.hospitalSupervisor);
      nurse = await staffOnline(t.mqttUrl, DEMO.nurse);
    });
    afterAll(async () => {
      await Promise.all([kiosk, otherKiosk, li, li2, wang, zhao, linFang, nurse].map((c) => c?.close()));
      await t?.close();
    });

    /** Nobody of the other site, no other kiosk, and no colleague not on it heard `messageId`. */
    async function noLeak(messageId: string, alsoNot: TestClient[] = []): Promise<void> {
      // The wanted recipients have it by now; give stray deliveries the same time to show.
      await new Promise((r) => setTimeout(r, 300));
      for (const c of [otherKiosk, linFang, nurse, ...alsoNot])
        expect(c.received.some(chatOf(messageId))).toBe(false);
    }

    it('a supervisor writes into a chat 李娜 holds: the guest sees his name, both of 李娜’s consoles see it live', async () => {
      await claimedByLi('esc-join');
      const ref = await send(zhao, 'zhao-lei', 'chat.send', {
        escalationId: 'esc-join',
        text: '我是值班主管，我来协助',
      });
      await acked(zhao, ref);
      const atKiosk = await kiosk.waitFor(chatOf(ref));
      expect(atKiosk.json.body).toMatchObject({
        from: 'staff',
        name: '赵磊',
        text: '我是值班主管，我来协助',
      });
      for (const c of [li, li2, zhao])
        expect((await c.waitFor(chatOf(ref))).json.body).toMatchObject({
          name: '赵磊',
          escalationId: 'esc-join',
        });
      await noLeak(ref, [wang]);
      expect((await t.server.store.chat.list('esc-join')).map((l) => l.staffId)).toEqual(['zhao-lei']);
    });

    it('the assignee’s line reaches her other console and the supervisors, with the same message id', async () => {
      const ref = await send(li, 'li-na', 'chat.send', { escalationId: 'esc-join', text: '好的，我在处理' });
      await acked(li, ref);
      for (const c of [kiosk, li, li2, zhao])
        expect((await c.waitFor(chatOf(ref))).json.body).toMatchObject({ from: 'staff', name: '李娜' });
      await noLeak(ref, [wang]);
    });

    it('the guest’s reply reaches the assignee and the supervisor who joined', async () => {
      const msg = env(DEMO.kiosk.id, 'chat.send', { escalationId: 'esc-join', text: '谢谢' });
      await kiosk.publish(KIOSK_UP, msg);
      for (const c of [li, zhao])
        expect((await c.waitFor(chatOf(msg.id))).json.body).toMatchObject({ from: 'guest', text: '谢谢' });
      await noLeak(msg.id);
    });

    it('a supervisor may write into a pending escalation nobody has claimed yet', async () => {
      await raise('esc-join-pending');
      const ref = await send(zhao, 'zhao-lei', 'chat.send', {
        escalationId: 'esc-join-pending',
        text: '请稍等',
      });
      await acked(zhao, ref);
      await kiosk.waitFor(chatOf(ref));
      expect(await t.server.store.escalations.get('esc-join-pending')).toMatchObject({ status: 'pending' });
    });

    it('refused: another site’s supervisor, plain staff not holding it, a resolved escalation', async () => {
      await claimedByLi('esc-join-guard');
      const text = { escalationId: 'esc-join-guard', text: 'hi' };
      // Another site's supervisor: as good as unknown.
      expect(await refusal(linFang, await send(linFang, 'lin-fang', 'chat.send', text))).toMatchObject({
        code: 'NOT_FOUND',
      });
      // A colleague of the site who does not hold it: the current answer.
      expect(await refusal(wang, await send(wang, 'wang-wei', 'chat.send', text))).toMatchObject({
        code: 'FORBIDDEN',
        message: 'claim the escalation before chatting with the guest',
      });
      await acked(
        li,
        await send(li, 'li-na', 'escalation.resolve', { escalationId: 'esc-join-guard', note: '' }),
      );
      expect(await refusal(zhao, await send(zhao, 'zhao-lei', 'chat.send', text))).toMatchObject({
        code: 'INVALID_STATE',
      });
      expect(await refusal(li, await send(li, 'li-na', 'chat.send', text))).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await t.server.store.chat.list('esc-join-guard')).toEqual([]);
    });
  },
);
