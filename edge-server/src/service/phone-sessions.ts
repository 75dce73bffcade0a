/**
 * A guest's phone (WeChat) signs in for a day, and may follow a conversation a kiosk handed over to
 * it with a continue-on-phone QR code.
 */
import type { ErrorCode } from '@frontdesk/protocol';
import { sha256Hex, type TokenSigner } from '../auth/secrets.js';
import { isHandoverCodeExpired } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { recordAudit } from './audit.js';
import type { Clock } from './clock.js';
import { handoverView, type HandoverView } from './queries.js';
import type { WeChatLogin } from './wechat.js';

const PHONE_SESSION_MS = 24 * 60 * 60 * 1000;
const UNKNOWN_CODE = 'this QR code is unknown or has expired';

export interface PhoneSession {
  deviceId: string;
  token: string;
  expiresAt: number;
  handover: HandoverView | null;
}

type Refusal = { ok: false; code: ErrorCode; reason: string };

export class PhoneSessions {
  constructor(
    private readonly deps: { store: Store; clock: Clock; wechat: WeChatLogin | null; tokens: TokenSigner },
  ) {}

  async open(
    site: string,
    code: string,
    handoverCode?: string,
  ): Promise<{ ok: true; value: PhoneSession } | Refusal> {
    const { store, wechat } = this.deps;
    // Without a WeChat configuration (or the demo's simulated login) nobody gets a phone session.
    if (!wechat)
      return {
        ok: false,
        code: 'NOT_CONFIGURED',
        reason:
          'phone sign-in is off: set WECHAT_APPID and WECHAT_SECRET (or WECHAT_LOGIN=simulated for a demo)',
      };
    const kb = await store.knowledgeBases.get(site);
    if (!kb) return { ok: false, code: 'NOT_FOUND', reason: `no site ${site}` };
    const now = this.deps.clock.now();
    // The handover code is checked before the WeChat code is spent, so a stale QR costs no login.
    if (handoverCode !== undefined) {
      const h = await store.handovers.get(sha256Hex(handoverCode));
      if (!h || h.site !== site || isHandoverCodeExpired(h, now))
        return { ok: false, code: 'NOT_FOUND', reason: UNKNOWN_CODE };
    }
    const login = await wechat.code2Session(code, now);
    if (!login.ok)
      return { ok: false, code: 'UNAUTHENTICATED', reason: `WeChat login failed: ${login.reason}` };
    // The device id is derived from the openid, so the openid itself is never stored or sent.
    const deviceId = `phone-${sha256Hex(`${site}:${login.openid}`).slice(0, 20)}`;
    const expiresAt = now + PHONE_SESSION_MS;
    const attached = await this.register(site, deviceId, now, expiresAt, handoverCode);
    if (!attached.ok)
      return attached.code === 'CONFLICT'
        ? { ok: false, code: 'CONFLICT', reason: 'this QR code was already used on another phone' }
        : { ok: false, code: 'NOT_FOUND', reason: UNKNOWN_CODE };
    const token = this.deps.tokens.sign('phone', deviceId, expiresAt);
    return { ok: true, value: { deviceId, token, expiresAt, handover: attached.handover } };
  }

  /** Registers (or renews) the phone as a device and attaches it to the handover, in one transaction. */
  private register(site: string, deviceId: string, now: number, expiresAt: number, handoverCode?: string) {
    return this.deps.store.transaction(async (tx) => {
      const existing = await tx.devices.get(deviceId);
      await tx.devices.put({
        id: deviceId,
        site,
        kind: 'phone',
        name: 'WeChat',
        place: null,
        secretHash: '',
        expiresAt,
        revoked: false,
        createdAt: existing?.createdAt ?? now,
      });
      const actor = `device:${deviceId}`;
      await recordAudit(tx.audit, now, {
        actor,
        action: 'phone.session',
        subject: actor,
        detail: { site },
        site,
      });
      if (handoverCode === undefined) return { ok: true as const, handover: null };
      const h = await tx.handovers.get(sha256Hex(handoverCode));
      if (!h || isHandoverCodeExpired(h, now)) return { ok: false as const, code: 'NOT_FOUND' as const };
      // The first phone to present the code keeps it: a photo of the QR taken later is worth nothing.
      if (h.phoneDeviceId !== null && h.phoneDeviceId !== deviceId)
        return { ok: false as const, code: 'CONFLICT' as const };
      await tx.handovers.put({ ...h, phoneDeviceId: deviceId });
      await recordAudit(tx.audit, now, {
        actor,
        action: 'handover.attach',
        subject: `conversation:${h.conversationId}`,
        detail: { kiosk: h.deviceId, escalationId: h.escalationId, ticketId: h.ticketId },
        site,
      });
      return { ok: true as const, handover: await handoverView(tx, h) };
    });
  }

  /** What the phone page shows for a continue code, or null when it is unknown or expired. */
  async handoverStatus(
    code: string,
  ): Promise<(HandoverView & { site: string; lang: 'zh' | 'en' | null }) | null> {
    const { store } = this.deps;
    const h = await store.handovers.get(sha256Hex(code));
    if (!h || isHandoverCodeExpired(h, this.deps.clock.now())) return null;
    const view = await handoverView(store, h);
    const conversation = await store.conversations.get(h.conversationId);
    return { ...view, site: h.site, lang: conversation?.lang ?? null };
  }
}
