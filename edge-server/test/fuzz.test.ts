/**
 * Issue 18, fuzzing against a real server (fast-check): every HTTP route — found in the route plugins'
 * source, so a new route is fuzzed without anyone listing it — gets malformed, truncated, wrongly
 * typed and Unicode-hostile requests as an anonymous caller, a kiosk, staff of this site and of the
 * other, and a forged token; every MQTT channel gets fuzzed envelopes. The server answers each with a
 * coded rejection (never a 5xx, never silence), stays up, and the store is unchanged and intact.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@frontdesk/protocol';
import {
  DEMO,
  SERVER_DIR,
  kioskOnline,
  staffOnline,
  staffToken,
  startTestServer,
  waitUntil,
  type TestClient,
  type TestServer,
} from './harness.js';
import { basic } from './http-fixtures.js';

const ROUTES_DIR = join(SERVER_DIR, 'src/http/routes');
const HOSTILE = [
  '\u0000',
  '\u202e',
  '\ud800',
  '\uffff',
  '../..',
  '%',
  '%00',
  '<svg onload=1>',
  '13812345678',
  ' ',
];

/** `[method, path]` of every route the plugins register: `app.get('/x'`, `app.post<…>(\n '/y'`. */
function discoverRoutes(): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const file of readdirSync(ROUTES_DIR).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(ROUTES_DIR, file), 'utf8');
    for (const m of source.matchAll(/app\.(get|post|put|delete|patch)(?:<[^>]*>)?\(\s*'([^']+)'/g))
      found.push([(m[1] as string).toUpperCase(), m[2] as string]);
  }
  return found;
}

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom(...HOSTILE),
  fc.stringMatching(/^[a-z0-9-]{1,20}$/),
  fc.constant('x'.repeat(3000)),
);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Percent-encoded; a lone surrogate (which has no UTF-8) goes as the bytes a careless client would send. */
function encodeParam(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `%ED%A0%80${encodeURIComponent(value.replace(/\p{Cs}/gu, ''))}`;
  }
}

type Body = { type: string; data: string | Uint8Array } | null;
const bodies: fc.Arbitrary<Body> = fc.oneof(
  fc.constant(null),
  jsonish.map((v) => ({ type: 'application/json', data: JSON.stringify(v) ?? 'null' })),
  jsonish.map((v) => ({
    type: 'application/json',
    data: (JSON.stringify(v) ?? 'null').slice(0, -1) + '\u0000',
  })),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ type: 'image/png', data: b })),
  hostileString.map((s) => ({ type: 'text/plain', data: s })),
);

describe('fuzzing the running server (issue 18)', () => {
  let t: TestServer;
  let auths: Record<string, string | null>;

  beforeAll(async () => {
    t = await startTestServer('embedded');
    auths = {
      anonymous: null,
      kiosk: basic(DEMO.kiosk.id, DEMO.kiosk.secret),
      staff: `Bearer ${await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password)}`,
      otherSiteStaff: `Bearer ${await staffToken(t.httpUrl, DEMO.nurse.id, DEMO.nurse.password)}`,
      forged: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJzdW4tbGkifQ.',
    };
  });
  afterAll(async () => t?.close());

  async function counts() {
    const s = t.server.store;
    return {
      escalations: (await s.escalations.list()).length,
      tickets: (await s.tickets.list()).length,
      devices: (await s.devices.list()).map((d) => `${d.id}:${d.revoked}`),
      staff: (await s.staff.list()).length,
      kb: await Promise.all(
        ['grand-hotel', 'city-hospital'].map(async (site) => (await s.knowledgeBases.get(site))?.version),
      ),
      photos: await s.photos.storedBytes(),
    };
  }

  it('answers every route with a coded rejection or a success, never a 5xx, and changes nothing', async () => {
    const routes = discoverRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const before = await counts();
    const request = fc.record({
      route: fc.constantFrom(...routes),
      auth: fc.constantFrom(...Object.keys(auths)),
      params: fc.array(hostileString, { minLength: 3, maxLength: 3 }),
      query: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), hostileString, { maxKeys: 3 }),
      body: bodies,
    });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ route: [method, path], auth, params, query, body }) => {
        let i = 0;
        const url = new URL(
          path.replace(/:[a-zA-Z]+/g, () => encodeParam(params[i++ % params.length] ?? 'x')),
          t.httpUrl,
        );
        for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
        const headers: Record<string, string> = {};
        const authorization = auths[auth];
        if (authorization) headers.authorization = authorization;
        const withBody = body && method !== 'GET';
        if (withBody) headers['content-type'] = body.type;
        const res = await fetch(url, { method, headers, ...(withBody ? { body: body.data } : {}) });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        expect(res.status, `${method} ${url.pathname} as ${auth}: ${text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400 && (res.headers.get('content-type') ?? '').includes('application/json')) {
          const error = (JSON.parse(text) as { error?: { code: string; messageZh: string } }).error;
          expect(ERROR_CODES).toContain(error?.code);
          expect(error?.messageZh).toEqual(expect.any(String));
        }
      }),
      { numRuns: routes.length * 40 },
    );
    // Both refusals and successes were reached (the generator is not refused at the door every time).
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(3);
    expect(await counts()).toEqual(before);
    expect(((await (await fetch(`${t.httpUrl}/healthz`)).json()) as { status: string }).status).toBe('ok');
  });

  it('answers every fuzzed MQTT envelope from a kiosk and from staff, and stays intact', async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    const staff = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    const senders: Array<[TestClient, string, string]> = [
      [kiosk, DEMO.kiosk.id, `fd/v1/device/${DEMO.kiosk.id}/up`],
      [staff, DEMO.frontDesk.id, `fd/v1/staff/${DEMO.frontDesk.id}/up`],
    ];
    const types = [
      'escalation.raise',
      'chat.send',
      'ticket.create',
      'escalation.claim',
      'ticket.update',
      'x',
    ];
    const envelope = fc.record({
      type: fc.oneof(fc.constantFrom(...types), hostileString),
      body: jsonish,
      v: fc.oneof(fc.constant(1), jsonish),
      raw: fc.boolean(),
    });
    const samples = fc.sample(envelope, { numRuns: 150, seed: 18 });
    for (const [client, from, topic] of senders) {
      const answered = () =>
        client.received.filter((m) => m.json?.type === 'ack' || m.json?.type === 'error').length;
      const start = answered();
      samples.forEach(({ type, body, v, raw }, n) => {
        const payload = raw
          ? JSON.stringify(body).slice(0, 30)
          : JSON.stringify({ v, id: `fz-${n}`, type, from, ts: n, body });
        client.client.publish(topic, payload ?? '', { qos: 1 });
      });
      await waitUntil(
        () => answered() - start >= samples.length,
        30_000,
        `${samples.length} answers to ${from}`,
      );
    }
    await kiosk.close();
    await staff.close();
    expect(((await (await fetch(`${t.httpUrl}/healthz`)).json()) as { status: string }).status).toBe('ok');
    const db = new Database(join(t.dataDir, 'frontdesk.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
