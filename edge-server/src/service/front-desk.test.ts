/**
 * The service on the memory store, a recording bus and a hand-driven clock: routing and the SLA
 * timers from message in to messages out, without a broker or a wall clock.
 */
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { TokenSigner } from '../auth/secrets.js';
import { loadDemoData } from '../demo.js';
import { Metrics } from '../metrics.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { FrontDesk } from './front-desk.js';
import { SimulatedWeChatLogin } from './wechat.js';

interface Sent {
  topic: string;
  msg: { type: string; body: Record<string, unknown> };
}

async function setup() {
  const store: Store = createMemoryStore();
  const sent: Sent[] = [];
  const clock = { now: 1_000_000 };
  let n = 0;
  const deadlines: number[] = [];
  const service = new FrontDesk({
    store,
    bus: {
      publish: async (topic, payload) => {
        sent.push({ topic, msg: JSON.parse(payload) as Sent['msg'] });
      },
    },
    now: () => clock.now,
    newId: () => `srv-${n++}`,
    logger: pino({ level: 'silent' }),
    metrics: new Metrics(),
    tokens: new TokenSigner(Buffer.from('k'.repeat(32))),
    wechat: new SimulatedWeChatLogin(),
    onDeadline: (at) => deadlines.push(at),
  });
  const demo = await loadDemoData();
  for (const kb of demo.kbs) await service.publishKnowledgeBase(kb, { actor: 'test', reason: 'test' });
  for (const s of demo.staff) {
    await store.staff.put({
      id: s.id,
      site: s.site,
      name: s.name,
      role: s.role,
      skills: s.skills,
      passwordHash: 'x',
      disabled: false,
      createdAt: 0,
    });
    await store.staff.putPresence({
      staffId: s.id,
      online: false,
      onDuty: true,
      place: s.place ?? null,
      updatedAt: 0,
    });
  }
  for (const d of demo.devices) {
    await store.devices.put({
      id: d.id,
      site: d.site,
      kind: 'kiosk',
      name: d.name,
      place: d.place,
      secretHash: 'x',
      expiresAt: null,
      revoked: false,
      createdAt: 0,
    });
  }
  const online = (id: string) =>
    service.handle(`fd/v1/staff/${id}/status`, Buffer.from('{"v":1,"state":"online"}'));
  const up = (kind: 'device' | 'staff', from: string, type: string, body: object, id = `m-${n++}`) =>
    service.handle(
      `fd/v1/${kind}/${from}/up`,
      Buffer.from(JSON.stringify({ v: 1, id, type, from, ts: clock.now, body })),
    );
  const to = (who: string, type: string) =>
    sent.filter((s) => s.topic.includes(`/${who}/`) && s.msg.type === type);
  return { store, sent, clock, service, online, up, to, deadlines };
}

