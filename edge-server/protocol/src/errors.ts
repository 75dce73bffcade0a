/**
 * Stable error codes on the wire. A client switches on `code`; `message` is for people, in both
 * languages. Codes are never renamed.
 */
export const ERROR_CODES = [
  'MALFORMED_JSON',
  'INVALID_MESSAGE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_VERSION',
  'UNKNOWN_TYPE',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface LocalizedText {
  zh: string;
  en: string;
}

export const ERROR_MESSAGES: Record<ErrorCode, LocalizedText> = {
  MALFORMED_JSON: { en: 'The message is not valid JSON.', zh: '消息不是有效的 JSON。' },
  INVALID_MESSAGE: { en: 'The message does not match its schema.', zh: '消息格式不符合规范。' },
  PAYLOAD_TOO_LARGE: { en: 'The message or upload is too large.', zh: '消息或上传内容过大。' },
  UNSUPPORTED_VERSION: { en: 'This protocol version is not supported.', zh: '不支持该协议版本。' },
  UNKNOWN_TYPE: { en: 'Unknown message type.', zh: '未知的消息类型。' },
  FORBIDDEN: { en: 'You are not allowed to do this.', zh: '您无权执行此操作。' },
  UNAUTHENTICATED: { en: 'Please sign in first.', zh: '请先登录。' },
  NOT_FOUND: { en: 'Not found.', zh: '未找到。' },
  CONFLICT: { en: 'Someone else already did this.', zh: '已被他人处理。' },
  INVALID_STATE: { en: 'This cannot be done in the current state.', zh: '当前状态下无法执行此操作。' },
  UNSUPPORTED_MEDIA_TYPE: { en: 'This file type is not accepted.', zh: '不接受此文件类型。' },
  RATE_LIMITED: { en: 'Too many requests; please wait a moment.', zh: '请求过于频繁，请稍候。' },
  INTERNAL: { en: 'Something went wrong on our side.', zh: '服务器内部错误。' },
};

/** The one error type of the protocol and the server: a stable code, a reason, an optional cause. */
export class FrontdeskError extends Error {
  override readonly name = 'FrontdeskError';
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code].en,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
