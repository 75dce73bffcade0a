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
  startTestServer,
  waitUntil,
  type Received,
  type TestClient,
  type TestServer,
} from './harness.js';

const HOUSE = { id: 'zhang-min', password: 'demo-house-1' };
const MAINT = { id: 'chen-jie', password: 'demo-maint-1' };

const about = (type: string, id: string) => (m: Received) =>
  m.json.type === type &&
  ((m.json.body.escalation ?? m.json.body.ticket) as { id?: string } | undefined)?.id === id;

describe('staff actions through the real server', () => {
  let t: TestServer;
  let kiosk: TestClient;
  let supervisor: TestClient;
  const clients: TestClient[] = [];
  const kioskUp = `fd/v1/device/${DEMO.kiosk.id}/up`;

  async function online(who: { id: string; password: string }): Promise<TestClient> {
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
});
