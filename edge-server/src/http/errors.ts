import { ERROR_MESSAGES, FrontdeskError, type ErrorCode } from '@frontdesk/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
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
  NOT_CONFIGURED: 503,
  UNKNOWN_TARGET: 422,
  WRONG_PASSWORD: 403,
  WEAK_PASSWORD: 422,
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

/** The code of an error Fastify or a plugin raised (a body too large, a JSON syntax error, ...). */
function codeOfFastifyError(err: Error & { statusCode?: number; code?: string }): ErrorCode {
  const status = err.statusCode ?? 500;
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 400 && err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'MALFORMED_JSON';
  return status < 500 ? 'INVALID_MESSAGE' : 'INTERNAL';
}

/**
 * The one place an error becomes an HTTP answer: a `FrontdeskError` (routes, services, readers)
 * keeps its code; anything else is mapped by its status, and an internal error is logged, not shown.
 */
export function httpErrorHandler(deps: { metrics: Metrics; logger: Logger }) {
  return (err: Error & { statusCode?: number; code?: string }, _req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof FrontdeskError) {
      deps.metrics.reject(err.code);
      const retryAfter = retryAfterSeconds(err.details);
      if (retryAfter !== null) void reply.header('Retry-After', String(retryAfter));
      return reply
        .status(HTTP_STATUS[err.code])
        .send(errorPayload(err.code, err.message || undefined, err.details));
    }
    const code = codeOfFastifyError(err);
    if (code === 'INTERNAL') deps.logger.error({ err }, 'request failed');
    deps.metrics.reject(code);
    return reply
      .status(HTTP_STATUS[code])
      .send(errorPayload(code, code === 'INTERNAL' ? undefined : err.message));
  };
}

/** What the router says before any route runs, without quoting the URL back (it may carry a code or a number). */
const FRAMEWORK_REASONS: Record<string, string> = {
  FST_ERR_BAD_URL: 'the URL is not valid (a malformed percent-encoding)',
  FST_ERR_MAX_PARAM_LENGTH: 'a part of the URL path is too long',
  FST_ERR_ASYNC_CONSTRAINT: 'the request could not be routed',
};

/**
 * Fastify's `frameworkErrors`: errors of its router (a bad percent-encoding, an over-long path
 * parameter) answered in the API's own shape, `400 INVALID_MESSAGE` in both languages, instead of
 * Fastify's default body, which echoes the URL.
 */
export function frameworkErrorHandler(deps: { metrics: Metrics }) {
  return (err: Error & { code?: string }, _req: FastifyRequest, reply: FastifyReply) => {
    deps.metrics.reject('INVALID_MESSAGE');
    const reason = FRAMEWORK_REASONS[err.code ?? ''] ?? 'the request could not be routed';
    void reply.status(HTTP_STATUS.INVALID_MESSAGE).send(errorPayload('INVALID_MESSAGE', reason));
  };
}
