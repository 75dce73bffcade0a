/**
 * WeChat login (`wx.login` code → openid via the code2Session API). The real one calls WeChat's
 * servers with the app secret, which cannot exist here; the simulated one behaves like it: a code is
 * single-use, expires after five minutes, and maps to a stable openid.
 */
export interface WeChatLogin {
  code2Session(
    code: string,
    now: number,
  ): Promise<{ ok: true; openid: string } | { ok: false; reason: string }>;
}

const CODE_TTL_MS = 5 * 60 * 1000;

export class SimulatedWeChatLogin implements WeChatLogin {
  private readonly used = new Map<string, number>();

  /** Simulated codes look like `sim-<user>-<anything>`; the openid is derived from `<user>`. */
  async code2Session(code: string, now: number) {
    for (const [c, at] of this.used) if (now - at > CODE_TTL_MS) this.used.delete(c);
    const match = /^sim-([A-Za-z0-9]{1,32})-[A-Za-z0-9]{1,64}$/.exec(code);
    if (!match) return { ok: false as const, reason: 'invalid code (40029)' };
    if (this.used.has(code)) return { ok: false as const, reason: 'code been used (40163)' };
    this.used.set(code, now);
    return { ok: true as const, openid: `o-sim-${match[1]}` };
  }
}
