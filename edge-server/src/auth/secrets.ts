import { createHash, createHmac, pbkdf2Sync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt cost: N=2^14, r=8, p=1 (16 MiB, ~40 ms here): the OWASP minimum for scrypt. Verified
// credentials are cached by their SHA-256 so a reconnect storm of 200 kiosks does not cost 8 s of CPU.
const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function scryptAsync(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_BYTES, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new random credential, URL-safe. */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a genuine, unexpired token says. */
export interface TokenClaims {
  subject: string;
  expiresAt: number;
  /**
   * The session generation of a staff token (`staff-sessions.ts`): a password change moves the
   * member to the next one, which ends every token of an older one. 0 for tokens that carry none.
   */
  generation: number;
}

/**
 * Signed, expiring tokens for staff sessions (`staff.subject.expiresAtMs.generation.signature`) and
 * phone sessions (`phone.subject.expiresAtMs.signature`). Stateless, so they survive a restart; the
 * key lives in DATA_DIR. Staff tokens signed before generations existed have four parts and read as
 * generation 0.
 */
export class TokenSigner {
  constructor(private readonly key: Buffer) {}

  sign(kind: 'staff' | 'phone', subject: string, expiresAtMs: number, generation?: number): string {
    const body =
      generation === undefined
        ? `${kind}.${subject}.${expiresAtMs}`
        : `${kind}.${subject}.${expiresAtMs}.${generation}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The subject when the token is genuine, of this kind and not expired; otherwise null. */
  verify(token: string, kind: 'staff' | 'phone', nowMs: number): string | null {
    return this.read(token, kind, nowMs)?.subject ?? null;
  }

  /** What the token says when it is genuine, of this kind and not expired; otherwise null. */
  read(token: string, kind: 'staff' | 'phone', nowMs: number): TokenClaims | null {
    const parts = token.split('.');
    if (parts.length !== 4 && parts.length !== 5) return null;
    const mac = parts.pop() as string;
    const expected = Buffer.from(this.mac(parts.join('.')));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const [k, subject, exp, gen] = parts as [string, string, string, string | undefined];
    const expiresAt = Number(exp);
    if (k !== kind || !(expiresAt > nowMs)) return null;
    const generation = gen === undefined ? 0 : Number(gen);
    if (!Number.isSafeInteger(generation) || generation < 0) return null;
    return { subject, expiresAt, generation };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

// Mosquitto 2's password-file format `$7$<iterations>$<salt b64>$<hash b64>` (PBKDF2-SHA512, 12-byte
// salt, 64-byte hash). mosquitto_passwd's default of 101 iterations is too low; the count is stored in
// the hash, so Mosquitto verifies a higher one just the same.
const MOSQUITTO_ITERATIONS = 20_000;

export function mosquittoHash(
  secret: string,
  salt: Buffer = randomBytes(12),
  iterations = MOSQUITTO_ITERATIONS,
): string {
  const hash = pbkdf2Sync(secret, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
