import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ByteBuffer } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import {
  FACE_SHORT_RANGE_METADATA,
  imageInputMetadata,
  patchFaceModel,
  TFLITE_METADATA_NAME,
  withTfliteMetadata,
} from './tflite-metadata.js';

const require = createRequire(import.meta.url);
const shipped = new Uint8Array(
  readFileSync(
    join(
      dirname(require.resolve('@mediapipe/face_detection/package.json')),
      'face_detection_short_range.tflite',
    ),
  ),
);

/** A minimal reader of the parts of schema.fbs the patch touches. */
function readModel(bytes: Uint8Array) {
  const bb = new ByteBuffer(bytes);
  const root = bb.readUint32(0);
  const field = (table: number, slot: number) => {
    const o = bb.__offset(table, 4 + 2 * slot);
    return o === 0 ? null : table + o;
  };
  const vectorTables = (table: number, slot: number) => {
    const at = field(table, slot);
    if (at === null) return [];
    const v = bb.__vector(at);
    return Array.from({ length: bb.__vector_len(at) }, (_, i) => bb.__indirect(v + 4 * i));
  };
  const bytesOf = (buffer: number) => {
    const at = field(buffer, 0);
    if (at === null) return new Uint8Array();
    const start = bb.__vector(at);
    return bytes.subarray(start, start + bb.__vector_len(at));
  };
  const buffers = vectorTables(root, 4);
  const metadata = vectorTables(root, 6).map((t) => ({
    name: bb.__string(t + bb.__offset(t, 4)) as string,
    buffer: bb.readUint32(t + bb.__offset(t, 6)),
  }));
  const subgraphs = vectorTables(root, 2);
  const version = bb.readUint32(field(root, 0)!);
  return { bb, buffers: buffers.map(bytesOf), bufferStarts: buffers, metadata, subgraphs, version };
}

/** Reads NormalizationOptions and the colour space out of a ModelMetadata flatbuffer. */
function readImageMetadata(meta: Uint8Array) {
  const bb = new ByteBuffer(meta);
  const root = bb.readUint32(0);
  const sub = (t: number, slot: number) => {
    const o = bb.__offset(t, 4 + 2 * slot);
    return o === 0 ? null : bb.__indirect(t + o);
  };
  const first = (t: number, slot: number) => {
    const o = bb.__offset(t, 4 + 2 * slot);
    return bb.__indirect(bb.__vector(t + o));
  };
  const floats = (t: number, slot: number) => {
    const o = bb.__offset(t, 4 + 2 * slot);
    const v = bb.__vector(t + o);
    return Array.from({ length: bb.__vector_len(t + o) }, (_, i) => bb.readFloat32(v + 4 * i));
  };
  const tensor = first(first(root, 3), 2);
  const content = sub(tensor, 3)!;
  const contentType = bb.readUint8(content + bb.__offset(content, 4));
  const image = sub(content, 1)!;
  const colorSpace = bb.readInt8(image + bb.__offset(image, 4));
  const unit = first(tensor, 4);
  const unitType = bb.readUint8(unit + bb.__offset(unit, 4));
  const norm = sub(unit, 1)!;
  return {
    identifier: bb.__has_identifier('M001'),
    contentType,
    colorSpace,
    unitType,
    mean: floats(norm, 0),
    std: floats(norm, 1),
  };
}

describe('TFLite metadata for the face model', () => {
  const patched = patchFaceModel(shipped);

  it('keeps the original model bytes unchanged behind a new root table', () => {
    const tail = patched.subarray(patched.length - shipped.length);
    expect(Buffer.from(tail).equals(Buffer.from(shipped))).toBe(true);
    expect((patched.length - shipped.length) % 16).toBe(0);
    expect(new TextDecoder().decode(patched.subarray(4, 8))).toBe('TFL3');
  });

  it('exposes the same subgraphs, version and buffers, plus one metadata buffer', () => {
    const before = readModel(shipped);
    const after = readModel(patched);
    const base = patched.length - shipped.length;
    expect(after.version).toBe(before.version);
    expect(after.subgraphs.map((t) => t - base)).toEqual(before.subgraphs);
    expect(after.buffers).toHaveLength(before.buffers.length + 1);
    before.buffers.forEach((b, i) => {
      expect(Buffer.from(after.buffers[i]!).equals(Buffer.from(b))).toBe(true);
    });
    expect(after.metadata).toEqual([
      ...before.metadata,
      { name: TFLITE_METADATA_NAME, buffer: before.buffers.length },
    ]);
  });

  it('holds an M001 ModelMetadata: RGB image in, mean 127.5, std 127.5', () => {
    const { buffers, metadata } = readModel(patched);
    const entry = metadata.find((m) => m.name === TFLITE_METADATA_NAME)!;
    const blob = buffers[entry.buffer]!;
    expect(Buffer.from(blob).equals(Buffer.from(imageInputMetadata(FACE_SHORT_RANGE_METADATA)))).toBe(true);
    // Buffer.data is force_align 16 in the schema.
    expect(blob.byteOffset % 16).toBe(0);
    expect(readImageMetadata(blob)).toEqual({
      identifier: true,
      contentType: 2, // ImageProperties
      colorSpace: 1, // RGB
      unitType: 1, // NormalizationOptions
      mean: [127.5],
      std: [127.5],
    });
  });

  it('is what models/manifest.json lists for the face detector (bytes and sha256 as served)', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as {
      files: Array<{ id: string; bytes: number; sha256: string; patchedBy?: string }>;
    };
    const entry = manifest.files.find((f) => f.id === 'face-detector');
    expect(entry).toMatchObject({ patchedBy: 'scripts/patch-face-model.ts', bytes: patched.length });
    expect(createHash('sha256').update(patched).digest('hex')).toBe(entry!.sha256);
  });

  it('is deterministic', () => {
    expect(Buffer.from(patchFaceModel(shipped)).equals(Buffer.from(patched))).toBe(true);
  });

  it('refuses what is not a TFLite model, and a model that already has the metadata', () => {
    expect(() => patchFaceModel(new Uint8Array(64))).toThrow(/not a TFLite model/);
    expect(() => patchFaceModel(patched)).toThrow(/already has TFLITE_METADATA/);
    expect(() => withTfliteMetadata(new Uint8Array(3), new Uint8Array())).toThrow(/not a TFLite/);
  });
});
