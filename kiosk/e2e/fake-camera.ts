/**
 * Turns a still PNG into a Y4M video (YUV 4:2:0) for Chromium's fake camera
 * (`--use-file-for-fake-video-capture=<file.y4m>`), so an e2e test photographs a known picture.
 *
 *   npx tsx kiosk/e2e/fake-camera.ts <in.png> <out.y4m>
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PNG } from 'pngjs';
import { fakeCameraArgs } from './harness.js';

/** BT.601 full range, as JPEG (and Chromium's `C420jpeg`) uses it. */
function toI420(rgba: Uint8Array, width: number, height: number): Buffer {
  const y = Buffer.alloc(width * height);
  const cw = width / 2;
  const ch = height / 2;
  const u = Buffer.alloc(cw * ch);
  const v = Buffer.alloc(cw * ch);
  const clamp = (x: number) => Math.max(0, Math.min(255, Math.round(x)));
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const p = (j * width + i) * 4;
      const r = rgba[p] ?? 0;
      const g = rgba[p + 1] ?? 0;
      const b = rgba[p + 2] ?? 0;
      y[j * width + i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  for (let j = 0; j < ch; j++) {
    for (let i = 0; i < cw; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const p = ((2 * j + dy) * width + 2 * i + dx) * 4;
        r += rgba[p] ?? 0;
        g += rgba[p + 1] ?? 0;
        b += rgba[p + 2] ?? 0;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      u[j * cw + i] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      v[j * cw + i] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return Buffer.concat([y, u, v]);
}

/** Writes `frames` identical frames (Chromium loops the file) of the PNG, cropped to even sides. */
export function pngToY4m(
  pngPath: string,
  outPath: string,
  frames = 5,
  fps = 10,
): { width: number; height: number } {
  const png = PNG.sync.read(readFileSync(pngPath));
  const width = png.width - (png.width % 2);
  const height = png.height - (png.height % 2);
  const rgba = new Uint8Array(width * height * 4);
  for (let j = 0; j < height; j++) {
    rgba.set(png.data.subarray(j * png.width * 4, j * png.width * 4 + width * 4), j * width * 4);
  }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), toI420(rgba, width, height)]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(outPath, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
  return { width, height };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: fake-camera.ts <in.png> <out.y4m>');
    process.exit(2);
  }
  console.log(pngToY4m(input, output));
}

/** Fake-camera videos of still photos, written to a temporary folder that `remove()` deletes. */
export class PhotoCameras {
  private readonly dir = mkdtempSync(join(tmpdir(), 'frontdesk-camera-'));

  /** Chromium's arguments for a fake camera showing this PNG (Chromium loops the video). */
  args(png: string): string[] {
    const y4m = join(this.dir, basename(png).replace(/\.png$/, '.y4m'));
    pngToY4m(png, y4m);
    return fakeCameraArgs(y4m);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
