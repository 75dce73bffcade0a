/**
 * Staff session tokens: signed and stateless (`TokenSigner`), so checking one costs no scrypt and
 * survives a restart, yet revocable in two ways:
 *
 * - one token (sign-out, refresh): a row in the revoked-token table, keyed by the token's SHA-256
 *   and kept only until the token expires anyway. Per token, because signing out on one handheld
 *   must not sign the same clerk out of the others.
 * - every token of a member (password change): the generation in the member's record moves on and
 *   tokens carry the generation they were signed with. Stateless tokens cannot be listed, so "all
 *   of them" needs per-member state; one counter does it in O(1) and needs no clock comparisons
 *   (a token signed in the same millisecond as the change is still of the old generation).
 *
 * HTTP bearer checks and MQTT CONNECT both come here, so a revoked token is refused at both doors.
 */
import type { StaffMember } from '../domain/types.js';
import type { Stores } from '../store/store.js';
import { sha256Hex, type TokenSigner } from './secrets.js';

/** How long a staff session token lives; the console refreshes it before then. */
export const STAFF_SESSION_MS = 12 * 60 * 60 * 1000;
/**
 * A refreshed-away token keeps working this long: requests already in flight with it finish and
 * the console reconnects MQTT with the new one without a gap.
 */
export const REFRESH_GRACE_MS = 30_000;

export interface LiveStaffSession {
  member: StaffMember;
  tokenHash: string;
  expiresAt: number;
  /** Set when the token was refreshed away and still works until then; null when not revoked. */
  revokedAt: number | null;
}

export const staffTokenHash = (token: string): string => sha256Hex(token);
export const generationOf = (member: StaffMember): number => member.sessionGeneration ?? 0;

/** The session `token` opens now: genuine, unexpired, of the member's generation, not revoked. */
export async function liveStaffSession(
  store: Pick<Stores, 'staff' | 'revokedTokens'>,
  tokens: TokenSigner,
  token: string,
  now: number,
): Promise<LiveStaffSession | null> {
  const claims = tokens.read(token, 'staff', now);
  if (!claims) return null;
  const member = await store.staff.get(claims.subject);
  if (!member || member.disabled || claims.generation !== generationOf(member)) return null;
  const tokenHash = staffTokenHash(token);
  const revokedAt = await store.revokedTokens.revokedAt(tokenHash);
  if (revokedAt !== null && revokedAt <= now) return null;
  return { member, tokenHash, expiresAt: claims.expiresAt, revokedAt };
}

/** A new session token for `member`, of their current generation. */
export function issueStaffToken(
  tokens: TokenSigner,
  member: StaffMember,
  now: number,
): { token: string; expiresAt: number } {
  const expiresAt = now + STAFF_SESSION_MS;
  return { token: tokens.sign('staff', member.id, expiresAt, generationOf(member)), expiresAt };
}
