/**
 * The part of `onnxruntime-node` / `onnxruntime-web` the speech models use, typed structurally so the
 * portable code imports neither runtime (the caller passes the module in). Unlike OCR's, tensors here
 * may be int64 (Silero's sample-rate input).
 */
export interface SpeechOrtLike {
  readonly Tensor: new (
    type: 'float32' | 'int64',
    data: Float32Array | BigInt64Array,
    dims: readonly number[],
  ) => unknown;
  readonly InferenceSession: {
    create(model: Uint8Array, options?: Record<string, unknown>): Promise<SpeechSessionLike>;
  };
}

export interface SpeechSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(
    feeds: Record<string, never>,
  ): Promise<Record<string, { readonly data: unknown; readonly dims: readonly number[] }>>;
  release(): Promise<void>;
}

export type SpeechErrorCode = 'MODEL_FAILED' | 'MODEL_MISMATCH' | 'BAD_INPUT';

/** One error type for the speech models, with a stable code; `cause` keeps the runtime's error. */
export class SpeechError extends Error {
  constructor(
    readonly code: SpeechErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SpeechError';
  }
}

export async function createSession(
  ort: SpeechOrtLike,
  bytes: Uint8Array,
  what: string,
  options: Record<string, unknown> = {},
): Promise<SpeechSessionLike> {
  try {
    return await ort.InferenceSession.create(bytes, options);
  } catch (cause) {
    throw new SpeechError('MODEL_FAILED', `could not load the ${what} model`, { cause });
  }
}

export async function runSession(
  session: SpeechSessionLike,
  feeds: Record<string, unknown>,
  what: string,
): Promise<Record<string, { readonly data: unknown; readonly dims: readonly number[] }>> {
  try {
    return await session.run(feeds as Record<string, never>);
  } catch (cause) {
    throw new SpeechError('MODEL_FAILED', `${what} inference failed`, { cause });
  }
}

export function floatOutput(
  outputs: Record<string, { readonly data: unknown; readonly dims: readonly number[] }>,
  name: string,
  what: string,
): { data: Float32Array; dims: readonly number[] } {
  const out = outputs[name];
  if (!out || !(out.data instanceof Float32Array)) {
    throw new SpeechError('MODEL_MISMATCH', `${what} output ${name} is not float32`);
  }
  return { data: out.data, dims: out.dims };
}
