/**
 * The staff console's server side through the real server and broker: unstaffed work, ticket
 * changes, transfers, lost claims and the staff endpoints, each also tried as an anonymous caller,
 * the wrong role, another site's staff and another device, and with hostile input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  env,
  kioskOnline,
  staffOnline,
  staffToken,
  startTestServer,
  waitUntil,
  TestClient,
  type Received,
  type TestServer,
} from './harness.js';

const HOUSE = { id: 'zhang-min', password: 'demo-house-1' };
const MAINT = { id: 'chen-jie', password: 'demo-maint-1' };

const about = (type: string, id: string) => (m: Received) =>
  m.json.type === type &&
  ((m.json.body.escalation ?? m.json.body.ticket) as { id?: string } | undefined)?.id === id;

describe('staff actions through the real server', { timeout: 90_000 }, () => {
  let t: TestServer;
  let kiosk: TestClient;
  let supervisor: TestClient;
  const clients: TestClient[] = [];
  const kioskUp = `fd/v1/device/${DEMO.kiosk.id}/up`;
  const up = (id: string) => `fd/v1/staff/${id}/up`;
  const errorOf = (c: TestClient, ref: string) =>
    c.waitFor((m) => m.topic.endsWith('/error') && m.json.body.ref === ref, 5000, `the error on ${ref}`);

  async function send(c: TestClient, from: string, type: string, body: object, kind = 'staff') {
    const e = env(from, type, body);
    await c.publish(kind === 'staff' ? up(from) : `fd/v1/device/${from}/up`, e);
    return e.id;
  }

  async function raise(id: string, intent = 'human_agent'): Promise<void> {
    await send(
      kiosk,
      DEMO.kiosk.id,
      'escalation.raise',
      {
        escalationId: id,
        conversationId: `conv-${id}`,
        trigger: 'asked_for_person',
        intent,
        lang: 'zh',
        summary: '转人工',
      },
      'device',
    );
    await waitUntil(async () => (await t.server.store.escalations.get(id)) !== null);
  }

  async function online(who: { id: string; password: string }): Promise<TestClient> {
    const known = clients.find((c) => c.client.options.clientId === who.id);
    if (known) return known;
    const c = await staffOnline(t.mqttUrl, who);
    clients.push(c);
    await waitUntil(async () => (await t.server.store.staff.getPresence(who.id))?.online === true);
    return c;
  }

  beforeAll(async () => {
    t = await startTestServer('embedded', { SLA_TICKET_HIGH_MS: '600' });
    kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    supervisor = await online(DEMO.hotelSupervisor);
  });
  afterAll(async () => {
    await Promise.all([kiosk?.close(), ...clients.map((c) => c.close())]);
    await t?.close();
  });

  it('unstaffed: an escalation nobody on duty can take goes to the supervisor at once, then to who comes on duty', async () => {
    const id = 'esc-unstaffed';
    await kiosk.publish(
      kioskUp,
      env(DEMO.kiosk.id, 'escalation.raise', {
        escalationId: id,
        conversationId: `conv-${id}`,
        trigger: 'asked_for_person',
        intent: 'hotel.housekeeping',
        lang: 'zh',
        summary: '需要加一床被子',
      }),
    );
    const offer = await supervisor.waitFor(about('escalation.offered', id));
    expect(offer.json.body.escalation).toMatchObject({ skill: 'housekeeping', level: 1, unstaffed: true });
    const house = await online(HOUSE);
    const late = await house.waitFor(about('escalation.offered', id));
    expect(late.json.body.escalation).toMatchObject({ unstaffed: false });
    expect((await t.server.store.escalations.get(id))?.offeredTo).toEqual(['zhao-lei', 'zhang-min']);
  });

  it('unstaffed: a ticket nobody can take is told to the supervisor, then assigned to who comes on duty', async () => {
    const id = 'tk-unstaffed';
    await kiosk.publish(
      kioskUp,
      env(DEMO.kiosk.id, 'ticket.create', {
        ticketId: id,
        category: 'plumbing',
        room: '1203',
        description: '淋浴漏水',
        lang: 'zh',
      }),
    );
    const told = await supervisor.waitFor(about('ticket.updated', id));
    expect(told.json.body.ticket).toMatchObject({ status: 'open', assignee: null, unstaffed: true });
    const maint = await online(MAINT);
    const assigned = await maint.waitFor(about('ticket.assigned', id));
    expect(assigned.json.body.ticket).toMatchObject({ status: 'assigned', unstaffed: false });
  });

  it('ticket SLA: an electrical ticket nobody starts re-escalates to the supervisor when its timer runs out', async () => {
    const id = 'tk-sla';
    const createdAt = Date.now();
    await kiosk.publish(
      kioskUp,
      env(DEMO.kiosk.id, 'ticket.create', {
        ticketId: id,
        category: 'electrical',
        room: '1204',
        description: '房间没电',
        lang: 'zh',
      }),
    );
    const first = await supervisor.waitFor(about('ticket.updated', id));
    expect(first.json.body.ticket).toMatchObject({ priority: 'high', escalated: false });
    const escalated = await supervisor.waitFor(
      (m) => about('ticket.updated', id)(m) && (m.json.body.ticket as { escalated: boolean }).escalated,
      5000,
      'the re-escalation',
    );
    expect(Date.now() - createdAt).toBeGreaterThanOrEqual(550);
    expect(escalated.json.body.ticket).toMatchObject({ dueAt: null });
    const audit = await t.server.store.audit.list({ limit: 1000 });
    expect(audit.some((a) => a.action === 'ticket.re_escalated' && a.subject === `ticket:${id}`)).toBe(true);
  });

  it('a lost claim tells the loser who won; the same member again is fine', async () => {
    const [li, wang] = [await online(DEMO.frontDesk), await online(DEMO.frontDesk2)];
    await raise('esc-race');
    const first = await send(li, 'li-na', 'escalation.claim', { escalationId: 'esc-race' });
    await li.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === first);
    const lost = await errorOf(
      wang,
      await send(wang, 'wang-wei', 'escalation.claim', { escalationId: 'esc-race' }),
    );
    expect(lost.json.body).toMatchObject({
      code: 'CONFLICT',
      messageZh: '已被他人处理。',
      details: { assignee: { id: 'li-na', name: '李娜' } },
    });
    const again = await send(li, 'li-na', 'escalation.claim', { escalationId: 'esc-race' });
    await li.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === again);
    expect(li.received.some((m) => m.topic.endsWith('/error') && m.json.body.ref === again)).toBe(false);
  });

  it('escalation.transfer: to a colleague, then to a skill; who had it, who gets it and the guest are told', async () => {
    const li = await online(DEMO.frontDesk);
    const wang = await online(DEMO.frontDesk2);
    const house = await online(HOUSE);
    await send(li, 'li-na', 'escalation.transfer', {
      escalationId: 'esc-race',
      to: { staffId: 'wang-wei' },
      note: '客人需要英文服务',
    });
    const gone = await li.waitFor(
      (m) => m.json.type === 'escalation.staff_updated' && m.json.body.event === 'transferred',
    );
    expect(gone.json.body.escalation).toMatchObject({ id: 'esc-race', assignee: { id: 'wang-wei' } });
    const offered = await wang.waitFor(about('escalation.offered', 'esc-race'));
    expect(offered.json.body.escalation).toMatchObject({ status: 'claimed', assignee: { name: '王伟' } });
    await kiosk.waitFor(
      (m) =>
        about('escalation.updated', 'esc-race')(m) &&
        (m.json.body.escalation as { assignee: { name: string } | null }).assignee?.name === '王伟',
    );
    await send(wang, 'wang-wei', 'escalation.transfer', {
      escalationId: 'esc-race',
      to: { skill: 'housekeeping' },
    });
    const toHouse = await house.waitFor(about('escalation.offered', 'esc-race'));
    expect(toHouse.json.body.escalation).toMatchObject({
      status: 'pending',
      skill: 'housekeeping',
      level: 0,
    });
    await wang.waitFor(
      (m) => m.json.type === 'escalation.staff_updated' && m.json.body.event === 'transferred',
    );
    await kiosk.waitFor(
      (m) =>
        about('escalation.updated', 'esc-race')(m) &&
        (m.json.body.escalation as { status: string }).status === 'pending',
    );
    const kinds = (await t.server.store.escalations.events('esc-race')).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'transferred')).toHaveLength(2);
    const audit = await t.server.store.audit.list({ limit: 1000 });
    expect(
      audit.filter((a) => a.action === 'escalation.transferred' && a.subject === 'escalation:esc-race'),
    ).toHaveLength(2);
  });

  it('escalation.transfer is refused for the wrong role, another site, an unknown target, a device and hostile input', async () => {
    const wang = await online(DEMO.frontDesk2);
    const nurse = await online(DEMO.nurse);
    await raise('esc-guarded');
    const li = await online(DEMO.frontDesk);
    const claim = await send(li, 'li-na', 'escalation.claim', { escalationId: 'esc-guarded' });
    await li.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === claim);
    const refusal = async (c: TestClient, from: string, body: object) =>
      (await errorOf(c, await send(c, from, 'escalation.transfer', body))).json.body;
    const toWang = { escalationId: 'esc-guarded', to: { staffId: 'wang-wei' } };
    // Not the assignee, not a supervisor.
    expect(await refusal(wang, 'wang-wei', toWang)).toMatchObject({
      code: 'FORBIDDEN',
      messageZh: '您无权执行此操作。',
    });
    // Another site's staff: as good as unknown.
    expect(await refusal(nurse, DEMO.nurse.id, toWang)).toMatchObject({ code: 'NOT_FOUND' });
    // Unknown targets, and a colleague of another site, get the same answer.
    for (const staffId of ['nobody-here', DEMO.nurse.id])
      expect(await refusal(li, 'li-na', { escalationId: 'esc-guarded', to: { staffId } })).toMatchObject({
        code: 'UNKNOWN_TARGET',
        messageZh: '本站点没有可转交的该员工。',
      });
    // Hostile input never reaches the handler.
    for (const body of [
      { escalationId: 'esc-guarded', to: { staffId: '../../etc' } },
      { escalationId: 'esc-guarded', to: { staffId: 'wang-wei', skill: 'security' } },
      { escalationId: 'esc-guarded', to: { skill: 'root' } },
      { escalationId: 'esc-guarded', to: {} },
      { escalationId: 'esc-guarded', to: { staffId: 'wang-wei' }, note: 'x\u202e\u0000' },
      { escalationId: 'esc-guarded', to: { staffId: 'wang-wei' }, note: 'x'.repeat(501) },
      { escalationId: 'esc guarded', to: { staffId: 'wang-wei' } },
    ])
      expect(await refusal(li, 'li-na', body)).toMatchObject({ code: 'INVALID_MESSAGE' });
    // A device cannot send it, on its own topic (no such type) or on a member's (the ACL).
    const asDevice = await send(kiosk, DEMO.kiosk.id, 'escalation.transfer', toWang, 'device');
    expect((await errorOf(kiosk, asDevice)).json.body).toMatchObject({ code: 'UNKNOWN_TYPE' });
    const intruder = await TestClient.connect(t.mqttUrl, DEMO.kiosk.id, DEMO.kiosk.secret, {
      clientId: `${DEMO.kiosk.id}.transfer`,
    });
    intruder.client.publish(up('li-na'), JSON.stringify(env('li-na', 'escalation.transfer', toWang)), {
      qos: 1,
    });
    // aedes closes a connection that publishes where its ACL does not allow.
    await waitUntil(() => !intruder.client.connected, 5000, 'the intruder to be disconnected');
    await intruder.close();
    // Nothing of the above moved it.
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.server.store.escalations.get('esc-guarded')).toMatchObject({
      status: 'claimed',
      assigneeId: 'li-na',
    });
    // Without credentials there is no connection to send anything on.
    await expect(
      TestClient.connect(t.mqttUrl, 'anonymous', '', { clientId: 'anonymous-staff' }),
    ).rejects.toThrow();
  });

  it('guest tier: a conversation whose guest a booking lookup found as VIP raises a VIP escalation to senior staff', async () => {
    const [, wang] = [await online(DEMO.frontDesk), await online(DEMO.frontDesk2)];
    const conv = 'conv-vip';
    const find = (conversationId: string, requestId: string) =>
      send(
        kiosk,
        DEMO.kiosk.id,
        'booking.find',
        {
          requestId,
          purpose: 'checkin',
          conversationId,
          by: { method: 'reference', reference: 'YQ2026F6', surname: '陈' },
        },
        'device',
      );
    await find(conv, 'req-vip-1');
    await kiosk.waitFor((m) => m.json.type === 'booking.found' && m.json.body.requestId === 'req-vip-1');
    expect((await t.server.store.conversations.get(conv))?.guest).toEqual({
      bookingId: 'bk-1006',
      tier: 'vip',
    });
    await send(
      kiosk,
      DEMO.kiosk.id,
      'escalation.raise',
      {
        escalationId: 'esc-vip',
        conversationId: conv,
        trigger: 'asked_for_person',
        lang: 'zh',
        summary: '想换房间',
      },
      'device',
    );
    const offer = await wang.waitFor(about('escalation.offered', 'esc-vip'));
    expect(offer.json.body.escalation).toMatchObject({ priority: 'high', level: 0 });
    expect(await t.server.store.escalations.get('esc-vip')).toMatchObject({
      vip: true,
      offeredTo: ['wang-wei'],
    });
    // The booking view tells the kiosk nothing of the tier.
    const found = kiosk.received.find((m) => m.json.body.requestId === 'req-vip-1')!;
    expect(JSON.stringify(found.json.body)).not.toMatch(/tier|"vip"/i);
  });

  describe('HTTP: GET /api/staff/me, /api/escalations/:id, /api/tickets/:id', () => {
    const get = (path: string, auth?: string) =>
      fetch(`${t.httpUrl}${path}`, auth ? { headers: { authorization: auth } } : {});
    const bearer = async (who: { id: string; password: string }) =>
      `Bearer ${await staffToken(t.httpUrl, who.id, who.password)}`;
    const kioskBasic = `Basic ${Buffer.from(`${DEMO.kiosk.id}:${DEMO.kiosk.secret}`).toString('base64')}`;

    it('me: who I am and my presence; presence.set with place null clears the place', async () => {
      const li = await online(DEMO.frontDesk);
      const auth = await bearer(DEMO.frontDesk);
      const placed = await send(li, 'li-na', 'presence.set', { onDuty: true, place: 'h-front-desk' });
      await li.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === placed);
      expect(await (await get('/api/staff/me', auth)).json()).toEqual({
        id: 'li-na',
        name: '李娜',
        role: 'staff',
        skills: ['front_desk'],
        site: 'grand-hotel',
        onDuty: true,
        place: 'h-front-desk',
        online: true,
      });
      const kept = await send(li, 'li-na', 'presence.set', { onDuty: true });
      await li.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === kept);
      expect(await (await get('/api/staff/me', auth)).json()).toMatchObject({ place: 'h-front-desk' });
      const cleared = await send(li, 'li-na', 'presence.set', { onDuty: false, place: null });
      await li.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === cleared);
      expect(await (await get('/api/staff/me', auth)).json()).toMatchObject({ onDuty: false, place: null });
      const back = await send(li, 'li-na', 'presence.set', { onDuty: true });
      await li.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === back);
    });

    it('escalation and ticket details for staff of the site', async () => {
      await raise('esc-detail');
      const auth = await bearer(DEMO.frontDesk2);
      const e = (await (await get('/api/escalations/esc-detail', auth)).json()) as Record<string, unknown>;
      expect(e.escalation).toMatchObject({
        id: 'esc-detail',
        status: 'pending',
        unstaffed: false,
        sentiment: null,
        vip: false,
        assignee: null,
      });
      expect((e.escalation as { claimDueAt: number }).claimDueAt).toBeGreaterThan(Date.now());
      expect(e.chat).toEqual([]);
      const tk = (await (await get('/api/tickets/tk-sla', auth)).json()) as Record<string, unknown>;
      expect(tk.ticket).toMatchObject({ id: 'tk-sla', lang: 'zh', ocrText: null, escalated: true });
      expect((tk.events as Array<{ note: string | null }>).map((ev) => ev.note !== null)).toEqual([
        false,
        true,
      ]);
    });

    it('refused to anonymous callers, devices, another site and hostile ids', async () => {
      const nurse = await bearer(DEMO.nurse);
      const cases: Array<[string, string | undefined, number, string]> = [
        ['/api/staff/me', undefined, 401, 'UNAUTHENTICATED'],
        ['/api/tickets/tk-sla', undefined, 401, 'UNAUTHENTICATED'],
        ['/api/staff/me', 'Bearer forged.token', 401, 'UNAUTHENTICATED'],
        ['/api/staff/me', kioskBasic, 403, 'FORBIDDEN'],
        ['/api/tickets/tk-sla', kioskBasic, 403, 'FORBIDDEN'],
        ['/api/escalations/esc-detail', kioskBasic, 403, 'FORBIDDEN'],
        ['/api/tickets/tk-sla', nurse, 404, 'NOT_FOUND'],
        ['/api/escalations/esc-detail', nurse, 404, 'NOT_FOUND'],
        ['/api/tickets/nope', nurse, 404, 'NOT_FOUND'],
        ['/api/tickets/..%2F..%2Fetc%2Fpasswd', nurse, 404, 'NOT_FOUND'],
        [`/api/tickets/${'x'.repeat(90)}`, nurse, 404, 'NOT_FOUND'],
      ];
      for (const [path, auth, status, code] of cases) {
        const res = await get(path, auth);
        expect([path.slice(0, 40), res.status]).toEqual([path.slice(0, 40), status]);
        expect(await res.json()).toMatchObject({ error: { code } });
      }
    });
  });
});
