/**
 * What every `WeChatLogin` must do, whichever WeChat is behind it: a fresh code opens a session with
 * an openid; a code works once; a malformed or unknown code is refused without throwing; two users'
 * codes never give the same openid. Run by `wechat.test.ts` for the simulated login and for the real
 * one against a fake WeChat HTTP server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { WeChatLogin } from './wechat.js';

export interface WeChatLoginFixture {
  login: WeChatLogin;
  /** A code the WeChat behind `login` will accept once, for `user`. */
  freshCode(user: string): string;
}

export function weChatLoginContract(name: string, make: () => Promise<WeChatLoginFixture>) {
  describe(`WeChatLogin contract: ${name}`, () => {
    it('opens a session for a fresh code, once', async () => {
      const { login, freshCode } = await make();
      const code = freshCode('alice');
      const first = await login.code2Session(code, 1000);
      expect(first).toMatchObject({ ok: true, openid: expect.stringMatching(/^[A-Za-z0-9_-]{1,128}$/) });
      expect(await login.code2Session(code, 2000)).toMatchObject({ ok: false, reason: expect.any(String) });
    });

    it('refuses malformed and unknown codes', async () => {
      const { login } = await make();
      for (const code of ['', 'not a code', 'sim-', 'x'.repeat(200)])
        expect(await login.code2Session(code, 1000), code).toMatchObject({ ok: false });
    });

    it('never gives two users the same openid', async () => {
      const { login, freshCode } = await make();
      const a = await login.code2Session(freshCode('alice'), 1000);
      const b = await login.code2Session(freshCode('bob'), 1000);
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok) expect(a.openid).not.toBe(b.openid);
    });
  });
}

/**
 * A small fake of WeChat's `sns/jscode2session` on loopback: it knows the codes it issued, answers
 * each once with the user's openid, and WeChat's error codes otherwise (40029 invalid code, 40163 code
 * used, 40125 invalid secret).
 */
export class FakeWeChat {
  static readonly APP_ID = 'wx-test-app';
  static readonly SECRET = 'test-app-secret';
  readonly codes = new Map<string, string>();
  readonly requests: URLSearchParams[] = [];
  private n = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      this.requests.push(url.searchParams);
      const send = (body: object) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname !== '/sns/jscode2session') return res.writeHead(404).end();
      const q = url.searchParams;
      if (q.get('appid') !== FakeWeChat.APP_ID || q.get('secret') !== FakeWeChat.SECRET)
        return send({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (q.get('grant_type') !== 'authorization_code')
        return send({ errcode: 40002, errmsg: 'invalid grant_type' });
      const code = q.get('js_code') ?? '';
      const openid = this.codes.get(code);
      if (openid === undefined) return send({ errcode: 40029, errmsg: 'invalid code' });
      this.codes.delete(code);
      return send({ openid, session_key: 'never-kept' });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  issue(user: string): string {
    const code = `code${++this.n}x${user}`;
    this.codes.set(code, `oFake_${user}`);
    return code;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
