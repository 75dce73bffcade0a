/**
 * Issue 12 through the real server: open tickets on the supervisors' retained queue snapshot (without
 * the guest's words), `ticket.assign` from the board and who may not use it, and a knowledge base with
 * hostile quick replies refused with its reasons.
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
  type Received,
  type TestClient,
  type TestServer,
} from './harness.js';

const up = (id: string) => `fd/v1/staff/${id}/up`;
const MAINT = { id: 'chen-jie', password: 'demo-maint-1' };

interface Snapshot {
  tickets: Array<Record<string, unknown> & { id: string }>;
}

describe('tickets on the board, ticket.assign, KB quick replies', { timeout: 90_000 }, () => {
  let t: TestServer;
  let kiosk: TestClient;
  let zhao: TestClient;
  let li: TestClient;
  let linFang: TestClient;
  let maint: TestClient;

  async function send(c: TestClient, from: string, type: string, body: object): Promise<string> {
    const e = env(from, type, body);
    await c.publish(from.startsWith('kiosk') ? `fd/v1/device/${from}/up` : up(from), e);
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
  const snapshotWith = (pred: (s: Snapshot) => boolean) => (m: Received) =>
    m.json.type === 'queue.snapshot' && pred(m.json.body as unknown as Snapshot);

  beforeAll(async () => {
    t = await startTestServer('embedded');
    kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    zhao = await staffOnline(t.mqttUrl, DEMO.hotelSupervisor);
    await zhao.subscribe('fd/v1/site/grand-hotel/queue');
    li = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    linFang = await staffOnline(t.mqttUrl, DEMO.hospitalSupervisor);
    maint = await staffOnline(t.mqttUrl, MAINT);
    await waitUntil(async () => (await t.server.store.staff.getPresence(MAINT.id))?.online === true);
    await acked(
      kiosk,
      await send(kiosk, DEMO.kiosk.id, 'ticket.create', {
        ticketId: 'tk-board',
        category: 'plumbing',
        room: '1203',
        description: '淋浴漏水，手机13812345678',
        lang: 'zh',
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([kiosk, zhao, li, linFang, maint].map((c) => c?.close()));
    await t?.close();
  });

  it('the retained queue snapshot lists the open ticket with its SLA and flags, and none of the guest’s words', async () => {
    const snap = await zhao.waitFor(
      snapshotWith((s) => s.tickets.some((x) => x.id === 'tk-board')),
      5000,
      'a snapshot with the ticket',
    );
    const ticket = (snap.json.body as unknown as Snapshot).tickets.find((x) => x.id === 'tk-board')!;
    expect(ticket).toMatchObject({
      category: 'plumbing',
      priority: 'high',
      status: 'assigned',
      assignee: { id: 'chen-jie', name: '陈杰' },
      unstaffed: false,
      escalated: false,
    });
    expect(typeof ticket.dueAt).toBe('number');
    expect(Object.keys(ticket).sort()).toEqual(
      [
        'assignee',
        'category',
        'createdAt',
        'dueAt',
        'escalated',
        'id',
        'priority',
        'skill',
        'status',
        'unstaffed',
        'updatedAt',
      ].sort(),
    );
    expect(JSON.stringify(snap.json.body)).not.toMatch(/1203|淋浴|13812345678/);
  });

  it('a supervisor reassigns it from the board: the new assignee is told, the old one and the board too', async () => {
    const ref = await send(zhao, 'zhao-lei', 'ticket.assign', {
      ticketId: 'tk-board',
      staffId: 'li-na',
      note: '陈杰在忙，李娜先去看看',
    });
    await acked(zhao, ref);
    const mine = await li.waitFor((m) => m.json.type === 'ticket.assigned');
    expect(mine.json.body.ticket).toMatchObject({
      id: 'tk-board',
      assignee: { id: 'li-na' },
      status: 'assigned',
    });
    await maint.waitFor(
      (m) =>
        m.json.type === 'ticket.updated' &&
        (m.json.body.ticket as { assignee: { id: string } | null }).assignee?.id === 'li-na',
    );
    await zhao.waitFor(
      snapshotWith((s) =>
        s.tickets.some((x) => x.id === 'tk-board' && (x.assignee as { id: string }).id === 'li-na'),
      ),
      5000,
      'the board showing 李娜',
    );
    const events = await t.server.store.tickets.events('tk-board');
    expect(events.at(-1)).toMatchObject({ from: 'assigned', to: 'assigned', actor: 'staff:zhao-lei' });
  });

  it('ticket.assign is refused for plain staff, another site, a member of another site, an unknown member, a closed ticket and a device', async () => {
    const body = { ticketId: 'tk-board', staffId: 'chen-jie' };
    expect(await refusal(li, await send(li, 'li-na', 'ticket.assign', body))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(linFang, await send(linFang, 'lin-fang', 'ticket.assign', body))).toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const staffId of [DEMO.nurse.id, 'nobody-here'])
      expect(
        await refusal(zhao, await send(zhao, 'zhao-lei', 'ticket.assign', { ticketId: 'tk-board', staffId })),
      ).toMatchObject({ code: 'UNKNOWN_TARGET' });
    expect(await refusal(kiosk, await send(kiosk, DEMO.kiosk.id, 'ticket.assign', body))).toMatchObject({
      code: 'UNKNOWN_TYPE',
    });
    expect(await t.server.store.tickets.get('tk-board')).toMatchObject({ assigneeId: 'li-na' });
    await acked(li, await send(li, 'li-na', 'ticket.update', { ticketId: 'tk-board', status: 'resolved' }));
    expect(await refusal(zhao, await send(zhao, 'zhao-lei', 'ticket.assign', body))).toMatchObject({
      code: 'INVALID_STATE',
    });
    await zhao.waitFor(
      snapshotWith((s) => !s.tickets.some((x) => x.id === 'tk-board')),
      5000,
      'the resolved ticket leaving the board',
    );
  });

  it('a KB with hostile quick replies is refused with the reasons; a good one is published', async () => {
    const admin = await staffToken(t.httpUrl, DEMO.hotelAdmin.id, DEMO.hotelAdmin.password);
    const kb = (await (await fetch(`${t.httpUrl}/api/kb/grand-hotel`)).json()) as Record<string, unknown>;
    expect((kb.quickReplies as unknown[]).length).toBeGreaterThan(0);
    const { version: _v, updatedAt: _u, ...input } = kb;
    const put = (quickReplies: unknown) =>
      fetch(`${t.httpUrl}/api/kb/grand-hotel`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ reason: 'quick replies', kb: { ...input, quickReplies } }),
      });
    const reply = (id: string, zh = '请稍等', en = 'One moment, please') => ({ id, text: { zh, en } });
    const hostile: Array<[unknown, RegExp]> = [
      [Array.from({ length: 13 }, (_, i) => reply(`q${i}`)), /^kb\.quickReplies: .*<=12 items/],
      [[reply('long', '长'.repeat(201))], /quickReplies\.0\.text\.zh/],
      [[{ id: 'no-en', text: { zh: '请稍等' } }], /quickReplies\.0\.text\.en/],
      [[reply('ctl', '请稍等\u202e')], /U\+202E/],
      [[reply('two-lines', '请稍等\n马上来')], /one line expected/],
      [[reply('same'), reply('same')], /duplicate quick reply id "same"/],
      [[reply('bad id!')], /quickReplies\.0\.id/],
    ];
    for (const [quickReplies, reason] of hostile) {
      const res = await put(quickReplies);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as {
        error: { code: string; message: string; details?: string[] };
      };
      expect(error.code).toBe('INVALID_MESSAGE');
      expect([error.message, ...(error.details ?? [])].join('\n')).toMatch(reason);
    }
    const good = await put([reply('wait')]);
    expect(good.status).toBe(200);
    const after = (await (await fetch(`${t.httpUrl}/api/kb/grand-hotel`)).json()) as {
      quickReplies: unknown;
    };
    expect(after.quickReplies).toEqual([reply('wait')]);
  });
});
