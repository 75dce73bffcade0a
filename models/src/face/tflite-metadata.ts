/**
 * Gives a TFLite model the metadata MediaPipe Tasks needs before it accepts a float image input.
 *
 * `face_detection_short_range.tflite` from `@mediapipe/face_detection` was made for the legacy
 * "solutions" graph, which hard-codes its normalisation. `@mediapipe/tasks-vision`'s FaceDetector
 * instead reads it from the model and refuses the file as shipped ("Input tensor has type float32: it
 * requires specifying NormalizationOptions metadata"). This writes that metadata — RGB image input,
 * (x − 127.5) / 127.5 — the way TFLite's MetadataPopulator would: a `ModelMetadata` flatbuffer (file
 * identifier `M001`) in a new model buffer, named by a `TFLITE_METADATA` entry of `Model.metadata`.
 *
 * The original bytes are kept unchanged: a new root `Model` table is written in front of them, whose
 * fields point forward into the original's operator codes, subgraphs and buffers (flatbuffer offsets are
 * unsigned and relative, so an object may be referenced from anywhere before it). Only the buffers and
 * metadata vectors are new. The output is a pure function of the input: the same bytes every build.
 *
 * Schemas: tensorflow/lite/schema/schema.fbs (Model, Buffer, Metadata) and
 * tensorflow_lite_support/metadata/metadata_schema.fbs (ModelMetadata and below).
 */
import { Builder, ByteBuffer } from 'flatbuffers';

/** Field slots of the tflite `Model` table, in schema order. */
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const;
const MODEL_FIELDS = 8;

/** The entry name TFLite's metadata readers look for in `Model.metadata`. */
export const TFLITE_METADATA_NAME = 'TFLITE_METADATA';

export interface ImageInputMetadata {
  readonly name: string;
  readonly description: string;
  readonly inputName: string;
  /** Per-channel (or one shared) mean and standard deviation: the model sees (x − mean) / std. */
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly width: number;
  readonly height: number;
}

/** The `ModelMetadata` flatbuffer for one RGB image input with normalisation options. */
export function imageInputMetadata(meta: ImageInputMetadata): Uint8Array {
  const b = new Builder(512);
  const mean = floatVector(b, meta.mean);
  const std = floatVector(b, meta.std);
  b.startObject(2); // NormalizationOptions
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  b.startObject(2); // ProcessUnit { options: ProcessUnitOptions }
  b.addFieldInt8(0, 1, 0); // union type: NormalizationOptions
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  const processUnits = offsetVector(b, [processUnit]);
  b.startObject(2); // ImageSize
  b.addFieldInt32(0, meta.width, 0);
  b.addFieldInt32(1, meta.height, 0);
  const size = b.endObject();
  b.startObject(2); // ImageProperties
  b.addFieldInt8(0, 1, 0); // ColorSpaceType.RGB
  b.addFieldOffset(1, size, 0);
  const image = b.endObject();
  b.startObject(3); // Content { content_properties: ContentProperties, range }
  b.addFieldInt8(0, 2, 0); // union type: ImageProperties
  b.addFieldOffset(1, image, 0);
  const content = b.endObject();
  const inputName = b.createString(meta.inputName);
  const inputDescription = b.createString('RGB image, values normalised from [0, 255] to [-1, 1]');
  b.startObject(7); // TensorMetadata
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(1, inputDescription, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const tensor = b.endObject();
  const inputs = offsetVector(b, [tensor]);
  b.startObject(7); // SubGraphMetadata
  b.addFieldOffset(2, inputs, 0);
  const subgraph = b.endObject();
  const subgraphs = offsetVector(b, [subgraph]);
  const name = b.createString(meta.name);
  const description = b.createString(meta.description);
  const parser = b.createString('1.0.0');
  b.startObject(8); // ModelMetadata
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(7, parser, 0);
  b.finish(b.endObject(), 'M001');
  return b.asUint8Array().slice();
}

function floatVector(b: Builder, values: readonly number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i] ?? 0);
  return b.endVector();
}

function offsetVector(b: Builder, offsets: readonly number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i] ?? 0);
  return b.endVector();
}

/** Absolute positions of the objects a vector of tables at `vectorPos` points to. */
function tablesOf(bb: ByteBuffer, vectorPos: number | null): number[] {
  if (vectorPos === null) return [];
  const n = bb.readUint32(vectorPos);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = vectorPos + 4 + 4 * i;
    out.push(at + bb.readUint32(at));
  }
  return out;
}

