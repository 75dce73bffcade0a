import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode, type LocalizedText } from '@frontdesk/protocol';

/**
 * What can go wrong on the phone before the server has answered anything: the server's own codes
 * (`@frontdesk/protocol`) plus two of the client's, each with a stable code and both languages.
 */
export const CLIENT_ERROR_MESSAGES = {
  OFFLINE: {
    en: 'The front desk server cannot be reached; check the network and try again.',
    zh: '无法连接前台服务器，请检查网络后重试。',
  },
  BAD_REPLY: {
    en: 'The front desk server sent an answer this app does not understand.',
    zh: '前台服务器的回复无法识别。',
  },
} as const satisfies Record<string, LocalizedText>;
export type ClientErrorCode = keyof typeof CLIENT_ERROR_MESSAGES;
export type PhoneErrorCode = ErrorCode | ClientErrorCode;

/** A refusal to show the guest: a stable code and the text in both languages. */
export class PhoneError extends Error {
  override readonly name = 'PhoneError';
  constructor(
    readonly code: PhoneErrorCode,
    readonly text: LocalizedText,
  ) {
    super(`${code}: ${text.en}`);
  }
}

export function clientError(code: ClientErrorCode): PhoneError {
  return new PhoneError(code, CLIENT_ERROR_MESSAGES[code]);
}

const isErrorCode = (c: unknown): c is ErrorCode =>
  typeof c === 'string' && (ERROR_CODES as readonly string[]).includes(c);

/**
 * The server's error body (`{error: {code, message, messageZh}}`) as a `PhoneError`: the server's
 * own words when it sent both languages, else the protocol's text for the code.
 */
export function errorFromReply(status: number, body: unknown): PhoneError {
  const error = (body as { error?: { code?: unknown; message?: unknown; messageZh?: unknown } } | null)
    ?.error;
  if (!error || !isErrorCode(error.code))
    return status >= 500 ? clientError('OFFLINE') : clientError('BAD_REPLY');
  const fallback = ERROR_MESSAGES[error.code];
  return new PhoneError(error.code, {
    en: typeof error.message === 'string' ? error.message : fallback.en,
    zh: typeof error.messageZh === 'string' ? error.messageZh : fallback.zh,
  });
}
