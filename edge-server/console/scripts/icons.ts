/**
 * Draws the PNG icons of the manifest (the same figure as public/icon.svg) with pngjs, so no image
 * tool is needed: `npx tsx edge-server/console/scripts/icons.ts`. The PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

type Rgb = [number, number, number];
const NAVY: Rgb = [0x1b, 0x3a, 0x57];
const WHITE: Rgb = [255, 255, 255];
const AMBER: Rgb = [0xe8, 0xa3, 0x17];

function pixel(x: number, y: number): Rgb | null {
  // In the 512-unit space of icon.svg.
  const r = 96;
  const cx = x < r ? r : x > 512 - r ? 512 - r : x;
  const cy = y < r ? r : y > 512 - r ? 512 - r : y;
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  if ((x - 392) ** 2 + (y - 128) ** 2 <= 56 * 56) return AMBER;
  if ((x - 256) ** 2 + (y - 196) ** 2 <= 84 * 84) return WHITE;
  if (y <= 432 && (x - 256) ** 2 + (y - 432) ** 2 <= 152 * 152) return WHITE;
  return NAVY;
}

for (const size of [192, 512]) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const c = pixel(((x + 0.5) * 512) / size, ((y + 0.5) * 512) / size);
      const i = (y * size + x) * 4;
      png.data[i] = c?.[0] ?? 0;
      png.data[i + 1] = c?.[1] ?? 0;
      png.data[i + 2] = c?.[2] ?? 0;
      png.data[i + 3] = c ? 255 : 0;
    }
  writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), PNG.sync.write(png));
}
