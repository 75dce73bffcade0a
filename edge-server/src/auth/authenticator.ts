import { ID_PATTERN, type Principal } from '@frontdesk/protocol';
import type { Store } from '../store/store.js';
import { sha256Hex, verifySecret, type TokenSigner } from './secrets.js';

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: string };

export const SERVER_USERNAME = 'edge-server';

/**
 * A principal's MQTT client ids are its id or `<id>.<suffix>` (a second console, a test tool), so one
 * principal can never take over another's persistent session.
 */
function ownsClientId(id: string, clientId: string): boolean {
  return clientId === id || clientId.startsWith(`${id}.`);
}

/**
 * Who is connecting: the server itself, a kiosk or phone (device id + secret or phone token), or a
 * member of staff (id + password or session token). The client id must be the username (devices) or
 * start with it (staff may have several consoles: `li-na` or `li-na.<suffix>`).
 */
export class Authenticator {
  private readonly verified = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly tokens: TokenSigner,
    private readonly serverSecret: string,
    private readonly now: () => number,
  ) {}

  async authenticate(
    clientId: string,
    username: string | undefined,
    password: string | undefined,
  ): Promise<AuthResult> {
    if (!username || password === undefined)
      return { ok: false, reason: 'username and password are required' };
    if (username === SERVER_USERNAME) {
      return password === this.serverSecret
        ? { ok: true, principal: { kind: 'server' } }
        : { ok: false, reason: 'bad credentials' };
    }
    if (!ID_PATTERN.test(username)) return { ok: false, reason: 'bad credentials' };
    const device = await this.store.devices.get(username);
    if (device) {
      if (!ownsClientId(username, clientId))
        return { ok: false, reason: 'the client id must be the device id or start with "<id>."' };
      if (device.revoked) return { ok: false, reason: 'device revoked' };
      if (device.expiresAt !== null && device.expiresAt <= this.now())
        return { ok: false, reason: 'session expired' };
      const good =
        device.kind === 'phone'
          ? this.tokens.verify(password, 'phone', this.now()) === device.id
          : await this.checkSecret(`device:${device.id}`, password, device.secretHash);
      return good
        ? { ok: true, principal: { kind: 'device', id: device.id, site: device.site } }
        : { ok: false, reason: 'bad credentials' };
    }
    const member = await this.store.staff.get(username);
    if (member && !member.disabled) {
      if (!ownsClientId(username, clientId)) {
        return { ok: false, reason: 'the client id must be the staff id or start with "<id>."' };
      }
      const good =
        this.tokens.verify(password, 'staff', this.now()) === member.id ||
        (await this.checkSecret(`staff:${member.id}`, password, member.passwordHash));
      return good
        ? { ok: true, principal: { kind: 'staff', id: member.id, site: member.site, role: member.role } }
        : { ok: false, reason: 'bad credentials' };
    }
    return { ok: false, reason: 'bad credentials' };
  }

  /** Forget cached verifications (after a password or secret changes). */
  invalidate(key?: string): void {
    if (key) this.verified.delete(key);
    else this.verified.clear();
  }

  private async checkSecret(key: string, secret: string, hash: string): Promise<boolean> {
    const fingerprint = sha256Hex(`${hash}\u0000${secret}`);
    if (this.verified.get(key) === fingerprint) return true;
    const ok = await verifySecret(secret, hash);
    if (ok) this.verified.set(key, fingerprint);
    return ok;
  }
}
