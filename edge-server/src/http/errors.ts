import type { FastifyRequest } from 'fastify';
import { ERROR_MESSAGES, FrontdeskError, type ErrorCode } from '@frontdesk/protocol';
import type { AuthOrigin } from '../auth/authenticator.js';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  MALFORMED_JSON: 400,
  INVALID_MESSAGE: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_VERSION: 400,
  UNKNOWN_TYPE: 400,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNKNOWN_PHOTO: 422,
  INTERNAL: 500,
};

/** The JSON error body of every HTTP error: a stable code and a reason in both languages. */
export function errorPayload(code: ErrorCode, reason?: string, details?: unknown) {
  return {
    error: {
      code,
      message: reason ?? ERROR_MESSAGES[code].en,
      messageZh: ERROR_MESSAGES[code].zh,
      ...(details === undefined ? {} : { details }),
    },
  };
}

/**
 * A sign-in refused without checking the password (locked out, or the verification queue is full):
 * `429 RATE_LIMITED` with `Retry-After` in seconds and `details.retryAfterMs`.
 */
export function rateLimited(reason: string, retryAfterMs: number): FrontdeskError {
  return new FrontdeskError('RATE_LIMITED', reason, { retryAfterMs });
}

/** The `Retry-After` header (whole seconds, at least 1) for an error's details, or null. */
export function retryAfterSeconds(details: unknown): number | null {
  const ms = (details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof ms === 'number' ? Math.max(1, Math.ceil(ms / 1000)) : null;
}

/**
 * Where a sign-in comes from: the socket's address. `trustProxy` is off, so `req.ip` is never taken
 * from an `X-Forwarded-For` header a guesser could vary per attempt.
 */
export function signInFrom(req: FastifyRequest): AuthOrigin {
  return { address: req.ip, via: 'http' };
}
