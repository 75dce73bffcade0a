/**
 * WeChat login (`wx.login` code → openid via code2Session). Two implementations of one interface,
 * both held to `wechat-login.contract.ts`: the real one calls WeChat's `sns/jscode2session` with the
 * mini-program's app id and secret; the simulated one (demo data or `WECHAT_LOGIN=simulated` only)
 * behaves like it: a code is single-use, expires after five minutes and names one session.
 */
export type WeChatLoginResult = { ok: true; openid: string } | { ok: false; reason: string };

export interface WeChatLogin {
  code2Session(code: string, now: number): Promise<WeChatLoginResult>;
}

const CODE_TTL_MS = 5 * 60 * 1000;
/** What WeChat's openids look like (28 characters in practice); anything else is not trusted. */
const OPENID = /^[A-Za-z0-9_-]{1,128}$/;

export class SimulatedWeChatLogin implements WeChatLogin {
  private readonly used = new Map<string, number>();

  /**
   * Simulated codes look like `sim-<user>-<nonce>`. The openid is derived from the whole code, not
   * from `<user>`: whoever can reach the port could otherwise sign in as any user it names and take
   * over that phone's session (issue 10). Each login is its own phone.
   */
  async code2Session(code: string, now: number): Promise<WeChatLoginResult> {
    for (const [c, at] of this.used) if (now - at > CODE_TTL_MS) this.used.delete(c);
    const match = /^sim-([A-Za-z0-9]{1,32})-([A-Za-z0-9]{1,64})$/.exec(code);
    if (!match) return { ok: false, reason: 'invalid code (40029)' };
    if (this.used.has(code)) return { ok: false, reason: 'code been used (40163)' };
    this.used.set(code, now);
    return { ok: true, openid: `o-sim-${match[1]}-${match[2]}` };
  }
}

export interface WeChatCode2SessionOptions {
  appId: string;
  secret: string;
  /** `https://api.weixin.qq.com` in production; a local fake in the contract test. */
  baseUrl: string;
  /** How long to wait for WeChat before refusing the login. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface Code2SessionReply {
  openid?: unknown;
  errcode?: unknown;
  errmsg?: unknown;
}

/**
 * The real login: `GET {baseUrl}/sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`
 * (WeChat's documented API). WeChat itself makes a code single-use and short-lived; the session key it
 * returns is not kept (the server never decrypts user data).
 */
export class WeChatCode2SessionLogin implements WeChatLogin {
  constructor(private readonly options: WeChatCode2SessionOptions) {}

  async code2Session(code: string): Promise<WeChatLoginResult> {
    const url = new URL('/sns/jscode2session', this.options.baseUrl);
    url.search = new URLSearchParams({
      appid: this.options.appId,
      secret: this.options.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let reply: Code2SessionReply;
    try {
      const res = await (this.options.fetch ?? fetch)(url, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      if (!res.ok) return { ok: false, reason: `WeChat answered HTTP ${res.status}` };
      reply = (await res.json()) as Code2SessionReply;
    } catch (err) {
      return { ok: false, reason: `WeChat could not be reached (${(err as Error).name})` };
    }
    if (reply.errcode !== undefined && reply.errcode !== 0)
      return { ok: false, reason: `${String(reply.errmsg ?? 'error')} (${String(reply.errcode)})` };
    if (typeof reply.openid !== 'string' || !OPENID.test(reply.openid))
      return { ok: false, reason: 'WeChat answered without an openid' };
    return { ok: true, openid: reply.openid };
  }
}
