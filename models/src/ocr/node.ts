import { readFile } from 'node:fs/promises';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { PaddleOcrEngine } from './engine.js';
import { ModelError } from '../errors.js';
import type { RgbaImage } from './image.js';
import { applyExifOrientation, jpegExifOrientation } from './orientation.js';
import { modelPaths } from './model-paths.js';
import type { Ort, OrtSessionOptions } from '../ort/adapter.js';
import { onnxModels } from './onnx.js';

/** Node glue: the engine on onnxruntime-node (or another ort module, e.g. onnxruntime-web's wasm build). */
export async function createNodeOcrEngine(
  options: { ort?: Ort; sessionOptions?: OrtSessionOptions } = {},
): Promise<PaddleOcrEngine> {
  const paths = modelPaths();
  const ort: Ort = options.ort ?? (await import('onnxruntime-node'));
  const [dictionary, det, rec] = await Promise.all([
    readFile(paths.dictionary, 'utf8'),
    readFile(paths.det),
    readFile(paths.rec),
  ]);
  const bytes = { det: new Uint8Array(det), rec: new Uint8Array(rec) };
  return PaddleOcrEngine.create({
    dictionary,
    models: onnxModels(ort, async (model) => bytes[model], options.sessionOptions ?? {}),
  });
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

const startsWith = (buf: Uint8Array, magic: number[]): boolean => magic.every((b, i) => buf[i] === b);

/** Decodes PNG or JPEG bytes (by content, not file name) to RGBA with pure-JS decoders. */
export function decodeImage(buf: Buffer): RgbaImage {
  try {
    if (startsWith(buf, PNG_MAGIC)) {
      const png = PNG.sync.read(buf);
      return {
        width: png.width,
        height: png.height,
        data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      };
    }
    if (startsWith(buf, JPEG_MAGIC)) {
      // Limits keep a hostile upload from exhausting memory; a 24 MP phone photo fits.
      const img = jpeg.decode(buf, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: 50,
        maxMemoryUsageInMB: 512,
      });
      const rgba = {
        width: img.width,
        height: img.height,
        data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length),
      };
      // Phones store the sensor's pixels and say in EXIF how to turn them; text must be upright for det+rec.
      return applyExifOrientation(rgba, jpegExifOrientation(buf));
    }
  } catch (cause) {
    throw new ModelError('IMAGE_UNREADABLE', `image could not be decoded: ${(cause as Error).message}`, {
      cause,
    });
  }
  throw new ModelError('IMAGE_UNREADABLE', 'not a PNG or JPEG image');
}

export async function readImageFile(path: string): Promise<RgbaImage> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ModelError('FILE_NOT_FOUND', `no such file: ${path}`, { cause });
    throw new ModelError('IMAGE_UNREADABLE', `cannot read ${path}: ${code ?? String(cause)}`, { cause });
  }
  return decodeImage(buf);
}
