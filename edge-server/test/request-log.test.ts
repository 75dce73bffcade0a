/**
 * Regression: Fastify's request log held the guest's handover code (`/m/continue?h=<code>`) in clear,
 * though the store keeps only its hash; and a kiosk's secret from its first-load link, and phone
 * numbers in a query, since pino serializes the request after the masking formatter. Real server,
 * real requests, the log lines as written.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { DEMO, env, kioskOnline, startTestServer, tempDir, type TestServer } from './harness.js';

const CODE = 'Rq8pL2mZ5xV9nB4cT7wK3y';
const lines: string[] = [];
const destination = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer('embedded', {}, tempDir('reqlog'), {
    logger: createLogger('info', destination),
  });
});
afterAll(async () => t?.close());

/** The request lines Fastify wrote for a URL path, parsed. */
function requestLines(path: string) {
  return lines
    .map((l) => JSON.parse(l) as { msg?: string; req?: { url?: string } })
    .filter((l) => l.msg === 'incoming request' && l.req?.url?.startsWith(path));
}

describe('the request log', () => {
  it('redacts the handover code of the phone page, and the audit trail never holds it', async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    try {
      const offer = env(DEMO.kiosk.id, 'handover.offer', {
        code: CODE,
        conversationId: 'conv-reqlog-1',
        ttlS: 600,
      });
      await kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, offer);
      await kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === offer.id);
    } finally {
      await kiosk.close();
    }
    const page = await fetch(`${t.httpUrl}/m/continue?h=${CODE}&lang=en`);
    expect(page.status).toBe(200);

    const logged = requestLines('/m/continue');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.req!.url).toBe('/m/continue?h=[redacted]&lang=en');
    expect(lines.join('')).not.toContain(CODE);
    const audit = JSON.stringify(await t.server.store.audit.list({ limit: 1000 }));
    expect(audit).toContain('handover.offer');
    expect(audit).not.toContain(CODE);
  });

  it("redacts a kiosk's secret from its first-load link", async () => {
    await fetch(`${t.httpUrl}/kiosk/?device=${DEMO.kiosk.id}&secret=${DEMO.kiosk.secret}&site=grand-hotel`);
    const logged = requestLines('/kiosk/');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]!.req!.url).toBe(`/kiosk/?device=${DEMO.kiosk.id}&secret=[redacted]&site=grand-hotel`);
    expect(lines.join('')).not.toContain(DEMO.kiosk.secret);
  });

  it('masks ID and phone numbers in a logged URL, as in every other field', async () => {
    await fetch(`${t.httpUrl}/m/route?site=grand-hotel&from=13812345678&to=110101199003071234`);
    const logged = requestLines('/m/route');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.req!.url).toBe('/m/route?site=grand-hotel&from=138****5678&to=1101**********1234');
    expect(lines.join('')).not.toContain('13812345678');
    expect(lines.join('')).not.toContain('110101199003071234');
  });
});
