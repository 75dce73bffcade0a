/**
 * The SLA clock for real, with a short timer: an unclaimed emergency re-escalates to a supervisor
 * and the guest is reassured, on both broker modes. (The same rules on fake time, exhaustively, are
 * in src/domain/escalations.test.ts and src/service/sla-scheduler.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  env,
  kioskOnline,
  staffOnline,
  startTestServer,
  waitUntil,
  type Mode,
  type TestClient,
  type TestServer,
} from './harness.js';

describe.each<Mode>(['embedded', 'external'])('SLA timers with the %s broker', (mode) => {
  let t: TestServer;
  let kiosk: TestClient;
  let security: TestClient;
  let supervisor: TestClient;

  beforeAll(async () => {
    t = await startTestServer(mode, { SLA_EMERGENCY_CLAIM_MS: '600', SLA_REASSURE_MS: '400' });
    kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    security = await staffOnline(t.mqttUrl, { id: 'yang-fan', password: 'demo-security-1' });
    supervisor = await staffOnline(t.mqttUrl, DEMO.hotelSupervisor);
    await waitUntil(
      async () =>
        (await t.server.store.staff.getPresence('yang-fan'))?.online === true &&
        (await t.server.store.staff.getPresence(DEMO.hotelSupervisor.id))?.online === true,
      5000,
      'presence',
    );
  });
  afterAll(async () => {
    await Promise.all([kiosk?.close(), security?.close(), supervisor?.close()]);
    await t?.close();
  });

  it('re-escalates an unclaimed emergency to the supervisor when its timer runs out, and reassures the guest', async () => {
    const id = `esc-sla-${mode}`;
    const raisedAt = Date.now();
    await kiosk.publish(
      `fd/v1/device/${DEMO.kiosk.id}/up`,
      env(DEMO.kiosk.id, 'escalation.raise', {
        escalationId: id,
        conversationId: `conv-${id}`,
        trigger: 'emergency',
        intent: 'emergency',
        lang: 'en',
        summary: 'smoke in the corridor',
      }),
    );
    const first = await security.waitFor(
      (m) => m.json.type === 'escalation.offered' && (m.json.body.escalation as { id: string }).id === id,
    );
    expect(first.json.body.escalation).toMatchObject({ skill: 'security', priority: 'emergency', level: 0 });
    const toSupervisor = await supervisor.waitFor(
      (m) => m.json.type === 'escalation.offered' && (m.json.body.escalation as { id: string }).id === id,
      5000,
      'the supervisor offer',
    );
    const elapsed = Date.now() - raisedAt;
    expect(toSupervisor.json.body.escalation).toMatchObject({ level: 1 });
    expect(elapsed).toBeGreaterThanOrEqual(550);
    const withdrawn = await security.waitFor(
      (m) => m.json.type === 'escalation.staff_updated' && m.json.body.event === 're_escalated',
    );
    expect((withdrawn.json.body.escalation as { level: number }).level).toBe(1);
    const waiting = await kiosk.waitFor(
      (m) => m.json.type === 'escalation.waiting' && m.json.body.escalationId === id,
    );
    expect(waiting.json.body.waitedMs).toBeGreaterThanOrEqual(400);
    const kinds = (await t.server.store.escalations.events(id)).map((e) => e.kind);
    expect(kinds).toEqual(['raised', 'offered', 'reassured', 're_escalated', 'offered']);
    const audit = await t.server.store.audit.list({ limit: 1000 });
    expect(
      audit.some((a) => a.action === 'escalation.re_escalated' && a.subject === `escalation:${id}`),
    ).toBe(true);
  });
});
