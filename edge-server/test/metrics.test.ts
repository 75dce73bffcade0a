/**
 * Issue 18: `/metrics` in the Prometheus text format with the figures an operator alerts on (live
 * connections, work waiting, SLA misses, handling time, process memory), and the JSON counters at
 * `/metrics.json`.
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

const K = DEMO.kiosk.id;

/** The value of the one sample whose name and labels match exactly, or null when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const wanted = Object.entries(labels);
    if (wanted.length === Object.keys(got).length && wanted.every(([k, v]) => got[k] === v))
      return Number(m[3]);
  }
  return null;
}

async function scrape(t: TestServer): Promise<string> {
  const res = await fetch(`${t.httpUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe.each<Mode>(['embedded', 'external'])('/metrics with the %s broker', (mode) => {
  let t: TestServer;
  let kiosk: TestClient;
  let staff: TestClient;

  beforeAll(async () => {
    t = await startTestServer(mode);
    kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    staff = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    await waitUntil(
      async () => (await t.server.store.staff.getPresence(DEMO.frontDesk.id))?.online === true,
      5000,
      'presence',
    );
  });
  afterAll(async () => {
    await staff?.close();
    await kiosk?.close();
    await t?.close();
  });

  it('counts open work by site, handling time by outcome, connections and the process', async () => {
    const raise = env(K, 'escalation.raise', {
      escalationId: `esc-metrics-${mode}`,
      conversationId: 'conv-metrics',
      trigger: 'asked_for_person',
      lang: 'en',
      summary: 'help',
    });
    await kiosk.publish(`fd/v1/device/${K}/up`, raise);
    await kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === raise.id);
    const escalation = await t.server.store.escalations.get(`esc-metrics-${mode}`);
    if (!escalation) throw new Error('the escalation was not stored');

    const text = await scrape(t);
    const open = { site: escalation.site, status: 'pending', priority: escalation.priority };
    expect(sample(text, 'frontdesk_escalations_open', open)).toBe(1);
    expect(sample(text, 'frontdesk_escalations_raised_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'frontdesk_staff_on_duty', { site: escalation.site })).toBe(1);
    const accepted = { from: 'device', outcome: 'accepted' };
    expect(sample(text, 'frontdesk_message_handling_seconds_count', accepted)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'frontdesk_message_handling_seconds_sum', accepted)).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).not.toBeNull();
    if (mode === 'embedded') {
      // The kiosk and the member of staff (plus the server's own connection).
      expect(sample(text, 'frontdesk_connections', { kind: 'device' })).toBe(1);
      expect(sample(text, 'frontdesk_connections', { kind: 'staff' })).toBe(1);
    } else {
      expect(sample(text, 'frontdesk_connections', { kind: 'device' })).toBeNull();
    }
  });

  it('counts a refused message by its code and in the handling time as rejected', async () => {
    await kiosk.publish(`fd/v1/device/${K}/up`, 'not json');
    await kiosk.waitFor((m) => m.json.type === 'error' && m.json.body.code === 'MALFORMED_JSON');
    const text = await scrape(t);
    expect(
      sample(text, 'frontdesk_messages_rejected_total', { code: 'MALFORMED_JSON' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'frontdesk_message_handling_seconds_count', { from: 'device', outcome: 'rejected' }),
    ).toBeGreaterThanOrEqual(1);
    const json = (await (await fetch(`${t.httpUrl}/metrics.json`)).json()) as {
      rejected: Record<string, number>;
    };
    expect(json.rejected.MALFORMED_JSON).toBeGreaterThanOrEqual(1);
  });
});
