/**
 * Chromium's fake camera plays a `.y4m` file in a loop: a one-line header and raw I420 frames. This
 * turns a PNG fixture into one, so the e2e tests show the kiosk a real photo through a real camera
 * pipeline (getUserMedia → video → frames), not a stub.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PNG } from 'pngjs';

/** RGBA → planar I420 (BT.601 full range, chroma averaged over 2×2), cropped to even dimensions. */
export function rgbaToI420(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const w = width & ~1;
  const h = height & ~1;
  const out = new Uint8Array((w * h * 3) / 2);
  const u0 = w * h;
  const v0 = u0 + (w * h) / 4;
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * width + x) * 4;
      const r = rgba[i] ?? 0;
      const g = rgba[i + 1] ?? 0;
      const b = rgba[i + 2] ?? 0;
      out[y * w + x] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((y + dy) * width + x + dx) * 4;
        r += rgba[i] ?? 0;
        g += rgba[i + 1] ?? 0;
        b += rgba[i + 2] ?? 0;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = (y / 2) * (w / 2) + x / 2;
      out[u0 + c] = clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
      out[v0 + c] = clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
    }
  }
  return out;
}

/** A `.y4m` of `frames` copies of the PNG at `fps`; returns the file's path (in a temp directory). */
export function pngToY4m(pngPath: string, options: { frames?: number; fps?: number } = {}): string {
  const png = PNG.sync.read(readFileSync(pngPath));
  const w = png.width & ~1;
  const h = png.height & ~1;
  const frame = rgbaToI420(png.data, png.width, png.height);
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F${options.fps ?? 5}:1 Ip A1:1 C420jpeg\n`);
  const parts: Buffer[] = [header];
  for (let i = 0; i < (options.frames ?? 2); i++) parts.push(Buffer.from('FRAME\n'), Buffer.from(frame));
  const out = join(mkdtempSync(join(tmpdir(), 'frontdesk-camera-')), `${basename(pngPath, '.png')}.y4m`);
  writeFileSync(out, Buffer.concat(parts));
  return out;
}

/** Chromium flags: a camera that plays `y4m`, and camera permission granted without a prompt. */
export function fakeCameraArgs(y4m: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${y4m}`,
  ];
}
