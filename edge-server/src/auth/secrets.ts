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

/**
 * Signed, expiring tokens (`kind.subject.expiresAtMs.signature`) for staff sessions and phone
 * sessions. Stateless, so they survive a restart; the key lives in DATA_DIR.
 */
export class TokenSigner {
  constructor(private readonly key: Buffer) {}

  sign(kind: 'staff' | 'phone', subject: string, expiresAtMs: number): string {
    const body = `${kind}.${subject}.${expiresAtMs}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The subject when the token is genuine, of this kind and not expired; otherwise null. */
  verify(token: string, kind: 'staff' | 'phone', nowMs: number): string | null {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [k, subject, exp, mac] = parts as [string, string, string, string];
    const expected = Buffer.from(this.mac(`${k}.${subject}.${exp}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (k !== kind || !(Number(exp) > nowMs)) return null;
    return subject;
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