/** What the new prefix needs from the original model: its scalar `version` and where its fields point. */
interface OriginalModel {
  readonly version: number | null;
  /** Where an original field's target is, or `null` when the field is absent. */
  readonly target: (slot: number) => number | null;
  readonly buffers: number[];
  readonly metadata: number[];
}

function readModel(model: Uint8Array): OriginalModel {
  const bb = new ByteBuffer(model);
  if (model.length < 8 || !bb.__has_identifier('TFL3')) throw new Error('not a TFLite model (no TFL3)');
  const root = bb.readUint32(0);
  const field = (slot: number): number | null => {
    const o = bb.__offset(root, 4 + 2 * slot);
    return o === 0 ? null : root + o;
  };
  // Where each original field's target is (for offsets) or its value (the one scalar, `version`).
  const target = (slot: number): number | null => {
    const at = field(slot);
    return at === null ? null : at + bb.readUint32(at);
  };
  const versionAt = field(MODEL.version);
  const version = versionAt === null ? null : bb.readUint32(versionAt);
  const buffers = tablesOf(bb, target(MODEL.buffers));
  const metadata = tablesOf(bb, target(MODEL.metadata));
  for (const m of metadata) {
    const nameAt = bb.__offset(m, 4);
    if (nameAt && bb.__string(m + nameAt) === TFLITE_METADATA_NAME) {
      throw new Error('the model already has TFLITE_METADATA');
    }
  }
  return { version, target, buffers, metadata };
}

const align = (n: number, a: number) => (n + a - 1) & ~(a - 1);

/**
 * Layout of the new prefix; every offset it holds points forward (to later prefix objects or into
 * the original, which starts at `base`).
 */
function prefixLayout(original: OriginalModel, nameLength: number, metadataLength: number) {
  const modelVtable = 8; // after the root offset and "TFL3"
  const modelTable = align(modelVtable + 4 + 2 * MODEL_FIELDS, 4);
  const buffersVector = modelTable + 4 + 4 * MODEL_FIELDS;
  const metadataVector = buffersVector + 4 + 4 * (original.buffers.length + 1);
  const metaVtable = metadataVector + 4 + 4 * (original.metadata.length + 1);
  const metaTable = align(metaVtable + 4 + 2 * 2, 4);
  const nameString = metaTable + 4 + 4 * 2;
  const bufferVtable = align(nameString + 4 + nameLength + 1, 2);
  const bufferTable = align(bufferVtable + 4 + 2 * 1, 4);
  // Buffer.data is `(force_align: 16)`: the bytes (after the length word) start on 16.
  const dataBytes = align(bufferTable + 4 + 4 + 4, 16);
  const dataLength = dataBytes - 4;
  // The original keeps its own 16-byte alignment of buffer data.
  const base = align(dataBytes + metadataLength, 16);
  return {
    modelVtable,
    modelTable,
    buffersVector,
    metadataVector,
    metaVtable,
    metaTable,
    nameString,
    bufferVtable,
    bufferTable,
    dataBytes,
    dataLength,
    base,
  };
}

type Layout = ReturnType<typeof prefixLayout>;

/** Little-endian writes into the new file; `ref` stores a forward offset, `old` maps into the original. */
function writerFor(out: Uint8Array, base: number) {
  const dv = new DataView(out.buffer);
  const u16 = (at: number, v: number) => dv.setUint16(at, v, true);
  const u32 = (at: number, v: number) => dv.setUint32(at, v, true);
  const i32 = (at: number, v: number) => dv.setInt32(at, v, true);
  const ref = (at: number, to: number) => u32(at, to - at);
  const old = (pos: number) => base + pos;
  return { u16, u32, i32, ref, old };
}

type Writer = ReturnType<typeof writerFor>;

