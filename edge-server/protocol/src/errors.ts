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
  'UNKNOWN_PHOTO',
  'NOT_CONFIGURED',
  'UNKNOWN_TARGET',
  'WRONG_PASSWORD',
  'WEAK_PASSWORD',
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
  UNKNOWN_PHOTO: {
    en: 'A photo it refers to was not uploaded by this device.',
    zh: '所附照片不存在，或不是由本设备上传的。',
  },
  NOT_CONFIGURED: {
    en: 'This server is not set up for this yet; ask the site to configure it.',
    zh: '本服务器尚未配置此功能，请联系站点管理员。',
  },
  UNKNOWN_TARGET: {
    en: 'There is nobody of that id at this site to hand it to.',
    zh: '本站点没有可转交的该员工。',
  },
  WRONG_PASSWORD: {
    en: 'The current password is not right.',
    zh: '当前密码不正确。',
  },
  WEAK_PASSWORD: {
    en: 'The new password must have at least 10 characters and differ from your id and your current password.',
    zh: '新密码至少 10 个字符，且不能与工号或当前密码相同。',
  },
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

/**
 * Why a hotel or hospital journey step did not succeed: carried in the step's reply (not on the
 * error topic, which is for messages the server could not accept at all). The kiosk shows the reason
 * in the guest's language and offers a person. Codes are never renamed.
 */
export const JOURNEY_PROBLEM_CODES = [
  'NOT_AVAILABLE_HERE',
  'BOOKING_NOT_FOUND',
  'BOOKING_CANCELLED',
  'NOT_ARRIVAL_DAY',
  'ALREADY_CHECKED_IN',
  'NOT_CHECKED_IN',
  'ALREADY_CHECKED_OUT',
  'NO_ROOM_AVAILABLE',
  'ID_INVALID',
  'NAME_MISMATCH',
  'KEY_NO_BLANK_CARDS',
  'KEY_JAMMED',
  'APPOINTMENT_NOT_FOUND',
  'APPOINTMENT_NOT_TODAY',
  'APPOINTMENT_CANCELLED',
  'SYSTEM_UNAVAILABLE',
] as const;
export type JourneyProblemCode = (typeof JOURNEY_PROBLEM_CODES)[number];

export const JOURNEY_PROBLEM_MESSAGES: Record<JourneyProblemCode, LocalizedText> = {
  NOT_AVAILABLE_HERE: { en: 'This service is not offered at this site.', zh: '本站点不提供此项服务。' },
  BOOKING_NOT_FOUND: { en: 'No booking matches these details.', zh: '没有找到与这些信息相符的预订。' },
  BOOKING_CANCELLED: { en: 'This booking has been cancelled.', zh: '该预订已取消。' },
  NOT_ARRIVAL_DAY: { en: 'This booking is not for today.', zh: '该预订的入住日期不是今天。' },
  ALREADY_CHECKED_IN: { en: 'This booking is already checked in.', zh: '该预订已经办理过入住。' },
  NOT_CHECKED_IN: { en: 'This booking is not checked in.', zh: '该预订尚未入住。' },
  ALREADY_CHECKED_OUT: { en: 'This booking is already checked out.', zh: '该预订已经退房。' },
  NO_ROOM_AVAILABLE: { en: 'No room of the booked type is ready yet.', zh: '所订房型暂时没有可入住的房间。' },
  ID_INVALID: { en: 'The ID number is not valid.', zh: '证件号码无效。' },
  NAME_MISMATCH: { en: 'The name on the ID does not match the booking.', zh: '证件姓名与预订不符。' },
  KEY_NO_BLANK_CARDS: { en: 'The key machine has no blank cards.', zh: '制卡机没有空白房卡了。' },
  KEY_JAMMED: { en: 'The key machine is jammed.', zh: '制卡机卡住了。' },
  APPOINTMENT_NOT_FOUND: { en: 'No appointment matches.', zh: '没有找到相符的预约。' },
  APPOINTMENT_NOT_TODAY: { en: 'This appointment is not for today.', zh: '该预约不是今天的。' },
  APPOINTMENT_CANCELLED: { en: 'This appointment has been cancelled.', zh: '该预约已取消。' },
  SYSTEM_UNAVAILABLE: {
    en: 'The hotel or hospital system is not answering.',
    zh: '酒店或医院系统暂时无法响应。',
  },
};
