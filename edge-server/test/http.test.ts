/**
 * The HTTP side: staff sign-in, photo uploads (limits, content sniffing, access), knowledge-base
 * updates that reach kiosks live, the audit trail with personal data masked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, env, kioskOnline, staffToken, startTestServer, type TestServer } from './harness.js';
import { basic, png } from './http-fixtures.js';

describe('HTTP API', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded', { PHOTO_MAX_BYTES: String(64 * 1024) });
  });
  afterAll(async () => t?.close());

  it('signs staff in with their password and refuses a wrong one', async () => {
    const ok = await fetch(`${t.httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: DEMO.frontDesk.id, password: DEMO.frontDesk.password }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      token: expect.any(String),
      staff: { id: 'li-na', role: 'staff', skills: ['front_desk'] },
    });
    const bad = await fetch(`${t.httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: DEMO.frontDesk.id, password: 'guess' }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({
      error: { code: 'UNAUTHENTICATED', messageZh: expect.any(String) },
    });
    const malformed = await fetch(`${t.httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_JSON');
  });

  it('stores a photo from a kiosk under its hash and serves it only to staff of the same site', async () => {
    const image = png();
    const up = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: basic(DEMO.kiosk.id, DEMO.kiosk.secret) },
      body: image,
    });
    expect(up.status).toBe(201);
    const { photoId, mime } = (await up.json()) as { photoId: string; mime: string };
    expect(photoId).toMatch(/^[0-9a-f]{64}$/);
    expect(mime).toBe('image/png');

    const staff = await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password);
    const got = await fetch(`${t.httpUrl}/api/photos/${photoId}`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(image)).toBe(true);
    expect(got.headers.get('cache-control')).toContain('no-store');

    expect((await fetch(`${t.httpUrl}/api/photos/${photoId}`)).status).toBe(401);
    const kioskTry = await fetch(`${t.httpUrl}/api/photos/${photoId}`, {
      headers: { authorization: basic(DEMO.kiosk.id, DEMO.kiosk.secret) },
    });
    expect(kioskTry.status).toBe(403);
    const otherSite = await staffToken(t.httpUrl, DEMO.nurse.id, DEMO.nurse.password);
    expect(
      (
        await fetch(`${t.httpUrl}/api/photos/${photoId}`, {
          headers: { authorization: `Bearer ${otherSite}` },
        })
      ).status,
    ).toBe(403);
  });

  it('creates a ticket only with photos its own device uploaded: unknown or foreign ids are refused', async () => {
    const upload = async (who: { id: string; secret: string }, image: Buffer) => {
      const res = await fetch(`${t.httpUrl}/api/photos`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', authorization: basic(who.id, who.secret) },
        body: image,
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { photoId: string }).photoId;
    };
    const hospital2f = { id: 'kiosk-hospital-2f', secret: 'demo-kiosk-secret-3' };
    const own = await upload(DEMO.kiosk, png(10));
    const otherSite = await upload(DEMO.hospitalKiosk, png(20));
    const sameSiteOtherKiosk = await upload(DEMO.hospitalKiosk, png(30));
    const unknown = 'f'.repeat(64);

    const create = async (who: { id: string; secret: string }, ticketId: string, photoIds: string[]) => {
      const kiosk = await kioskOnline(t.mqttUrl, who);
      try {
        const msg = env(who.id, 'ticket.create', {
          ticketId,
          category: 'plumbing',
          description: 'The tap drips',
          lang: 'en',
          photoIds,
        });
        await kiosk.publish(`fd/v1/device/${who.id}/up`, msg);
        return (
          await kiosk.waitFor(
            (m) => (m.json.type === 'ack' || m.json.type === 'error') && m.json.body.ref === msg.id,
            5000,
            `the answer to ${ticketId}`,
          )
        ).json;
      } finally {
        await kiosk.close();
      }
    };

    for (const [who, ticketId, ids] of [
      [DEMO.kiosk, 'tk-photo-unknown', [own, unknown]],
      [DEMO.kiosk, 'tk-photo-other-site', [otherSite]],
      [hospital2f, 'tk-photo-other-kiosk', [sameSiteOtherKiosk]],
    ] as const) {
      const answer = await create(who, ticketId, [...ids]);
      expect(answer.type).toBe('error');
      expect(answer.body).toMatchObject({ code: 'UNKNOWN_PHOTO', messageZh: expect.any(String) });
      expect(String(answer.body.message)).toContain(ids.at(-1));
      expect(await t.server.store.tickets.get(ticketId)).toBeNull();
    }
    const ok = await create(DEMO.kiosk, 'tk-photo-own', [own]);
    expect(ok.type).toBe('ack');
    expect((await t.server.store.tickets.get('tk-photo-own'))?.photoIds).toEqual([own]);
  });

  it('rejects uploads that are not images, lie about their type, are too large or unauthenticated', async () => {
    const auth = { authorization: basic(DEMO.kiosk.id, DEMO.kiosk.secret) };
    const lying = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', ...auth },
      body: Buffer.from('#!/bin/sh\necho not a photo\n'),
    });
    expect(lying.status).toBe(415);
    expect(((await lying.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const text = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...auth },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    const big = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', ...auth },
      body: Buffer.concat([png(), Buffer.alloc(70 * 1024)]),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const anon = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: png(),
    });
    expect(anon.status).toBe(401);
    const wrong = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: basic(DEMO.kiosk.id, 'nope') },
      body: png(),
    });
    expect(wrong.status).toBe(401);
  });

  it('publishes an administrator’s knowledge-base change to kiosks at once, and refuses an invalid one', async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    await kiosk.subscribe('fd/v1/site/grand-hotel/kb');
    const first = await kiosk.waitFor((m) => m.json.type === 'kb.snapshot');
    const version = (first.json.body as { version: number }).version;
    const admin = await staffToken(t.httpUrl, DEMO.hotelAdmin.id, DEMO.hotelAdmin.password);
    const kb = (await (await fetch(`${t.httpUrl}/api/kb/grand-hotel`)).json()) as Record<string, unknown> & {
      faq: Array<{ intent: string; answer: { zh: string; en: string } }>;
    };
    const { version: _v, updatedAt: _u, ...input } = kb;
    const wifi = input.faq.find((f) => f.intent === 'wifi')!;
    wifi.answer = {
      zh: '无线网络：Yunqi-Guest，密码 new-pass-2026',
      en: 'Wi-Fi: Yunqi-Guest, password new-pass-2026',
    };
    const put = await fetch(`${t.httpUrl}/api/kb/grand-hotel`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ reason: 'new Wi-Fi password', kb: input }),
    });
    expect(put.status).toBe(200);
    const live = await kiosk.waitFor(
      (m) => m.json.type === 'kb.snapshot' && (m.json.body as { version: number }).version === version + 1,
    );
    expect(JSON.stringify(live.json.body)).toContain('new-pass-2026');

    const staff = await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password);
    const notAdmin = await fetch(`${t.httpUrl}/api/kb/grand-hotel`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body: JSON.stringify({ reason: 'not mine to change', kb: input }),
    });
    expect(notAdmin.status).toBe(403);
    const broken = {
      ...input,
      edges: [...(input.edges as object[]), { from: 'h-lobby-kiosk', to: 'nowhere', via: 'walk', costM: 3 }],
    };
    const invalid = await fetch(`${t.httpUrl}/api/kb/grand-hotel`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ reason: 'a broken edge', kb: broken }),
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toContain('nowhere');
    await kiosk.close();
  });

  it('keeps an audit trail of staff actions with phone and ID numbers masked', async () => {
    const kiosk = await kioskOnline(t.mqttUrl, DEMO.kiosk);
    const msg = env(DEMO.kiosk.id, 'escalation.raise', {
      escalationId: 'esc-audit',
      conversationId: 'conv-audit',
      trigger: 'asked_for_person',
      lang: 'zh',
      summary: '我的手机13812345678，身份证110101199003071234，请回电',
    });
    await kiosk.publish(`fd/v1/device/${DEMO.kiosk.id}/up`, msg);
    await kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === msg.id);
    await kiosk.close();
    const admin = await staffToken(t.httpUrl, DEMO.hotelAdmin.id, DEMO.hotelAdmin.password);
    const res = await fetch(`${t.httpUrl}/api/audit?limit=1000`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const { entries } = (await res.json()) as {
      entries: Array<{ action: string; detail: Record<string, unknown> }>;
    };
    const raised = entries.find(
      (e) => e.action === 'escalation.raise' && JSON.stringify(e.detail).includes('请回电'),
    );
    expect(raised).toBeDefined();
    const text = JSON.stringify(raised);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('110101199003071234');
    expect(entries.some((e) => e.action === 'staff.login')).toBe(true);
    const staff = await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password);
    expect(
      (await fetch(`${t.httpUrl}/api/audit`, { headers: { authorization: `Bearer ${staff}` } })).status,
    ).toBe(403);
  });

  // Regression (issue 11): `?status=` was cast to the status type without a check.
  it('validates query strings: an unknown status or a negative page is INVALID_MESSAGE', async () => {
    const staff = await staffToken(t.httpUrl, DEMO.frontDesk.id, DEMO.frontDesk.password);
    const admin = await staffToken(t.httpUrl, DEMO.hotelAdmin.id, DEMO.hotelAdmin.password);
    const get = (path: string, token: string) =>
      fetch(`${t.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    for (const [path, token] of [
      ['/api/escalations?status=pending,bogus', staff],
      ['/api/tickets?status=closed', staff],
      ['/api/audit?limit=-5', admin],
      ['/api/audit?after=abc', admin],
    ] as const) {
      const res = await get(path, token);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'INVALID_MESSAGE', messageZh: expect.any(String) },
      });
    }
    const ok = await get('/api/escalations?status=resolved,cancelled', staff);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ escalations: expect.any(Array) });
    expect((await get('/api/audit?after=0&limit=2', admin)).status).toBe(200);
  });

  it('answers unknown routes with a bilingual NOT_FOUND', async () => {
    const res = await fetch(`${t.httpUrl}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.any(String), messageZh: expect.any(String) },
    });
  });
});
