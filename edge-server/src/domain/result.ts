import type { ErrorCode } from '@frontdesk/protocol';
import type { Role } from './types.js';

/**
 * A refused decision. The domain returns it instead of throwing so that every caller (MQTT handler,
 * HTTP route, CLI) decides how to report it; `code` is a stable protocol error code.
 */
export interface DomainError {
  ok: false;
  code: Extract<
    ErrorCode,
    'CONFLICT' | 'INVALID_STATE' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNKNOWN_PHOTO' | 'UNKNOWN_TARGET'
  >;
  reason: string;
  /** Sent with the error to the member of staff who asked (never to a device): e.g. who won a claim. */
  details?: Record<string, unknown>;
}

export function fail(
  code: DomainError['code'],
  reason: string,
  details?: Record<string, unknown>,
): DomainError {
  return details === undefined ? { ok: false, code, reason } : { ok: false, code, reason, details };
}

/** Who asks for a change: recorded on every event as `system`, `device:<id>` or `staff:<id>`. */
export type Actor =
  { kind: 'system' } | { kind: 'device'; id: string } | { kind: 'staff'; id: string; role: Role };

export function actorRef(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}

export function isSupervisor(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}
