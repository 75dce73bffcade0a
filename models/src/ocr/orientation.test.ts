import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrEngine } from './engine.js';
import type { RgbaImage } from './image.js';
import { createNodeOcrEngine, decodeImage } from './node.js';
import { applyExifOrientation, jpegExifOrientation } from './orientation.js';

/** A w×h image whose pixel (x, y) has red = 10·y + x, to follow where pixels go. */
function numbered(w: number, h: number): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([10 * y + x, 0, 0, 255], (y * w + x) * 4);
  return { width: w, height: h, data };
}
const rows = (img: RgbaImage): number[][] =>
  Array.from({ length: img.height }, (_, y) =>
    Array.from({ length: img.width }, (_, x) => img.data[(y * img.width + x) * 4]!),
  );

/** A JPEG with an `Exif` APP1 segment holding only an Orientation tag, in either byte order. */
function withOrientation(jpg: Uint8Array, o: number, little: boolean): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  const u16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  u16(42, 2);
  u32(8, 4);
  u16(1, 8);
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(o, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpg.subarray(0, 2), head, body, jpg.subarray(2)]);
}

describe('EXIF orientation', () => {
  it.each<[number, number[][]]>([
    [
      1,
      [
        [0, 1, 2],
        [10, 11, 12],
      ],
    ],
    [
      2,
      [
        [2, 1, 0],
        [12, 11, 10],
      ],
    ],
    [
      3,
      [
        [12, 11, 10],
        [2, 1, 0],
      ],
    ],
    [
      4,
      [
        [10, 11, 12],
        [0, 1, 2],
      ],
    ],
    [
      5,
      [
        [0, 10],
        [1, 11],
        [2, 12],
      ],
    ],
    [
      6,
      [
        [10, 0],
        [11, 1],
        [12, 2],
      ],
    ],
    [
      7,
      [
        [12, 2],
        [11, 1],
        [10, 0],
      ],
    ],
    [
      8,
      [
        [2, 12],
        [1, 11],
        [0, 10],
      ],
    ],
  ])('orientation %i', (o, expected) => {
    expect(rows(applyExifOrientation(numbered(3, 2), o))).toEqual(expected);
  });

  it('reads the tag in both byte orders, and 1 without EXIF', () => {
    const jpg = jpeg.encode({ width: 2, height: 2, data: Buffer.alloc(16, 200) }, 90).data;
    expect(jpegExifOrientation(jpg)).toBe(1);
    expect(jpegExifOrientation(withOrientation(jpg, 6, true))).toBe(6);
    expect(jpegExifOrientation(withOrientation(jpg, 8, false))).toBe(8);
  });
});

describe('a phone photo stored sideways (EXIF orientation 6)', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createNodeOcrEngine();
  }, 30_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('is turned upright before OCR', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const upright = decodeImage(readFileSync(join(here, '../../ocr/fixtures/mixed-e4-f21.png')));
    // Store it turned 90° anticlockwise, as a sensor would, and say "turn clockwise to view".
    const sideways = applyExifOrientation(upright, 8);
    const jpg = jpeg.encode({ ...sideways, data: Buffer.from(sideways.data.buffer) }, 92).data;
    const photo = decodeImage(withOrientation(jpg, 6, false));
    expect([photo.width, photo.height]).toEqual([upright.width, upright.height]);
    const lines = await engine.recognize(photo);
    expect(lines.map((l) => l.text)).toEqual(['E4故障ErrorF21']);
  }, 15_000);
});
