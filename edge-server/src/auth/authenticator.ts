import { timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ID_PATTERN, type Principal } from '@frontdesk/protocol';
import type { Store } from '../store/store.js';
import { LoginLimiter, normalizeAddress, type Lockout } from './limiter.js';
import { generateSecret, sha256Hex, verifySecret, type TokenSigner } from './secrets.js';
import { liveStaffSession } from './staff-sessions.js';
import { BUSY, VerificationQueue, type VerifyLane } from './verify-queue.js';

export type AuthResult =
  | { ok: true; principal: Principal }
  | {
      ok: false;
      reason: string;
      /** Set when refused without checking the password (locked out, or the verification queue is full). */
      retryAfterMs?: number;
    };

/** Where an attempt came from: the remote address (HTTP `req.ip`, the MQTT socket's) and the door. */
export interface AuthOrigin {
  address?: string | undefined;
  via: 'http' | 'mqtt';
  /**
   * Only a password will do, not a session token: a member proving they know their current
   * password (changing it), where a stolen token must not be enough.
   */
  passwordOnly?: boolean;
}

export interface AuthenticatorOptions {
  limiter?: LoginLimiter;
  queue?: VerificationQueue;
  /** The password check; scrypt by default (a test injects a slow one). */
  verify?: (secret: string, hash: string) => Promise<boolean>;
  /** A lockout began (one per lockout, not per attempt): the audit trail records it. */
  onLockout?: (lockout: Lockout & { via: AuthOrigin['via'] }) => void;
}

export const SERVER_USERNAME = 'edge-server';
/** How long a full verification queue asks the client to wait. */
const BUSY_RETRY_MS = 1000;
/** A principal that signed in within this window is served first by the verification queue. */
const RECENT_MS = 24 * 60 * 60 * 1000;
const BAD = 'bad credentials';

/**
 * Unknown ids cost the same scrypt as known ones (on the lowest lane), so the answer's timing does
 * not tell which ids exist. A random hash nobody knows the secret of.
 */
const DECOY_HASH = ['scrypt', 16384, 8, 1, generateSecret(16), generateSecret(32)].join('$');

/**
 * A principal's MQTT client ids are its id or `<id>.<suffix>` (a second console, a test tool), so one
 * principal can never take over another's persistent session.
 */
function ownsClientId(id: string, clientId: string): boolean {
  return clientId === id || clientId.startsWith(`${id}.`);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256Hex(a), 'hex');
  return timingSafeEqual(x, Buffer.from(sha256Hex(b), 'hex'));
}

/**
 * Who is connecting: the server itself, a kiosk or phone (device id + secret or phone token), or a
 * member of staff (id + password or session token). The client id must be the username (devices) or
 * start with it (staff may have several consoles: `li-na` or `li-na.<suffix>`).
 *
 * HTTP sign-in and MQTT CONNECT both come here with the caller's address: while an id or address is
 * locked out the password is not verified at all, and every scrypt goes through one bounded queue.
 */
export class Authenticator {
  private readonly verified = new Map<string, string>();
  private readonly recent = new LRUCache<string, number>({ max: 10_000 });
  private readonly limiter: LoginLimiter;
  private readonly queue: VerificationQueue;
  private readonly verify: (secret: string, hash: string) => Promise<boolean>;

  constructor(
    private readonly store: Store,
    private readonly tokens: TokenSigner,
    private readonly serverSecret: string,
    private readonly now: () => number,
    private readonly options: AuthenticatorOptions = {},
  ) {
    this.limiter = options.limiter ?? new LoginLimiter();
    this.queue = options.queue ?? new VerificationQueue();
    this.verify = options.verify ?? verifySecret;
  }

  async authenticate(
    clientId: string,
    username: string | undefined,
    password: string | undefined,
    origin: AuthOrigin = { via: 'mqtt' },
  ): Promise<AuthResult> {
    if (!username || password === undefined)
      return { ok: false, reason: 'username and password are required' };
    // The server's own 256-bit secret cannot be guessed online, and locking its id would cut the bus.
    if (username === SERVER_USERNAME) {
      return sameSecret(password, this.serverSecret)
        ? { ok: true, principal: { kind: 'server' } }
        : { ok: false, reason: BAD };
    }
    const id = username.slice(0, 64);
    const address = normalizeAddress(origin.address);
    const wait = this.limiter.retryAfterMs(id, address, this.now());
    // A lockout stops guessing and the scrypt it costs; it must not also lock the real kiosk or clerk
    // out of a lobby when a stranger types wrong passwords for their id. What can be checked without
    // scrypt (a secret this server already verified, a signed session token) still gets in.
    const result =
      wait === null
        ? await this.check(clientId, username, password, origin.passwordOnly === true)
        : ((await this.checkWithoutScrypt(clientId, username, password, origin.passwordOnly === true)) ?? {
            ok: false as const,
            reason: 'too many failed sign-ins; try again later',
            retryAfterMs: wait,
          });
    if (result === BUSY)
      return { ok: false, reason: 'the server is busy; try again shortly', retryAfterMs: BUSY_RETRY_MS };
    if (result.ok) {
      // Only a full check clears the id's failures: the owner getting in past a lockout must not hand
      // the guesser a fresh allowance.
      if (wait === null) this.limiter.success(id);
      if (result.principal.kind !== 'server') this.recent.set(result.principal.id, this.now());
    } else if (result.reason === BAD) {
      for (const lockout of this.limiter.failure(id, address, this.now()))
        this.options.onLockout?.({ ...lockout, via: origin.via });
    }
    return result;
  }

