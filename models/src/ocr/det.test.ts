import { describe, expect, it } from 'vitest';
import { detInputSize, detPostprocess, detPreprocess, minAreaRect, sortBoxes } from './det.js';
import type { Quad } from './image.js';

describe('detInputSize (longest side ≤ 960, multiples of 32)', () => {
  it.each([
    [640, 240, 640, 256],
    [856, 540, 864, 544],
    [1920, 1080, 960, 544],
    [1080, 1920, 544, 960],
    [10, 10, 32, 32],
    // 208/32 = 6.5: Python's round goes to the even 6.
    [208, 100, 192, 96],
  ])('%i×%i → %i×%i', (w, h, ew, eh) => {
    expect(detInputSize(w, h)).toEqual({ width: ew, height: eh });
  });
});

describe('detPreprocess', () => {
  it('writes BGR planes normalised with ImageNet mean/std', () => {
    // One pure red 32×32 image: R=255, G=0, B=0.
    const data = new Uint8ClampedArray(32 * 32 * 4);
    for (let i = 0; i < data.length; i += 4) {
      data[i] = 255;
      data[i + 3] = 255;
    }
    const { data: t, dims } = detPreprocess({ width: 32, height: 32, data });
    expect(dims).toEqual([1, 3, 32, 32]);
    const plane = 32 * 32;
    expect(t[0]).toBeCloseTo((0 - 0.485) / 0.229, 5); // B
    expect(t[plane]).toBeCloseTo((0 - 0.456) / 0.224, 5); // G
    expect(t[2 * plane]).toBeCloseTo((1 - 0.406) / 0.225, 5); // R
  });
});

describe('minAreaRect', () => {
  it('finds an axis-aligned rectangle', () => {
    const r = minAreaRect([
      [0, 0],
      [10, 0],
      [10, 4],
      [0, 4],
      [5, 2],
    ]);
    expect(r.w * r.h).toBeCloseTo(40);
    expect(r.cx).toBeCloseTo(5);
    expect(r.cy).toBeCloseTo(2);
  });

  it('finds a rotated one', () => {
    const a = Math.PI / 6;
    const pts = [
      [0, 0],
      [20, 0],
      [20, 5],
      [0, 5],
    ].map(([x, y]) => [x! * Math.cos(a) - y! * Math.sin(a), x! * Math.sin(a) + y! * Math.cos(a)] as const);
    const r = minAreaRect(pts);
    expect(r.w * r.h).toBeCloseTo(100);
    expect(Math.max(r.w, r.h)).toBeCloseTo(20);
  });
});

/** A probability map with filled rectangles (x0, y0, x1, y1 inclusive) at probability p. */
function map(w: number, h: number, rects: [number, number, number, number, number][]): Float32Array {
  const m = new Float32Array(w * h);
  for (const [x0, y0, x1, y1, p] of rects) {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) m[y * w + x] = p;
  }
  return m;
}

describe('detPostprocess', () => {
  it('turns regions into unclipped boxes in reading order, scaled to the source image', () => {
    const pred = map(64, 64, [
      [30, 40, 59, 47, 0.9], // second row
      [4, 10, 23, 17, 0.9], // first row, left
      [34, 12, 53, 19, 0.9], // first row, right (top 2 px lower: same row)
    ]);
    const boxes = detPostprocess(pred, 64, 64, 128, 64);
    expect(boxes).toHaveLength(3);
    const [a, b, c] = boxes.map((x) => x.box);
    // 19×7 rectangle: d = 19·7·1.5 / (2·26) ≈ 3.84 px on each side, x scaled by 2.
    expect(a![0][0]).toBe(Math.round((4 - 3.8365) * 2));
    expect(a![0][1]).toBe(Math.round(10 - 3.8365));
    expect(a![2][0]).toBe(Math.round((23 + 3.8365) * 2));
    expect(b![0][0]).toBeGreaterThan(a![0][0]);
    expect(c![0][1]).toBeGreaterThan(b![0][1]);
    expect(boxes[0]!.score).toBeCloseTo(0.9, 5);
  });

  it('drops regions below the box score, thin ones, and everything on an empty map', () => {
    // 0.5 passes the 0.3 pixel threshold but not the 0.6 box threshold.
    expect(detPostprocess(map(64, 64, [[4, 4, 40, 20, 0.5]]), 64, 64, 64, 64)).toEqual([]);
    expect(detPostprocess(map(64, 64, [[4, 4, 40, 5, 0.9]]), 64, 64, 64, 64)).toEqual([]);
    expect(detPostprocess(new Float32Array(64 * 64), 64, 64, 64, 64)).toEqual([]);
  });
});

describe('sortBoxes', () => {
  const at = (x: number, y: number): { box: Quad } => ({
    box: [
      [x, y],
      [x + 10, y],
      [x + 10, y + 5],
      [x, y + 5],
    ],
  });
  it('reads rows top to bottom, and boxes whose tops differ by < 10 px left to right', () => {
    const sorted = sortBoxes([at(100, 52), at(0, 55), at(50, 0), at(0, 3)]);
    expect(sorted.map((b) => b.box[0])).toEqual([
      [0, 3],
      [50, 0],
      [0, 55],
      [100, 52],
    ]);
  });
});
