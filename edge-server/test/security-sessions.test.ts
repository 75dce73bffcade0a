/**
 * Issue 12: staff sessions end when their owner says so. Before, a staff token was a stateless
 * signed string: signing out on the console only forgot it locally, so a copied token kept working
 * for 12 hours over HTTP and MQTT, and a password change left every other device signed in. The real
 * server with the embedded broker, real HTTP and real mqtt.js clients; a short refresh grace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecrets } from '../src/boot/choices.js';
import { TokenSigner } from '../src/auth/secrets.js';
import { DEMO, TestClient, startTestServer, staffToken, waitUntil, type TestServer } from './harness.js';
import { basic } from './http-fixtures.js';

const GRACE_MS = 400;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer('embedded', { STAFF_REFRESH_GRACE_MS: String(GRACE_MS) });
});
afterAll(async () => t?.close());

interface Session {
  token: string;
  expiresAt: number;
  staff: { id: string; site: string };
  mqtt: { ws: string };
}

const post = (path: string, auth: string | null, body?: unknown) =>
  fetch(`${t.httpUrl}${path}`, {
    method: 'POST',
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const me = (token: string) =>
  fetch(`${t.httpUrl}/api/staff/me`, { headers: { authorization: `Bearer ${token}` } });
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

/** A live MQTT connection signed in with `token`, and whether it was closed since. */
async function mqttWith(id: string, token: string, suffix: string) {
  const c = await TestClient.connect(t.mqttUrl, id, token, { clientId: `${id}.${suffix}` });
  let closed = false;
  c.client.on('close', () => (closed = true));
  return { client: c, closed: () => closed };
}

const mqttRefused = (id: string, token: string) =>
  expect(TestClient.connect(t.mqttUrl, id, token, { clientId: `${id}.again` })).rejects.toThrow(
    /Bad username or password/,
  );

