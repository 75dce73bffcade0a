import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LI_NA } from '../../../test/fixtures.js';
import type { Session } from '../../app/state.js';
import { ApiError, ConsoleApi } from '../../sync/api.js';
import { SessionKeeper } from './session-keeper.js';

const HOUR = 60 * 60 * 1000;
const location = { protocol: 'http:', host: '127.0.0.1:8080' };

/** A server that answers from `answers` by path, recording what it was asked and with which token. */
function fakeServer(answers: Record<string, () => Response>) {
  const calls: Array<{ path: string; auth: string | null; body: string | null }> = [];
  const fetchImpl = (async (url: string, init: RequestInit = {}) => {
    const path = String(url);
    calls.push({
      path,
      auth: new Headers(init.headers).get('authorization'),
      body: typeof init.body === 'string' ? init.body : null,
    });
    const answer = answers[path];
    if (!answer) throw new TypeError('Failed to fetch');
    return answer();
  }) as typeof fetch;
  return { calls, api: new ConsoleApi('', 'old-token', fetchImpl) };
}

const sessionAnswer = (token: string) => () =>
  Response.json({
    token,
    expiresAt: Date.now() + 12 * HOUR,
    staff: LI_NA,
    mqtt: { tcp: null, ws: 'ws://127.0.0.1:8080/mqtt' },
  });
const refusal = (status: number, code: string, details?: unknown) => () =>
  Response.json({ error: { code, message: code, messageZh: code, details } }, { status });

function keeper(api: ConsoleApi, start: Session | null) {
  let session = start;
  const replaced: Session[] = [];
  let expired = 0;
  const k = new SessionKeeper({
    api,
    now: () => Date.now(),
    location,
    session: () => session,
    replace: async (s) => {
      session = s;
      replaced.push(s);
    },
    expire: async () => {
      expired++;
      session = null;
    },
  });
  return { k, replaced, expired: () => expired };
}

const started = (): Session => ({
  token: 'old-token',
  issuedAt: Date.now(),
  expiresAt: Date.now() + 12 * HOUR,
  staff: LI_NA,
  mqttWs: 'ws://127.0.0.1:8080/mqtt',
});

describe('the session keeper', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_800_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('refreshes at three quarters of the life, not before, and installs the new token', async () => {
    const { api, calls } = fakeServer({ '/api/auth/refresh': sessionAnswer('new-token') });
    const { k, replaced } = keeper(api, started());
    k.schedule(started());
    await vi.advanceTimersByTimeAsync(9 * HOUR - 1000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toMatchObject([{ path: '/api/auth/refresh', auth: 'Bearer old-token' }]);
    expect(replaced.map((s) => s.token)).toEqual(['new-token']);
    expect(replaced[0]?.expiresAt).toBe(Date.now() + 12 * HOUR);
  });

  it('offline, tries again a minute later; a refused token ends the session', async () => {
    let online = false;
    const { api, calls } = fakeServer({
      '/api/auth/refresh': () => {
        if (!online) throw new TypeError('Failed to fetch');
        return refusal(401, 'UNAUTHENTICATED')();
      },
    });
    const { k, expired } = keeper(api, started());
    k.schedule(started(), 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(expired()).toBe(0);
    online = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
    expect(expired()).toBe(1);
  });

  it('on waking refreshes at once only when less than a quarter is left', async () => {
    const { api, calls } = fakeServer({ '/api/auth/refresh': sessionAnswer('new-token') });
    const s = started();
    const { k } = keeper(api, s);
    k.woke();
    expect(calls).toHaveLength(0);
    vi.setSystemTime(s.issuedAt! + 10 * HOUR);
    k.woke();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
  });

  it('changes the password: the form is checked first, the refusals say why, success installs the new token', async () => {
    let answer = refusal(403, 'WRONG_PASSWORD');
    const { api, calls } = fakeServer({ '/api/auth/password': () => answer() });
    const { k, replaced } = keeper(api, started());
    const form = { current: 'demo-front-1', next: 'a-new-password', repeat: 'a-new-password' };
    expect(await k.changePassword({ ...form, repeat: 'x' })).toEqual({ ok: false, problem: 'mismatch' });
    expect(calls).toHaveLength(0);
    expect(await k.changePassword(form)).toEqual({ ok: false, problem: 'WRONG_PASSWORD' });
    answer = refusal(422, 'WEAK_PASSWORD', { problem: 'same_as_current' });
    expect(await k.changePassword(form)).toEqual({ ok: false, problem: 'same_as_current' });
    answer = sessionAnswer('after-change');
    expect(await k.changePassword(form)).toEqual({ ok: true });
    expect(JSON.parse(calls.at(-1)!.body!)).toEqual({ current: 'demo-front-1', next: 'a-new-password' });
    expect(replaced.map((s) => s.token)).toEqual(['after-change']);
  });

  it('signs out on the server when it can, and does not wait for an unreachable one', async () => {
    const { api, calls } = fakeServer({ '/api/auth/logout': () => Response.json({ ok: true }) });
    await keeper(api, started()).k.logout();
    expect(calls).toMatchObject([{ path: '/api/auth/logout', auth: 'Bearer old-token' }]);
    const offline = fakeServer({});
    await expect(keeper(offline.api, started()).k.logout()).resolves.toBeUndefined();
  });
});

describe('API errors', () => {
  it("read the server's code from its error body, and a bare 401 as UNAUTHENTICATED", async () => {
    const { api } = fakeServer({
      '/api/tickets': refusal(403, 'FORBIDDEN'),
      '/api/queue': () => new Response('', { status: 401 }),
    });
    await expect(api.tickets()).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    await expect(api.queue()).rejects.toBeInstanceOf(ApiError);
    await expect(api.queue()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
