import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeWeChat, weChatLoginContract } from './wechat-login.contract.js';
import { SimulatedWeChatLogin, WeChatCode2SessionLogin } from './wechat.js';

const APP_ID = FakeWeChat.APP_ID;
const SECRET = FakeWeChat.SECRET;
const wechat = new FakeWeChat();
beforeAll(() => wechat.start());
afterAll(() => wechat.stop());

let nonce = 0;
weChatLoginContract('simulated', async () => ({
  login: new SimulatedWeChatLogin(),
  freshCode: (user) => `sim-${user}-${++nonce}`,
}));

weChatLoginContract('jscode2session against a fake WeChat', async () => ({
  login: new WeChatCode2SessionLogin({ appId: APP_ID, secret: SECRET, baseUrl: wechat.url }),
  freshCode: (user) => wechat.issue(user),
}));

describe('SimulatedWeChatLogin', () => {
  // Regression (issue 10): `sim-alice-1` and `sim-alice-other` were the same phone.
  it('gives two codes naming the same user two different sessions', async () => {
    const login = new SimulatedWeChatLogin();
    const a = await login.code2Session('sim-alice-1', 0);
    const b = await login.code2Session('sim-alice-other', 0);
    expect(a.ok && b.ok && a.openid !== b.openid).toBe(true);
  });
});

describe('WeChatCode2SessionLogin', () => {
  it('sends the app id, secret, code and grant type WeChat documents', async () => {
    const login = new WeChatCode2SessionLogin({ appId: APP_ID, secret: SECRET, baseUrl: wechat.url });
    const code = wechat.issue('carol');
    expect(await login.code2Session(code)).toEqual({ ok: true, openid: 'oFake_carol' });
    expect(Object.fromEntries(wechat.requests.at(-1)!)).toEqual({
      appid: APP_ID,
      secret: SECRET,
      js_code: code,
      grant_type: 'authorization_code',
    });
  });

  it('refuses, without throwing, a wrong secret and an unreachable WeChat', async () => {
    const wrong = new WeChatCode2SessionLogin({ appId: APP_ID, secret: 'nope', baseUrl: wechat.url });
    expect(await wrong.code2Session(wechat.issue('dave'))).toEqual({
      ok: false,
      reason: 'invalid appsecret (40125)',
    });
    const gone = new WeChatCode2SessionLogin({
      appId: APP_ID,
      secret: SECRET,
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 2000,
    });
    expect(await gone.code2Session(wechat.issue('erin'))).toMatchObject({ ok: false });
  });
});