describe('POST /api/auth/logout', () => {
  it('refuses the anonymous, a kiosk secret and a made-up token', async () => {
    expect((await post('/api/auth/logout', null)).status).toBe(401);
    expect((await post('/api/auth/logout', basic(DEMO.kiosk.id, DEMO.kiosk.secret))).status).toBe(401);
    expect((await post('/api/auth/logout', 'Bearer staff.li-na.99999999999999.0.forged')).status).toBe(401);
    // A member's password is not a session to end.
    const pw = basic(DEMO.frontDesk.id, DEMO.frontDesk.password);
    expect((await post('/api/auth/logout', pw)).status).toBe(401);
    // A genuine phone token (signed with the server's key) is no staff session, on any of the routes.
    const signer = new TokenSigner(Buffer.from(loadSecrets(t.dataDir).tokenKey, 'base64url'));
    const phone = `Bearer ${signer.sign('phone', 'phone-abc', Date.now() + 60_000)}`;
    const body = { current: 'x', next: 'a-long-new-password' };
    for (const path of ['/api/auth/logout', '/api/auth/refresh', '/api/auth/password'])
      expect((await post(path, phone, body)).status).toBe(401);
  });

  it('ends that token over HTTP and MQTT, closes its live connection, and leaves the other sessions', async () => {
    const who = DEMO.frontDesk2;
    const ended = await staffToken(t.httpUrl, who.id, who.password);
    const other = await staffToken(t.httpUrl, who.id, who.password);
    const live = await mqttWith(who.id, ended, 'a');
    const otherLive = await mqttWith(who.id, other, 'b');
    try {
      const res = await post('/api/auth/logout', `Bearer ${ended}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, disconnected: 1 });
      expect((await me(ended)).status).toBe(401);
      await waitUntil(live.closed, 5000, 'the signed-out connection to close');
      await mqttRefused(who.id, ended);
      // Signing out twice is refused like any dead token.
      expect((await post('/api/auth/logout', `Bearer ${ended}`)).status).toBe(401);
      expect((await me(other)).status).toBe(200);
      expect(otherLive.closed()).toBe(false);
      const audit = await t.server.store.audit.list({ limit: 1000 });
      const rows = audit.filter((a) => a.action === 'staff.logout');
      expect(rows).toMatchObject([{ actor: `staff:${who.id}`, subject: `staff:${who.id}` }]);
      expect(JSON.stringify(rows)).not.toContain(ended.split('.').pop());
    } finally {
      await live.client.close();
      await otherLive.client.close();
    }
  });
});

describe('POST /api/auth/refresh', () => {
  it('answers like a sign-in; the old token works for the grace, then is refused and its connection closed', async () => {
    const who = { id: 'zhang-min', password: 'demo-house-1' };
    const old = await staffToken(t.httpUrl, who.id, who.password);
    const live = await mqttWith(who.id, old, 'a');
    try {
      const res = await post('/api/auth/refresh', `Bearer ${old}`);
      expect(res.status).toBe(200);
      const fresh = (await res.json()) as Session;
      expect(fresh).toMatchObject({
        staff: { id: who.id, site: 'grand-hotel' },
        mqtt: { ws: expect.any(String) },
      });
      expect(fresh.token).not.toBe(old);
      expect(fresh.expiresAt).toBeGreaterThan(Date.now() + 11 * 60 * 60 * 1000);
      // Within the grace: the old token still works, but cannot be refreshed a second time.
      expect((await me(old)).status).toBe(200);
      expect(await codeOf(await post('/api/auth/refresh', `Bearer ${old}`))).toBe('UNAUTHENTICATED');
      await waitUntil(live.closed, 5000, 'the refreshed-away connection to close after the grace');
      expect((await me(old)).status).toBe(401);
      await mqttRefused(who.id, old);
      expect((await me(fresh.token)).status).toBe(200);
      const c = await mqttWith(who.id, fresh.token, 'b');
      await c.client.close();
      const audit = await t.server.store.audit.list({ limit: 1000 });
      expect(audit.filter((a) => a.action === 'staff.refresh')).toHaveLength(1);
    } finally {
      await live.client.close();
    }
  });

  it('refuses an expired token, a signed-out one, a disabled member, a kiosk and the anonymous', async () => {
    const who = { id: 'liu-yang', password: 'demo-house-2' };
    const signer = new TokenSigner(Buffer.from(loadSecrets(t.dataDir).tokenKey, 'base64url'));
    const expired = signer.sign('staff', who.id, Date.now() - 1, 0);
    expect(await codeOf(await post('/api/auth/refresh', `Bearer ${expired}`))).toBe('UNAUTHENTICATED');
    const out = await staffToken(t.httpUrl, who.id, who.password);
    expect((await post('/api/auth/logout', `Bearer ${out}`)).status).toBe(200);
    expect((await post('/api/auth/refresh', `Bearer ${out}`)).status).toBe(401);
    expect((await post('/api/auth/refresh', basic(DEMO.kiosk.id, DEMO.kiosk.secret))).status).toBe(401);
    expect((await post('/api/auth/refresh', null)).status).toBe(401);

    const token = await staffToken(t.httpUrl, who.id, who.password);
    const member = (await t.server.store.staff.get(who.id))!;
    await t.server.store.staff.put({ ...member, disabled: true });
    try {
      expect((await post('/api/auth/refresh', `Bearer ${token}`)).status).toBe(401);
    } finally {
      await t.server.store.staff.put(member);
    }
  });
});

describe('POST /api/auth/password', () => {
  const change = (token: string | null, body: unknown) =>
    post('/api/auth/password', token ? `Bearer ${token}` : null, body);

  it('refuses the anonymous, a kiosk, hostile bodies, a wrong or token "current", and a weak new password', async () => {
    const who = { id: 'chen-jie', password: 'demo-maint-1' };
    const token = await staffToken(t.httpUrl, who.id, who.password);
    expect((await change(null, { current: who.password, next: 'a-long-new-password' })).status).toBe(401);
    const kiosk = await post('/api/auth/password', basic(DEMO.kiosk.id, DEMO.kiosk.secret), {
      current: DEMO.kiosk.secret,
      next: 'a-long-new-password',
    });
    expect(kiosk.status).toBe(401);
    for (const body of [{}, { current: 1, next: 2 }, { current: who.password, next: ['x'] }, '[]'])
      expect(await codeOf(await change(token, body))).toBe('INVALID_MESSAGE');
    expect(await codeOf(await change(token, { current: who.password, next: 'x'.repeat(5000) }))).toBe(
      'INVALID_MESSAGE',
    );
    expect((await change(token, { current: who.password, next: 'x'.repeat(100_000) })).status).toBe(413);
    const wrong = await change(token, { current: 'not-the-password', next: 'a-long-new-password' });
    expect(wrong.status).toBe(403);
    expect(await codeOf(wrong)).toBe('WRONG_PASSWORD');
    // A stolen token is not the password.
    expect(await codeOf(await change(token, { current: token, next: 'a-long-new-password' }))).toBe(
      'WRONG_PASSWORD',
    );
    // Too short, the id (also too short here: the rule's own test covers a long id), the current one.
    for (const next of ['short-1', who.id, who.password]) {
      const res = await change(token, { current: who.password, next });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { code: string; messageZh: string } };
      expect(body.error.code).toBe('WEAK_PASSWORD');
      expect(body.error.messageZh).toContain('10');
    }
    // Nothing changed: the old password still signs in.
    expect(await staffToken(t.httpUrl, who.id, who.password)).toMatch(/^staff\./);
  });

  it('counts a wrong current password towards the sign-in lockout', async () => {
    const who = { id: 'yang-fan', password: 'demo-security-1' };
    const token = await staffToken(t.httpUrl, who.id, who.password);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(await codeOf(await change(token, { current: `wrong-${i}`, next: 'a-long-new-password' })));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('WRONG_PASSWORD'));
    expect(codes[5]).toBe('RATE_LIMITED');
  });

  it('changes it: the old password fails, every other session ends (HTTP and MQTT), the caller stays signed in', async () => {
    const who = { id: 'hu-jun', password: 'demo-front-3' };
    const next = '新的密码-long-enough';
    const caller = await staffToken(t.httpUrl, who.id, who.password);
    const other = await staffToken(t.httpUrl, who.id, who.password);
    const otherLive = await mqttWith(who.id, other, 'other');
    try {
      const res = await change(caller, { current: who.password, next });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Session & { disconnected: number };
      expect(body).toMatchObject({ staff: { id: who.id, site: 'city-hospital' }, disconnected: 1 });
      await waitUntil(otherLive.closed, 5000, 'the other session to be disconnected');
      expect((await me(other)).status).toBe(401);
      expect((await me(caller)).status).toBe(401);
      expect((await me(body.token)).status).toBe(200);
      await mqttRefused(who.id, other);
      const c = await mqttWith(who.id, body.token, 'new');
      await c.client.close();
      const login = (password: string) => post('/api/auth/login', null, { id: who.id, password });
      expect((await login(who.password)).status).toBe(401);
      expect((await login(next)).status).toBe(200);
      // MQTT with the password itself follows too.
      await mqttRefused(who.id, who.password);
      const member = await t.server.store.staff.get(who.id);
      expect(member?.sessionGeneration).toBe(1);
      const audit = await t.server.store.audit.list({ limit: 1000 });
      const rows = audit.filter((a) => a.action === 'staff.password');
      expect(rows).toMatchObject([{ actor: `staff:${who.id}`, site: 'city-hospital' }]);
      expect(JSON.stringify(rows)).not.toContain(next);
    } finally {
      await otherLive.client.close();
    }
  });
});