/** Model: every field is 4 bytes; slot i at table + 4 + 4i when present. */
function writeModelTable(w: Writer, at: Layout, original: OriginalModel): void {
  const { version, target } = original;
  const modelFields: Array<[slot: number, write: (at: number) => void]> = [];
  if (version !== null) modelFields.push([MODEL.version, (pos) => w.u32(pos, version)]);
  for (const slot of [
    MODEL.operatorCodes,
    MODEL.subgraphs,
    MODEL.description,
    MODEL.metadataBuffer,
    MODEL.signatureDefs,
  ]) {
    const t = target(slot);
    if (t !== null) modelFields.push([slot, (pos) => w.ref(pos, w.old(t))]);
  }
  modelFields.push([MODEL.buffers, (pos) => w.ref(pos, at.buffersVector)]);
  modelFields.push([MODEL.metadata, (pos) => w.ref(pos, at.metadataVector)]);
  w.u16(at.modelVtable, 4 + 2 * MODEL_FIELDS);
  w.u16(at.modelVtable + 2, 4 + 4 * MODEL_FIELDS);
  w.i32(at.modelTable, at.modelTable - at.modelVtable);
  for (const [slot, write] of modelFields) {
    w.u16(at.modelVtable + 4 + 2 * slot, 4 + 4 * slot);
    write(at.modelTable + 4 + 4 * slot);
  }
}

/** buffers: the original Buffer tables, then the new one (its index is what Metadata.buffer names). */
function writeVectors(w: Writer, at: Layout, original: OriginalModel): void {
  const { buffers, metadata } = original;
  w.u32(at.buffersVector, buffers.length + 1);
  buffers.forEach((t, i) => w.ref(at.buffersVector + 4 + 4 * i, w.old(t)));
  w.ref(at.buffersVector + 4 + 4 * buffers.length, at.bufferTable);

  w.u32(at.metadataVector, metadata.length + 1);
  metadata.forEach((t, i) => w.ref(at.metadataVector + 4 + 4 * i, w.old(t)));
  w.ref(at.metadataVector + 4 + 4 * metadata.length, at.metaTable);
}

/** Metadata { name: string, buffer: uint }, pointing at the new Buffer { data: [ubyte] }. */
function writeMetadataEntry(w: Writer, at: Layout, bufferIndex: number, nameLength: number): void {
  w.u16(at.metaVtable, 8);
  w.u16(at.metaVtable + 2, 12);
  w.u16(at.metaVtable + 4, 4);
  w.u16(at.metaVtable + 6, 8);
  w.i32(at.metaTable, at.metaTable - at.metaVtable);
  w.ref(at.metaTable + 4, at.nameString);
  w.u32(at.metaTable + 8, bufferIndex);
  w.u32(at.nameString, nameLength);

  w.u16(at.bufferVtable, 6);
  w.u16(at.bufferVtable + 2, 8);
  w.u16(at.bufferVtable + 4, 4);
  w.i32(at.bufferTable, at.bufferTable - at.bufferVtable);
  w.ref(at.bufferTable + 4, at.dataLength);
}

/**
 * Returns a new TFLite file: `model` with `metadata` (a `ModelMetadata` flatbuffer) attached as
 * `TFLITE_METADATA`. Throws if `model` is not a TFLite flatbuffer or already has that entry.
 */
export function withTfliteMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array {
  const original = readModel(model);
  const name = Array.from(TFLITE_METADATA_NAME, (c) => c.charCodeAt(0));
  const at = prefixLayout(original, name.length, metadata.length);
  const out = new Uint8Array(at.base + model.length);
  const w = writerFor(out, at.base);

  w.ref(0, at.modelTable);
  out.set([0x54, 0x46, 0x4c, 0x33], 4); // "TFL3"
  writeModelTable(w, at, original);
  writeVectors(w, at, original);
  writeMetadataEntry(w, at, original.buffers.length, name.length);
  out.set(name, at.nameString + 4); // the terminating NUL is already 0
  w.u32(at.dataLength, metadata.length);
  out.set(metadata, at.dataBytes);

  out.set(model, at.base);
  return out;
}

/** The face detector's metadata: 128×128 RGB in, normalised to [-1, 1] as the solution graph did. */
export const FACE_SHORT_RANGE_METADATA: ImageInputMetadata = {
  name: 'BlazeFace short range',
  description:
    'MediaPipe face detection, short range (faces within about 2 m), from @mediapipe/face_detection; metadata added by models/scripts/patch-face-model.ts',
  inputName: 'input',
  mean: [127.5],
  std: [127.5],
  width: 128,
  height: 128,
};

/** The patch the build applies to `face_detection_short_range.tflite`. */
export function patchFaceModel(model: Uint8Array): Uint8Array {
  return withTfliteMetadata(model, imageInputMetadata(FACE_SHORT_RANGE_METADATA));
}
