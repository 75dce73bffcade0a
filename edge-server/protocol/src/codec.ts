import type { z } from 'zod';
import type { ErrorCode } from './errors.js';
import {
  MAX_UP_PAYLOAD_BYTES,
  PROTOCOL_VERSION,
  deviceUpBodies,
  downBodies,
  envelopeHeaderSchema,
  staffUpBodies,
  type DeviceUpMessage,
  type DownMessage,
  type DownType,
  type StaffUpMessage,
} from './messages.js';

export type Decoded<T> =
  | { ok: true; message: T }
  | {
      ok: false;
      code: ErrorCode;
      reason: string;
      /** the message id, when it could be read */ ref: string | null;
    };

let utf8: TextDecoder | undefined;

function decodeUtf8(bytes: Uint8Array): string {
  utf8 ??= new TextDecoder('utf-8', { fatal: true });
  return utf8.decode(bytes);
}

const encoder = { instance: undefined as TextEncoder | undefined };

export function utf8Length(s: string): number {
  encoder.instance ??= new TextEncoder();
  return encoder.instance.encode(s).byteLength;
}

function reject(code: ErrorCode, reason: string, ref: string | null = null) {
  return { ok: false as const, code, reason, ref };
}

/** A short, readable reason from a zod error: the first few issues with their paths. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function decodeWith<T>(
  bodies: Record<string, z.ZodType>,
  payload: Uint8Array | string,
  maxBytes: number,
): Decoded<T> {
  const size = typeof payload === 'string' ? utf8Length(payload) : payload.byteLength;
  if (size > maxBytes)
    return reject('PAYLOAD_TOO_LARGE', `payload is ${size} bytes; the limit is ${maxBytes}`);
  let raw: unknown;
  try {
    raw = JSON.parse(typeof payload === 'string' ? payload : decodeUtf8(payload));
  } catch (err) {
    return reject('MALFORMED_JSON', err instanceof Error ? err.message : 'not UTF-8 JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return reject('INVALID_MESSAGE', 'the payload must be a JSON object (an envelope)');
  }
  const candidate = raw as Record<string, unknown>;
  const ref = typeof candidate.id === 'string' && candidate.id.length <= 64 ? candidate.id : null;
  if (typeof candidate.v === 'number' && candidate.v !== PROTOCOL_VERSION) {
    return reject(
      'UNSUPPORTED_VERSION',
      `protocol version ${candidate.v}; this server speaks ${PROTOCOL_VERSION}`,
      ref,
    );
  }
  const header = envelopeHeaderSchema.safeParse(raw);
  if (!header.success) return reject('INVALID_MESSAGE', describeIssues(header.error), ref);
  const bodySchema = Object.hasOwn(bodies, header.data.type) ? bodies[header.data.type] : undefined;
  if (!bodySchema) return reject('UNKNOWN_TYPE', `unknown message type "${header.data.type}"`, ref);
  const body = bodySchema.safeParse(header.data.body);
  if (!body.success) return reject('INVALID_MESSAGE', `body.${describeIssues(body.error)}`, ref);
  return { ok: true, message: { ...header.data, body: body.data } as T };
}

/** Validates what a device published on its `up` topic. */
export function decodeDeviceUp(payload: Uint8Array | string): Decoded<DeviceUpMessage> {
  return decodeWith(deviceUpBodies, payload, MAX_UP_PAYLOAD_BYTES);
}

/** Validates what a staff console published on its `up` topic. */
export function decodeStaffUp(payload: Uint8Array | string): Decoded<StaffUpMessage> {
  return decodeWith(staffUpBodies, payload, MAX_UP_PAYLOAD_BYTES);
}

/** Validates what the server sent (clients use it on `down`, `error` and retained topics). */
export function decodeDown(payload: Uint8Array | string): Decoded<DownMessage> {
  return decodeWith(downBodies, payload, 4 * 1024 * 1024);
}

export interface EnvelopeMeta {
  id: string;
  from: string;
  ts: number;
}

/** Builds an envelope; the body is not validated here (the receiver validates). */
export function envelope<T extends string, B>(type: T, body: B, meta: EnvelopeMeta) {
  return { v: PROTOCOL_VERSION, id: meta.id, type, from: meta.from, ts: meta.ts, body };
}

/** Serialises a server → client message, validating it first so the server never sends garbage. */
export function encodeDown<K extends DownType>(
  type: K,
  body: z.input<(typeof downBodies)[K]>,
  meta: EnvelopeMeta,
): string {
  const parsed = downBodies[type].parse(body);
  return JSON.stringify(envelope(type, parsed, meta));
}