  /** The credentials that need no scrypt: a cached verification or a session token; else null. */
  private async checkWithoutScrypt(
    clientId: string,
    username: string,
    password: string,
    passwordOnly: boolean,
  ): Promise<AuthResult | null> {
    if (!ID_PATTERN.test(username) || !ownsClientId(username, clientId)) return null;
    const device = await this.store.devices.get(username);
    if (device) {
      if (device.revoked || (device.expiresAt !== null && device.expiresAt <= this.now())) return null;
      const good =
        device.kind === 'phone'
          ? this.tokens.verify(password, 'phone', this.now()) === device.id
          : this.verifiedBefore(`device:${device.id}`, password, device.secretHash);
      return good ? { ok: true, principal: { kind: 'device', id: device.id, site: device.site } } : null;
    }
    const member = await this.store.staff.get(username);
    if (!member || member.disabled) return null;
    const good =
      (!passwordOnly && (await this.isSessionOf(password, member.id))) ||
      this.verifiedBefore(`staff:${member.id}`, password, member.passwordHash);
    return good
      ? { ok: true, principal: { kind: 'staff', id: member.id, site: member.site, role: member.role } }
      : null;
  }

  private verifiedBefore(key: string, secret: string, hash: string): boolean {
    return this.verified.get(key) === sha256Hex(`${hash}\u0000${secret}`);
  }

  /** Forget cached verifications (after a password or secret changes). */
  invalidate(key?: string): void {
    if (key) this.verified.delete(key);
    else this.verified.clear();
  }

  /** Whether `token` is a live session token of staff member `id` (not signed out, refreshed away or ended). */
  private async isSessionOf(token: string, id: string): Promise<boolean> {
    return (await liveStaffSession(this.store, this.tokens, token, this.now()))?.member.id === id;
  }

  private async check(
    clientId: string,
    username: string,
    password: string,
    passwordOnly: boolean,
  ): Promise<AuthResult | typeof BUSY> {
    const device = ID_PATTERN.test(username) ? await this.store.devices.get(username) : null;
    if (device) {
      if (!ownsClientId(username, clientId))
        return { ok: false, reason: 'the client id must be the device id or start with "<id>."' };
      if (device.revoked) return { ok: false, reason: 'device revoked' };
      if (device.expiresAt !== null && device.expiresAt <= this.now())
        return { ok: false, reason: 'session expired' };
      const good =
        device.kind === 'phone'
          ? this.tokens.verify(password, 'phone', this.now()) === device.id
          : await this.checkSecret(device.id, `device:${device.id}`, password, device.secretHash);
      if (good === BUSY) return BUSY;
      return good
        ? { ok: true, principal: { kind: 'device', id: device.id, site: device.site } }
        : { ok: false, reason: BAD };
    }
    const member = ID_PATTERN.test(username) ? await this.store.staff.get(username) : null;
    if (member && !member.disabled) {
      if (!ownsClientId(username, clientId)) {
        return { ok: false, reason: 'the client id must be the staff id or start with "<id>."' };
      }
      const good =
        (!passwordOnly && (await this.isSessionOf(password, member.id))) ||
        (await this.checkSecret(member.id, `staff:${member.id}`, password, member.passwordHash));
      if (good === BUSY) return BUSY;
      return good
        ? { ok: true, principal: { kind: 'staff', id: member.id, site: member.site, role: member.role } }
        : { ok: false, reason: BAD };
    }
    const decoy = await this.queue.run('unknown', () => this.verify(password, DECOY_HASH));
    return decoy === BUSY ? BUSY : { ok: false, reason: BAD };
  }

  private async checkSecret(
    id: string,
    key: string,
    secret: string,
    hash: string,
  ): Promise<boolean | typeof BUSY> {
    if (this.verifiedBefore(key, secret, hash)) return true;
    const fingerprint = sha256Hex(`${hash}\u0000${secret}`);
    const seen = this.recent.get(id);
    const lane: VerifyLane = seen !== undefined && this.now() - seen < RECENT_MS ? 'recent' : 'known';
    const ok = await this.queue.run(lane, () => this.verify(secret, hash));
    if (ok === true) this.verified.set(key, fingerprint);
    return ok;
  }
}
