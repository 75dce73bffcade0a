/**
 * The staff password rule, shared by the server (`POST /api/auth/password`) and the console, which
 * checks it before sending. Length over composition rules (NIST SP 800-63B §5.1.1.2): at least
 * `PASSWORD_MIN_LENGTH` characters, not the member's id, not the password it replaces.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** scrypt hashes whatever it is given; a bound keeps one request from costing much more than another. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_id' | 'same_as_current';

/** Why `next` may not become the password of staff member `id`, or null when it may. */
export function passwordProblem(next: string, who: { id: string; current: string }): PasswordProblem | null {
  // Characters, not UTF-16 units: a Chinese passphrase of 10 characters counts as 10.
  const length = [...next].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  if (next.trim().toLowerCase() === who.id.toLowerCase()) return 'same_as_id';
  if (next === who.current) return 'same_as_current';
  return null;
}
