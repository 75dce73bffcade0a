/**
 * The one onnxruntime adapter of this workspace: the part of the onnxruntime API every model here uses
 * (`Tensor`, `InferenceSession.create`, `run`, `release`), typed structurally so portable code imports
 * no runtime. `onnxruntime-node` and `onnxruntime-web` (both re-export onnxruntime-common) satisfy
 * `Ort` as they are, without a cast (`ort.test.ts` proves it for both); WeChat's runtime needs a small
 * object of this shape.
 */
import { ModelError } from '../errors.js';

/** The element types the models here take: float32 everywhere, int32 ids (intent), int64 (Silero's rate). */
export type OrtTensorType = 'float32' | 'int32' | 'int64';
export type OrtTensorData = Float32Array | Int32Array | BigInt64Array;

/** The part of a tensor this code reads. */
export interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Readonly<Record<string, OrtTensor>>): Promise<Readonly<Record<string, OrtTensor>>>;
  release(): Promise<void>;
}

/** The session options the callers here set; anything else keeps the runtime's default. */
export interface OrtSessionOptions {
  readonly executionProviders?: readonly string[];
  readonly intraOpNumThreads?: number;
  readonly interOpNumThreads?: number;
}

export interface Ort {
  readonly Tensor: new (type: OrtTensorType, data: OrtTensorData, dims: readonly number[]) => OrtTensor;
  readonly InferenceSession: {
    create(model: Uint8Array, options?: OrtSessionOptions): Promise<OrtSession>;
  };
}

/** A session over `bytes`; a runtime that cannot load it is `MODEL_FAILED` naming `what`. */
export async function loadSession(
  ort: Ort,
  bytes: Uint8Array,
  what: string,
  options: OrtSessionOptions = {},
): Promise<OrtSession> {
  try {
    return await ort.InferenceSession.create(bytes, options);
  } catch (cause) {
    throw new ModelError('MODEL_FAILED', `could not load the ${what} model`, { cause });
  }
}

/** The session's first input and output names, or `MODEL_MISMATCH` if it lacks either. */
export function singleIo(session: OrtSession, what: string): { input: string; output: string } {
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  if (input === undefined || output === undefined) {
    throw new ModelError('MODEL_MISMATCH', `${what} model has no input or output`);
  }
  return { input, output };
}

/** Runs the session; a runtime failure is `MODEL_FAILED` naming `what`, its error kept as `cause`. */
export async function runSession(
  session: OrtSession,
  feeds: Readonly<Record<string, OrtTensor>>,
  what: string,
): Promise<Readonly<Record<string, OrtTensor>>> {
  try {
    return await session.run(feeds);
  } catch (cause) {
    throw new ModelError('MODEL_FAILED', `${what} inference failed`, { cause });
  }
}

/** Output `name` as float32, or `MODEL_MISMATCH` (missing, or another element type). */
export function floatOutput(
  outputs: Readonly<Record<string, OrtTensor>>,
  name: string,
  what: string,
): { data: Float32Array; dims: readonly number[] } {
  const out = outputs[name];
  if (!out || !(out.data instanceof Float32Array)) {
    throw new ModelError('MODEL_MISMATCH', `${what} output ${name} is not float32`);
  }
  return { data: out.data, dims: out.dims };
}
