/**
 * Makes a Y4M video (Chromium's `--use-file-for-fake-video-capture`) of a QR code on white, as a guest
 * holding their booking confirmation up to the kiosk's camera. The QR matrix comes from `uqr`; the
 * frames are written directly as YUV 4:2:0 (luma black or white, chroma neutral).
 */
import { writeFileSync } from 'node:fs';
import { encode } from 'uqr';

export function qrY4m(text: string, width = 640, height = 480, frames = 3): Buffer {
  const qr = encode(text, { border: 0 });
  const modules = qr.size + 8;
  const scale = Math.floor((Math.min(width, height) * 0.8) / modules);
  const side = modules * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) {
      if (!qr.data[row]?.[col]) continue;
      for (let dy = 0; dy < scale; dy++) {
        const py = top + (row + 4) * scale + dy;
        y.fill(16, py * width + left + (col + 4) * scale, py * width + left + (col + 5) * scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

export function writeQrY4m(text: string, file: string): string {
  writeFileSync(file, qrY4m(text));
  return file;
}
