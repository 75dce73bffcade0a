import { describe, expect, it } from 'vitest';
import { PhoneError } from './errors.js';
import type { Http, HttpReply } from './http.js';
import { RENEW_BEFORE_MS, SessionClient, needsRenewal } from './session.js';

const HOUR = 60 * 60 * 1000;

function session(n: number, expiresAt: number) {
  return {
    deviceId: `phone-${n}`,
    token: `token-${n}`,
    expiresAt,
    mqtt: { tcp: null, ws: 'ws://127.0.0.1:8080/mqtt' },
    handover: null,
  };
}

/** A fake edge server: counts logins, answers from a script. */
function fakeServer(answer: (url: string, body: unknown, headers: Record<string, string>) => HttpReply) {
  const calls: Array<{ url: string; body: unknown; headers: Record<string, string> }> = [];
  const http: Http = {
    request: async (_method, url, body, headers) => {
      calls.push({ url, body, headers });
      return answer(url, body, headers);
    },
  };
  return { http, calls };
}

describe('the phone session', () => {
  it('exchanges a login code for a token, with the handover code when there is one', async () => {
    let clock = 1000;
    const { http, calls } = fakeServer(() => ({ status: 200, body: session(1, clock + 24 * HOUR) }));
    const client = new SessionClient({
      baseUrl: 'https://edge.test',
      site: 'grand-hotel',
      login: async () => 'sim-guest-1',
      http,
      now: () => clock,
    });
    const s = await client.open('Zk3v9QeR2mT8xLw5pN7aYc');
    expect(s.token).toBe('token-1');
    expect(calls[0]).toMatchObject({
      url: 'https://edge.test/api/phone/sessions',
      body: { site: 'grand-hotel', code: 'sim-guest-1', handover: 'Zk3v9QeR2mT8xLw5pN7aYc' },
    });
    clock += HOUR;
    await client.ensure();
    expect(calls).toHaveLength(1);
  });

  it('signs in again before the token expires (the server has no refresh call)', async () => {
    let clock = 0;
    let logins = 0;
    const { http } = fakeServer(() => ({ status: 200, body: session(++logins, clock + 24 * HOUR) }));
    const client = new SessionClient({
      baseUrl: '',
      site: 'grand-hotel',
      login: async () => `sim-guest-${logins}`,
      http,
      now: () => clock,
    });
    await client.ensure();
    clock += 24 * HOUR - RENEW_BEFORE_MS - 1;
    expect((await client.ensure()).token).toBe('token-1');
    clock += 2;
    // Two callers at once share one sign-in.
    const [a, b] = await Promise.all([client.ensure(), client.ensure()]);
    expect([a.token, b.token, logins]).toEqual(['token-2', 'token-2', 2]);
    expect(needsRenewal({ expiresAt: 100 }, 100 - RENEW_BEFORE_MS)).toBe(true);
  });

  it('retries a request refused as unauthenticated once, with a new token', async () => {
    let logins = 0;
    const { http, calls } = fakeServer((url, _body, headers) => {
      if (url.endsWith('/api/phone/sessions')) return { status: 200, body: session(++logins, 10 * HOUR) };
      return headers.authorization === 'Bearer token-2'
        ? { status: 200, body: { ok: true } }
        : { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'no', messageZh: '不' } } };
    });
    const client = new SessionClient({ baseUrl: '', site: 's', login: async () => 'c', http, now: () => 0 });
    const reply = await client.request('POST', '/api/understand', { text: 'hi' });
    expect(reply).toEqual({ status: 200, body: { ok: true } });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/phone/sessions',
      '/api/understand',
      '/api/phone/sessions',
      '/api/understand',
    ]);
  });

  it("refuses with the server's code and both languages when sign-in is off", async () => {
    const { http } = fakeServer(() => ({
      status: 503,
      body: { error: { code: 'NOT_CONFIGURED', message: 'phone sign-in is off', messageZh: '未配置' } },
    }));
    const client = new SessionClient({ baseUrl: '', site: 's', login: async () => 'c', http, now: () => 0 });
    const error = await client.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhoneError);
    expect(error).toMatchObject({
      code: 'NOT_CONFIGURED',
      text: { en: 'phone sign-in is off', zh: '未配置' },
    });
  });

  it('says the server is unreachable, or that its answer is not understood', async () => {
    const down: Http = { request: () => Promise.reject(new Error('ECONNREFUSED')) };
    const offline = new SessionClient({
      baseUrl: '',
      site: 's',
      login: async () => 'c',
      http: down,
      now: () => 0,
    });
    await expect(offline.open()).rejects.toMatchObject({ code: 'OFFLINE' });
    const odd: Http = { request: async () => ({ status: 200, body: { token: 1 } }) };
    const garbled = new SessionClient({
      baseUrl: '',
      site: 's',
      login: async () => 'c',
      http: odd,
      now: () => 0,
    });
    await expect(garbled.open()).rejects.toMatchObject({ code: 'BAD_REPLY' });
  });
});
