/**
 * Issue 10, the HTTP area: each attack found on the running server, replayed as an anonymous caller,
 * the wrong role, another site's staff and another device where it applies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOVER_PAGE_BUDGET, PHOTO_UPLOAD_QUOTAS } from '../src/domain/index.js';
import { FakeWeChat } from '../src/service/wechat-login.contract.js';
import {
  DEMO,
  env,
  kioskOnline,
  staffOnline,
  staffToken,
  startTestServer,
  type TestServer,
} from './harness.js';
import { basic, png } from './http-fixtures.js';

const HOSPITAL_ADMIN = { id: 'ma-chao', password: 'demo-admin-2' };

interface AuditRow {
  action: string;
  actor: string;
  subject: string;
  site: string | null;
  detail: Record<string, unknown>;
}

describe('security of the HTTP API', () => {
  let t: TestServer;
  const get = (path: string, authorization?: string) =>
    fetch(`${t.httpUrl}${path}`, authorization ? { headers: { authorization } } : {});
  const bearer = async (who: { id: string; password: string }) =>
    `Bearer ${await staffToken(t.httpUrl, who.id, who.password)}`;

  beforeAll(async () => {
    t = await startTestServer('embedded');
  });
  afterAll(async () => t?.close());

  it("an administrator reads only their own site's audit trail, never server-level rows", async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.hospitalKiosk);
    const msg = env(DEMO.hospitalKiosk.id, 'escalation.raise', {
      escalationId: 'esc-chest-pain',
      conversationId: 'conv-chest-pain',
      trigger: 'emergency',
      lang: 'en',
      summary: 'chest pain since this morning',
    });
    await kiosk.publish(`fd/v1/device/${DEMO.hospitalKiosk.id}/up`, msg);
    await kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === msg.id);
    await kiosk.close();
    await bearer(DEMO.nurse); // a hospital sign-in, audited

    const page = async (authorization: string) => {
      const res = await get('/api/audit?limit=1000', authorization);
      expect(res.status).toBe(200);
      return ((await res.json()) as { entries: AuditRow[] }).entries;
    };
    const hotel = await page(await bearer(DEMO.hotelAdmin));
    expect(hotel.length).toBeGreaterThan(0);
    expect(hotel.every((e) => e.site === 'grand-hotel')).toBe(true);
    expect(JSON.stringify(hotel)).not.toContain('chest pain');
    expect(hotel.some((e) => e.actor === `staff:${DEMO.nurse.id}`)).toBe(false);
    expect(hotel.some((e) => e.action === 'demo.seed')).toBe(false);

    const hospital = await page(await bearer(HOSPITAL_ADMIN));
    expect(hospital.every((e) => e.site === 'city-hospital')).toBe(true);
    expect(JSON.stringify(hospital)).toContain('chest pain');
    expect(hospital.some((e) => e.action === 'staff.login' && e.actor === `staff:${DEMO.nurse.id}`)).toBe(
      true,
    );

    // Anonymous, the wrong role, a device: no trail at all.
    expect((await get('/api/audit')).status).toBe(401);
    expect((await get('/api/audit', await bearer(DEMO.nurse))).status).toBe(403);
    expect((await get('/api/audit', await bearer(DEMO.hospitalSupervisor))).status).toBe(403);
    const device = `Basic ${Buffer.from(`${DEMO.hospitalKiosk.id}:${DEMO.hospitalKiosk.secret}`).toString('base64')}`;
    expect((await get('/api/audit', device)).status).toBe(403);
  });

  it('sends nosniff on every response: pages, JSON, errors, 404s', async () => {
    for (const path of [
      '/',
      '/healthz',
      '/api/audit',
      '/api/nothing',
      '/api/kb/grand-hotel',
      '/m/continue?h=x',
    ])
      expect((await get(path)).headers.get('x-content-type-options'), path).toBe('nosniff');
  });

  it('answers /favicon.ico with the product mark, as an SVG that cannot be sniffed as anything else', async () => {
    const res = await get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toMatch(/^<svg [^>]*>.*<\/svg>$/s);
  });

  it('puts a strict CSP and no framing on / and /m/*, allowing their inline style by hash only', async () => {
    const kb = (await (await get('/api/kb/grand-hotel')).json()) as { places: Array<{ id: string }> };
    const [from, to] = kb.places.map((p) => p.id);
    for (const path of ['/', '/m/continue?h=unknown', `/m/route?site=grand-hotel&from=${from}&to=${to}`]) {
      const res = await get(path);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      const html = await res.text();
      expect(html, path).not.toContain('<script');
      // The page still works: each inline style it uses is allowed by its hash.
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
      expect(styles.length, path).toBeGreaterThan(0);
      for (const css of styles)
        expect(csp, path).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    }
  });

  it('serves an uploaded PNG+HTML polyglot as an inert, sandboxed image', async () => {
    const polyglot = Buffer.concat([
      png(42),
      Buffer.from(
        '<html><body><script>fetch("/api/audit").then(r=>r.text()).then(alert)</script></body></html>',
      ),
    ]);
    const up = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'text/html', authorization: basic(DEMO.kiosk.id, DEMO.kiosk.secret) },
      body: polyglot,
    });
    // A declared text/html body is not even parsed as an upload.
    expect(up.status).toBe(415);
    const ok = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: basic(DEMO.kiosk.id, DEMO.kiosk.secret) },
      body: polyglot,
    });
    expect(ok.status).toBe(201);
    const { photoId } = (await ok.json()) as { photoId: string };
    const res = await get(`/api/photos/${photoId}`, await bearer(DEMO.frontDesk));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="photo-[0-9a-f]{16}\.png"$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(polyglot)).toBe(true);
    // Another site's staff, a device, and nobody: no photo.
    expect((await get(`/api/photos/${photoId}`, await bearer(DEMO.nurse))).status).toBe(403);
    expect((await get(`/api/photos/${photoId}`)).status).toBe(401);
  });

  it("staff never learn whether another site's escalation exists, nor read its work lists", async () => {
    const hotelStaff = await bearer(DEMO.frontDesk);
    for (const id of ['esc-chest-pain', 'esc-does-not-exist']) {
      const res = await get(`/api/escalations/${id}`, hotelStaff);
      expect(res.status, id).toBe(404);
      expect(JSON.stringify(await res.json())).not.toContain('city-hospital');
    }
    const list = await get('/api/escalations', hotelStaff);
    expect(JSON.stringify(await list.json())).not.toContain('esc-chest-pain');
    const queue = await get('/api/queue', await bearer(DEMO.hotelSupervisor));
    expect(JSON.stringify(await queue.json())).not.toContain('esc-chest-pain');
    expect((await get('/api/escalations/esc-chest-pain', await bearer(DEMO.nurse))).status).toBe(200);
    expect((await get('/api/escalations/esc-chest-pain')).status).toBe(401);
  });
});

describe('photo uploads: real images, per-device quotas, a disk budget, one record per uploader', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded', { PHOTO_DISK_BUDGET_MB: '4' });
  });
  afterAll(async () => t?.close());

  const upload = (authorization: string, body: Buffer) =>
    fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization },
      body,
    });
  const phoneToken = async (code: string) => {
    const res = await fetch(`${t.httpUrl}/api/phone/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'grand-hotel', code }),
    });
    return `Bearer ${((await res.json()) as { token: string }).token}`;
  };
  const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  it('refuses random bytes behind a PNG signature, and stops a phone flooding valid-looking images', async () => {
    const phone = await phoneToken('sim-flood-1');
    const noise = Buffer.concat([png().subarray(0, 8), randomBytes(64 * 1024)]);
    const refused = await upload(phone, noise);
    expect(refused.status).toBe(415);
    expect(await codeOf(refused)).toBe('UNSUPPORTED_MEDIA_TYPE');
    // A decodable header, then noise, past the phone's hourly quota: the rest is refused.
    const statuses: number[] = [];
    const quota = PHOTO_UPLOAD_QUOTAS.phone.photos;
    for (let i = 0; i < quota + 3; i++) {
      const res = await upload(phone, Buffer.concat([png(i), randomBytes(16 * 1024)]));
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await codeOf(res)).toBe('RATE_LIMITED');
      } else await res.arrayBuffer();
    }
    expect(statuses).toEqual([...Array<number>(quota).fill(201), 429, 429, 429]);
    // Anonymous: nothing stored at all.
    expect((await upload('', png(200))).status).toBe(401);
  });

  it('keeps identical bytes from a second device as that device’s own photo, usable in its ticket', async () => {
    const main = basic(DEMO.hospitalKiosk.id, DEMO.hospitalKiosk.secret);
    const floor2 = { id: 'kiosk-hospital-2f', secret: 'demo-kiosk-secret-3' };
    const image = png(77);
    const first = (await (await upload(main, image)).json()) as { photoId: string };
    const res = await upload(basic(floor2.id, floor2.secret), image);
    expect(res.status).toBe(201);
    const second = (await res.json()) as { photoId: string };
    expect(second.photoId).not.toBe(first.photoId);
    const kiosk = await kioskOnline(t.mqttUrl, floor2);
    const msg = env(floor2.id, 'ticket.create', {
      ticketId: 'tk-shared-bytes',
      category: 'plumbing',
      description: 'The tap drips',
      lang: 'en',
      photoIds: [second.photoId],
    });
    await kiosk.publish(`fd/v1/device/${floor2.id}/up`, msg);
    const answer = await kiosk.waitFor(
      (m) => (m.json.type === 'ack' || m.json.type === 'error') && m.json.body.ref === msg.id,
    );
    await kiosk.close();
    expect(answer.json.type).toBe('ack');
  });

  it('refuses new images once PHOTO_DISK_BUDGET_MB is spent', async () => {
    const kiosk = basic(DEMO.kiosk.id, DEMO.kiosk.secret);
    const statuses: number[] = [];
    // Eight 700 KB images against a 4 MB budget (some already spent above): the last ones are refused.
    for (let i = 0; i < 8; i++) {
      const res = await upload(kiosk, Buffer.concat([png(100 + i), randomBytes(700 * 1024)]));
      statuses.push(res.status);
      if (res.status !== 201) expect(await codeOf(res)).toBe('PAYLOAD_TOO_LARGE');
      else await res.arrayBuffer();
    }
    expect(statuses).toContain(413);
    expect(statuses.filter((s) => s !== 201 && s !== 413)).toEqual([]);
  });
});

describe('phone sessions need a WeChat configuration (or the demo)', () => {
  const open = (httpUrl: string, code: string, site = 'grand-hotel') =>
    fetch(`${httpUrl}/api/phone/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site, code }),
    });

  it('demo: two codes naming the same user are two phones, so neither takes the other over', async () => {
    const t = await startTestServer('embedded');
    try {
      const a = await open(t.httpUrl, 'sim-alice-1');
      const b = await open(t.httpUrl, 'sim-alice-other');
      expect([a.status, b.status]).toEqual([200, 200]);
      const [da, db] = [(await a.json()) as { deviceId: string }, (await b.json()) as { deviceId: string }];
      expect(da.deviceId).not.toBe(db.deviceId);
    } finally {
      await t.close();
    }
  });

  it('without demo data or WeChat settings, anonymous callers get no phone token for any site', async () => {
    const t = await startTestServer('embedded', { DEMO: '0' });
    try {
      for (let i = 0; i < 50; i++) {
        const res = await open(t.httpUrl, `sim-guest${i}-x${i}`, i % 2 ? 'grand-hotel' : 'city-hospital');
        expect(res.status).toBe(503);
        const body = (await res.json()) as { error: { code: string; messageZh: string }; token?: string };
        expect(body.error.code).toBe('NOT_CONFIGURED');
        expect(body.error.messageZh.length).toBeGreaterThan(0);
        expect(body.token).toBeUndefined();
      }
    } finally {
      await t.close();
    }
  });

  it('with WECHAT_APPID/SECRET, only codes WeChat vouches for open a session (demo codes are refused)', async () => {
    const wechat = new FakeWeChat();
    await wechat.start();
    const t = await startTestServer('embedded', {
      WECHAT_APPID: FakeWeChat.APP_ID,
      WECHAT_SECRET: FakeWeChat.SECRET,
      WECHAT_API_URL: wechat.url,
    });
    try {
      const forged = await open(t.httpUrl, 'sim-alice-1');
      expect(forged.status).toBe(401);
      expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      const real = await open(t.httpUrl, wechat.issue('alice'));
      expect(real.status).toBe(200);
      expect(await real.json()).toMatchObject({ deviceId: expect.any(String), token: expect.any(String) });
    } finally {
      await t.close();
      await wechat.stop();
    }
  });
});

describe('devices and staff act only on what is theirs', () => {
  let t: TestServer;
  const FLOOR2 = { id: 'kiosk-hospital-2f', secret: 'demo-kiosk-secret-3' };
  beforeAll(async () => {
    t = await startTestServer('embedded');
  });
  afterAll(async () => t?.close());

  /** Sends one message as `who` and returns the ack or error that answers it. */
  async function send(
    who: { id: string; secret?: string; password?: string },
    kind: 'device' | 'staff',
    type: string,
    body: object,
  ) {
    const c =
      kind === 'device'
        ? await kioskOnline(t.mqttUrl, { id: who.id, secret: who.secret ?? '' })
        : await staffOnline(t.mqttUrl, { id: who.id, password: who.password ?? '' });
    try {
      const msg = env(who.id, type, body);
      await c.publish(`fd/v1/${kind}/${who.id}/up`, msg);
      return (
        await c.waitFor(
          (m) => (m.json.type === 'ack' || m.json.type === 'error') && m.json.body.ref === msg.id,
        )
      ).json;
    } finally {
      await c.close();
    }
  }
  const raise = (who: typeof FLOOR2, escalationId: string, conversationId: string) =>
    send(who, 'device', 'escalation.raise', {
      escalationId,
      conversationId,
      trigger: 'asked_for_person',
      lang: 'en',
      summary: 'a person please',
    });
  const report = (who: typeof FLOOR2, ticketId: string, conversationId: string) =>
    send(who, 'device', 'ticket.create', {
      ticketId,
      conversationId,
      category: 'plumbing',
      description: 'The tap drips',
      lang: 'en',
    });

  it("cancels only the device's own escalations and tickets; others' look exactly like unknown ids", async () => {
    expect((await raise(DEMO.kiosk, 'esc-hotel-own', 'conv-hotel-own')).type).toBe('ack');
    expect((await report(DEMO.kiosk, 'tk-hotel-own', 'conv-hotel-own')).type).toBe('ack');
    expect((await raise(DEMO.hospitalKiosk, 'esc-hosp-main', 'conv-hosp-main')).type).toBe('ack');
    const attempts = [
      [DEMO.hospitalKiosk, 'escalation.cancel', { escalationId: 'esc-hotel-own' }], // another site
      [FLOOR2, 'escalation.cancel', { escalationId: 'esc-hosp-main' }], // same site, another kiosk
      [FLOOR2, 'escalation.cancel', { escalationId: 'esc-never-was' }],
      [DEMO.hospitalKiosk, 'ticket.cancel', { ticketId: 'tk-hotel-own' }],
      [FLOOR2, 'ticket.cancel', { ticketId: 'tk-never-was' }],
    ] as const;
    const reasons = new Set<string>();
    for (const [who, type, body] of attempts) {
      const answer = await send(who, 'device', type, body);
      expect(answer.type, `${who.id} ${type}`).toBe('error');
      expect(answer.body.code).toBe('NOT_FOUND');
      reasons.add(`${type}:${String(answer.body.message)}`);
    }
    expect(reasons.size).toBe(2); // one answer per type, whether the id exists or not
    expect((await t.server.store.escalations.get('esc-hotel-own'))?.status).toBe('pending');
    expect((await t.server.store.escalations.get('esc-hosp-main'))?.status).toBe('pending');
    expect((await t.server.store.tickets.get('tk-hotel-own'))?.status).not.toBe('cancelled');
    expect(
      (await send(DEMO.kiosk, 'device', 'escalation.cancel', { escalationId: 'esc-hotel-own' })).type,
    ).toBe('ack');
    expect((await send(DEMO.kiosk, 'device', 'ticket.cancel', { ticketId: 'tk-hotel-own' })).type).toBe(
      'ack',
    );
  });

  it("rates only the device's own conversation", async () => {
    expect((await raise(DEMO.kiosk, 'esc-hotel-rated', 'conv-hotel-rated')).type).toBe('ack');
    for (const [who, body] of [
      [DEMO.hospitalKiosk, { conversationId: 'conv-hotel-rated', score: 1 }],
      [FLOOR2, { conversationId: 'conv-hosp-main', score: 1 }],
      [DEMO.kiosk, { conversationId: 'conv-hotel-rated', escalationId: 'esc-hosp-main', score: 1 }],
    ] as const) {
      const answer = await send(who, 'device', 'rating.submit', body);
      expect(answer.type, who.id).toBe('error');
      expect(answer.body.code).toBe('NOT_FOUND');
    }
    expect(await t.server.store.ratings.list()).toEqual([]);
    const own = await send(DEMO.kiosk, 'device', 'rating.submit', {
      conversationId: 'conv-hotel-rated',
      escalationId: 'esc-hotel-rated',
      score: 5,
    });
    expect(own.type).toBe('ack');
    expect((await t.server.store.ratings.list()).map((r) => r.conversationId)).toEqual(['conv-hotel-rated']);
  });

  it("refuses a clerk's presence at another site's place", async () => {
    const other = await send(DEMO.frontDesk, 'staff', 'presence.set', { onDuty: true, place: 'c-info-desk' });
    expect(other.type).toBe('error');
    expect(other.body.code).toBe('FORBIDDEN');
    expect((await t.server.store.staff.getPresence(DEMO.frontDesk.id))?.place ?? null).not.toBe(
      'c-info-desk',
    );
    const own = await send(DEMO.frontDesk, 'staff', 'presence.set', { onDuty: true, place: 'h-lift-b1' });
    expect(own.type).toBe('ack');
  });

  it("never names another device's escalation or ticket in a CONFLICT", async () => {
    expect((await raise(DEMO.kiosk, 'esc-secret-id-1', 'conv-secret-1')).type).toBe('ack');
    expect((await report(DEMO.kiosk, 'tk-secret-id-1', 'conv-secret-1')).type).toBe('ack');
    for (const answer of [
      await raise(DEMO.hospitalKiosk, 'esc-secret-id-1', 'conv-x'),
      await report(DEMO.hospitalKiosk, 'tk-secret-id-1', 'conv-x'),
    ]) {
      expect(answer.type).toBe('error');
      expect(answer.body.code).toBe('CONFLICT');
      expect(JSON.stringify(answer.body)).not.toMatch(/secret-id|conv-secret|grand-hotel|kiosk-hotel/);
    }
  });
});

