import type { RgbaImage } from './image.js';

/**
 * The EXIF Orientation (1–8) of a JPEG, 1 when absent or unreadable. Walks the marker segments up to the
 * image data and reads tag 0x0112 from IFD0 of an `Exif` APP1 segment. (Browsers apply it themselves when
 * decoding to a canvas; the Node decoder does not.)
 */
export function jpegExifOrientation(buf: Uint8Array): number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 2;
  while (pos + 4 <= buf.length && buf[pos] === 0xff) {
    const marker = buf[pos + 1] ?? 0;
    // Start of scan or end of image: no more metadata.
    if (marker === 0xda || marker === 0xd9) break;
    const len = view.getUint16(pos + 2);
    const start = pos + 4;
    if (
      marker === 0xe1 &&
      len >= 16 &&
      view.getUint32(start) === 0x45786966 &&
      view.getUint16(start + 4) === 0
    ) {
      const tiff = start + 6;
      const little = view.getUint16(tiff) === 0x4949;
      const ifd = tiff + view.getUint32(tiff + 4, little);
      if (ifd + 2 > buf.length) return 1;
      const entries = view.getUint16(ifd, little);
      for (let i = 0; i < entries; i++) {
        const entry = ifd + 2 + i * 12;
        if (entry + 12 > buf.length) return 1;
        if (view.getUint16(entry, little) === 0x0112) {
          const value = view.getUint16(entry + 8, little);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
      return 1;
    }
    pos = start + len - 2;
  }
  return 1;
}

/** Turns/mirrors pixels so an image with EXIF orientation `o` comes out as it is meant to be seen. */
export function applyExifOrientation(img: RgbaImage, o: number): RgbaImage {
  if (o <= 1 || o > 8) return img;
  const { width: w, height: h, data } = img;
  const swap = o >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8ClampedArray(data.length);
  const src32 = new Uint32Array(data.buffer, data.byteOffset, w * h);
  const dst32 = new Uint32Array(out.buffer, 0, ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sx: number;
      let sy: number;
      switch (o) {
        case 2: // mirrored
          [sx, sy] = [w - 1 - x, y];
          break;
        case 3: // upside down
          [sx, sy] = [w - 1 - x, h - 1 - y];
          break;
        case 4: // mirrored vertically
          [sx, sy] = [x, h - 1 - y];
          break;
        case 5: // transposed
          [sx, sy] = [y, x];
          break;
        case 6: // shown turned 90° clockwise
          [sx, sy] = [y, h - 1 - x];
          break;
        case 7: // transverse
          [sx, sy] = [w - 1 - y, h - 1 - x];
          break;
        default: // 8: shown turned 90° anticlockwise
          [sx, sy] = [w - 1 - y, x];
      }
      dst32[y * ow + x] = src32[sy * w + sx] ?? 0;
    }
  }
  return { width: ow, height: oh, data: out };
}