describe('FrontDesk service (memory store, fake clock)', () => {
  let h: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    h?.service.stop();
    h = await setup();
  });

  it('offers a front-desk request to the nearest online front-desk member, then re-escalates on time', async () => {
    await h.online('li-na');
    await h.online('wang-wei');
    await h.online('zhao-lei');
    await h.up('device', 'kiosk-hotel-lobby', 'escalation.raise', {
      escalationId: 'e1',
      conversationId: 'c1',
      trigger: 'asked_for_person',
      lang: 'en',
      summary: 'help',
    });
    const offers = [...h.to('li-na', 'escalation.offered'), ...h.to('wang-wei', 'escalation.offered')];
    expect(offers).toHaveLength(1);
    expect(h.deadlines.at(-1)).toBe(1_000_000 + 30_000); // reassurance comes before the 5-minute claim window

    h.clock.now += 30_000;
    expect(await h.service.tick()).toBe(1_000_000 + 5 * 60_000);
    expect(h.to('kiosk-hotel-lobby', 'escalation.waiting')).toHaveLength(1);
    expect(h.to('zhao-lei', 'escalation.offered')).toHaveLength(0);

    h.clock.now = 1_000_000 + 5 * 60_000;
    await h.service.tick();
    expect(h.to('zhao-lei', 'escalation.offered')).toHaveLength(1);
    expect((await h.store.escalations.get('e1'))?.level).toBe(1);
    // Ticking again at the same time changes nothing.
    const before = h.sent.length;
    await h.service.tick();
    expect(h.sent.length).toBe(before);
  });

  it('sends an unattended request straight to supervisors when nobody with the skill is online', async () => {
    await h.online('zhao-lei');
    // Housekeeping is wanted and no housekeeper is online; the supervisor (front desk, security) is.
    await h.up('device', 'kiosk-hotel-lobby', 'escalation.raise', {
      escalationId: 'e2',
      conversationId: 'c2',
      trigger: 'asked_for_person',
      intent: 'hotel.amenities',
      lang: 'zh',
      summary: '要两条毛巾',
    });
    expect(h.to('zhao-lei', 'escalation.offered')).toHaveLength(1);
    expect(await h.store.escalations.get('e2')).toMatchObject({ skill: 'housekeeping', level: 1 });
  });

  it('raises one escalation after three unanswered turns, and only one', async () => {
    await h.online('li-na');
    for (let i = 0; i < 5; i++) {
      await h.up('device', 'kiosk-hotel-lobby', 'conversation.turn', {
        conversationId: 'c3',
        lang: 'en',
        answered: true,
        turn: { role: 'guest', text: `q${i}`, at: h.clock.now },
      });
      await h.up('device', 'kiosk-hotel-lobby', 'conversation.turn', {
        conversationId: 'c3',
        lang: 'en',
        answered: false,
        turn: { role: 'assistant', text: 'sorry?', at: h.clock.now },
      });
    }
    const open = await h.store.escalations.list({ deviceId: 'kiosk-hotel-lobby' });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ trigger: 'no_answer', conversationId: 'c3' });
    expect(open[0]!.transcript.length).toBeGreaterThanOrEqual(6);
  });

  it('pushes every ticket status change to the device that opened it', async () => {
    await h.online('chen-jie');
    await h.up('device', 'kiosk-hotel-lobby', 'ticket.create', {
      ticketId: 't1',
      category: 'hvac',
      room: '1203',
      description: 'AC shows E4',
      faultCode: 'E4',
      lang: 'en',
    });
    const created = h.to('kiosk-hotel-lobby', 'ticket.updated');
    expect(created.at(-1)?.msg.body.ticket).toMatchObject({ id: 't1', skill: 'maintenance' });
    const assignee = (created.at(-1)?.msg.body.ticket as { assignee: { id: string } | null }).assignee;
    expect(assignee?.id).toBe('chen-jie');
    await h.up('staff', 'chen-jie', 'ticket.update', { ticketId: 't1', status: 'in_progress' });
    await h.up('staff', 'chen-jie', 'ticket.update', {
      ticketId: 't1',
      status: 'resolved',
      note: 'reset the unit',
    });
    expect(
      h
        .to('kiosk-hotel-lobby', 'ticket.updated')
        .map((s) => (s.msg.body.ticket as { status: string }).status),
    ).toEqual(['assigned', 'in_progress', 'resolved']);
    await h.up('staff', 'chen-jie', 'ticket.update', { ticketId: 't1', status: 'in_progress' }, 'late');
    expect(h.to('chen-jie', 'error').at(-1)?.msg.body).toMatchObject({ code: 'INVALID_STATE', ref: 'late' });
  });

  // Regression (issue 11 split): refusals were once published on the down topic, where no client listens for them.
  it("answers a refused message on the sender's error topic and an accepted one with an ack on its down topic", async () => {
    await h.up('staff', 'li-na', 'escalation.claim', { escalationId: 'nope' }, 'claim-1');
    const refused = h.sent.filter((s) => s.msg.type === 'error');
    expect(refused.map((s) => s.topic)).toEqual(['fd/v1/staff/li-na/error']);
    expect(refused[0]!.msg.body).toMatchObject({ code: 'NOT_FOUND', ref: 'claim-1', messageZh: '未找到。' });
    await h.up('staff', 'li-na', 'presence.set', { onDuty: true }, 'duty-1');
    const acks = h.sent.filter((s) => s.msg.type === 'ack');
    expect(acks.map((s) => s.topic)).toEqual(['fd/v1/staff/li-na/down']);
    expect(acks[0]!.msg.body).toMatchObject({ ref: 'duty-1', duplicate: false });
  });

  it('opens a phone session from a WeChat login code, once per code', async () => {
    const first = await h.service.openPhoneSession('grand-hotel', 'sim-guest1-abc');
    expect(first.ok).toBe(true);
    const again = await h.service.openPhoneSession('grand-hotel', 'sim-guest1-abc');
    expect(again).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const unknownSite = await h.service.openPhoneSession('nowhere', 'sim-guest1-def');
    expect(unknownSite).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