describe('guessing and flooding are bounded', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded');
  });
  afterAll(async () => t?.close());

  it('bounds /m/continue handover-code guesses per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < HANDOVER_PAGE_BUDGET.burst + 5; i++) {
      const res = await fetch(`${t.httpUrl}/m/continue?h=${randomBytes(16).toString('base64url')}`);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await res.json()).toMatchObject({
          error: { code: 'RATE_LIMITED', messageZh: expect.any(String) },
        });
      } else await res.text();
    }
    expect(statuses).toEqual([
      ...Array<number>(HANDOVER_PAGE_BUDGET.burst).fill(404),
      ...Array<number>(5).fill(429),
    ]);
  });

  it('counts failed HTTP Basic sign-ins in metrics.authFailed', async () => {
    const before = ((await (await fetch(`${t.httpUrl}/metrics.json`)).json()) as { authFailed: number })
      .authFailed;
    for (const secret of ['wrong-1', 'wrong-2']) {
      const res = await fetch(`${t.httpUrl}/api/devices/me`, {
        headers: { authorization: basic(DEMO.kiosk.id, secret) },
      });
      expect(res.status).toBe(401);
    }
    const after = ((await (await fetch(`${t.httpUrl}/metrics.json`)).json()) as { authFailed: number })
      .authFailed;
    expect(after - before).toBe(2);
  });

  it('answers every /healthz probe while a kiosk floods escalations', async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.hospitalKiosk);
    const FLOOD = 400;
    const ids: string[] = [];
    const flood = (async () => {
      for (let i = 0; i < FLOOD; i++) {
        const msg = env(DEMO.hospitalKiosk.id, 'escalation.raise', {
          escalationId: `esc-flood-${i}`,
          conversationId: `conv-flood-${i}`,
          trigger: 'asked_for_person',
          lang: 'en',
          summary: 'flood',
        });
        ids.push(msg.id);
        await kiosk.publish(`fd/v1/device/${DEMO.hospitalKiosk.id}/up`, msg);
      }
    })();
    const probes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${t.httpUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
      probes.push(res.status);
      await res.json();
    }
    await flood;
    // Every message is answered (most with RATE_LIMITED), and every probe was.
    await kiosk.waitFor(() => {
      const refs = new Set(kiosk.received.map((m) => m.json.body.ref));
      return ids.every((id) => refs.has(id));
    }, 20_000);
    await kiosk.close();
    expect(probes).toEqual(Array<number>(30).fill(200));
  });
});
