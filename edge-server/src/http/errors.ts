import { ERROR_MESSAGES, type ErrorCode } from '@frontdesk/protocol';

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
