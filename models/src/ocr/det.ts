import { resizeToPlanarBgr, type Point, type Quad, type RgbaImage } from './image.js';

/** PaddleOCR's inference defaults for DB text detection (tools/infer/utility.py, DBPostProcess). */
export const DET_DEFAULTS = {
  /** `det_limit_side_len` with `det_limit_type: 'max'`: only larger images are scaled down. */
  limitSideLen: 960,
  /** Probability above which a pixel is text. */
  threshold: 0.3,
  /** Mean probability inside a box below which it is dropped. */
  boxThreshold: 0.6,
  /** How far a box is grown back out, as area × ratio / perimeter (the DB shrink is undone). */
  unclipRatio: 1.5,
  /** Boxes with a shorter side (in probability-map pixels) are noise. */
  minSize: 3,
  /** `max_candidates`: a page of text has far fewer; stops pathological maps costing seconds. */
  maxCandidates: 1000,
} as const;

export type DetOptions = { -readonly [K in keyof typeof DET_DEFAULTS]: number };

/** ImageNet statistics, indexed in BGR order as PaddleOCR applies them to an OpenCV (BGR) image. */
const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;

/** Python's `round` (half to even), so sizes match PaddleOCR's exactly. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** DetResizeForTest, limit type 'max': longest side ≤ limit, both sides multiples of 32 (at least 32). */
export function detInputSize(
  width: number,
  height: number,
  limitSideLen: number = DET_DEFAULTS.limitSideLen,
): { width: number; height: number } {
  const ratio = Math.max(width, height) > limitSideLen ? limitSideLen / Math.max(width, height) : 1;
  return {
    width: Math.max(roundHalfEven((width * ratio) / 32) * 32, 32),
    height: Math.max(roundHalfEven((height * ratio) / 32) * 32, 32),
  };
}

export interface DetInput {
  readonly data: Float32Array;
  /** [1, 3, H, W] */
  readonly dims: readonly [1, 3, number, number];
}

export function detPreprocess(img: RgbaImage, limitSideLen: number = DET_DEFAULTS.limitSideLen): DetInput {
  const { width, height } = detInputSize(img.width, img.height, limitSideLen);
  const data = resizeToPlanarBgr(img, width, height, (v, c) => (v / 255 - (MEAN[c] ?? 0)) / (STD[c] ?? 1));
  return { data, dims: [1, 3, height, width] };
}

/** A rotated rectangle: centre, unit axis along its width, and side lengths. */
interface RotatedRect {
  cx: number;
  cy: number;
  ux: number;
  uy: number;
  w: number;
  h: number;
}

/** Andrew's monotone chain; points sorted by x then y on the way in. */
function convexHull(points: Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length <= 2) return pts;
  const cross = (o: Point, a: Point, b: Point): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (
      lower.length >= 2 &&
      cross(lower[lower.length - 2] as Point, lower[lower.length - 1] as Point, p) <= 0
    )
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i] as Point;
    while (
      upper.length >= 2 &&
      cross(upper[upper.length - 2] as Point, upper[upper.length - 1] as Point, p) <= 0
    )
      upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** Minimum-area enclosing rectangle (cv2.minAreaRect) by trying each hull edge's direction. */
export function minAreaRect(points: Point[]): RotatedRect {
  const hull = convexHull(points);
  const candidates: [number, number][] = [[1, 0]];
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i] as Point;
    const b = hull[(i + 1) % hull.length] as Point;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len > 0) candidates.push([(b[0] - a[0]) / len, (b[1] - a[1]) / len]);
  }
  let best: RotatedRect | undefined;
  let bestArea = Infinity;
  for (const [ux, uy] of candidates) {
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of hull) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea - 1e-9) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, ux, uy, w: maxU - minU, h: maxV - minV };
    }
  }
  return best as RotatedRect;
}

/** Corners ordered as PaddleOCR's `get_mini_boxes`: by x, then each side's pair by y → tl, tr, br, bl. */
function rectCorners(r: RotatedRect): Quad {
  const hw = r.w / 2;
  const hh = r.h / 2;
  const vx = -r.uy;
  const vy = r.ux;
  const pts = [
    [r.cx - r.ux * hw - vx * hh, r.cy - r.uy * hw - vy * hh],
    [r.cx + r.ux * hw - vx * hh, r.cy + r.uy * hw - vy * hh],
    [r.cx + r.ux * hw + vx * hh, r.cy + r.uy * hw + vy * hh],
    [r.cx - r.ux * hw + vx * hh, r.cy - r.uy * hw + vy * hh],
  ] as Point[];
  pts.sort((a, b) => a[0] - b[0]);
  const [l1, l2, r1, r2] = pts as [Point, Point, Point, Point];
  const [tl, bl] = l1[1] <= l2[1] ? [l1, l2] : [l2, l1];
  const [tr, br] = r1[1] <= r2[1] ? [r1, r2] : [r2, r1];
  return [tl, tr, br, bl];
}

/** `box_score_fast`: mean probability over the pixels the rectangle covers. */
function boxScore(pred: Float32Array, mapW: number, mapH: number, r: RotatedRect): number {
  const corners = rectCorners(r);
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(mapW - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(mapH - 1, Math.ceil(Math.max(...ys)));
  // Half a pixel of slack: fillPoly counts pixels the outline passes through.
  const hw = r.w / 2 + 0.5;
  const hh = r.h / 2 + 0.5;
  let sum = 0;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x - r.cx;
      const dy = y - r.cy;
      if (Math.abs(dx * r.ux + dy * r.uy) <= hw && Math.abs(-dx * r.uy + dy * r.ux) <= hh) {
        sum += pred[y * mapW + x] ?? 0;
        n++;
      }
    }
  }
  return n === 0 ? 0 : sum / n;
}

export interface DetBox {
  /** Corners in source-image pixels, clockwise from the top-left. */
  readonly box: Quad;
  /** Mean text probability inside the (shrunk) box. */
  readonly score: number;
}

/**
 * DBPostProcess over the probability map (`mapW`×`mapH`, the resized input's size), boxes scaled back to
 * the source image. Regions are 8-connected components of the thresholded map; each one's minimum-area
 * rectangle stands in for OpenCV's contour + `minAreaRect` (the same rectangle: a component's hull is its
 * contour's hull). Holes inside a region are not separate candidates (PaddleOCR's RETR_LIST finds them,
 * but they fail the score threshold anyway). Unclipping a rectangle by distance d = area × ratio /
 * perimeter with round joins and taking the minimum-area rectangle again, as PaddleOCR does with
 * pyclipper, is exactly growing each side by d, which is what is done here.
 */
export function detPostprocess(
  pred: Float32Array,
  mapW: number,
  mapH: number,
  srcW: number,
  srcH: number,
  options: Partial<DetOptions> = {},
): DetBox[] {
  const o = { ...DET_DEFAULTS, ...options };
  const n = mapW * mapH;
  const visited = new Uint8Array(n);
  const stack = new Int32Array(n);
  // Per-row extremes are all a convex hull needs; rows a component touched are reset after it.
  const rowMin = new Int32Array(mapH).fill(mapW);
  const rowMax = new Int32Array(mapH).fill(-1);
  const boxes: DetBox[] = [];
  let candidates = 0;
  for (let start = 0; start < n && candidates < o.maxCandidates; start++) {
    if (visited[start] === 1 || (pred[start] ?? 0) <= o.threshold) continue;
    candidates++;
    visited[start] = 1;
    let top = 0;
    stack[top++] = start;
    let yMin = mapH;
    let yMax = -1;
    while (top > 0) {
      const i = stack[--top] ?? 0;
      const y = (i / mapW) | 0;
      const x = i - y * mapW;
      if (x < (rowMin[y] ?? 0)) rowMin[y] = x;
      if (x > (rowMax[y] ?? 0)) rowMax[y] = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
      const y0 = y > 0 ? y - 1 : y;
      const y1 = y < mapH - 1 ? y + 1 : y;
      const x0 = x > 0 ? x - 1 : x;
      const x1 = x < mapW - 1 ? x + 1 : x;
      for (let ny = y0; ny <= y1; ny++) {
        for (let nx = x0; nx <= x1; nx++) {
          const j = ny * mapW + nx;
          if (visited[j] === 0 && (pred[j] ?? 0) > o.threshold) {
            visited[j] = 1;
            stack[top++] = j;
          }
        }
      }
    }
    const points: Point[] = [];
    for (let y = yMin; y <= yMax; y++) {
      const lo = rowMin[y] ?? 0;
      const hi = rowMax[y] ?? 0;
      if (hi >= lo) points.push([lo, y], [hi, y]);
      rowMin[y] = mapW;
      rowMax[y] = -1;
    }
    const rect = minAreaRect(points);
    if (Math.min(rect.w, rect.h) < o.minSize) continue;
    const score = boxScore(pred, mapW, mapH, rect);
    if (score < o.boxThreshold) continue;
    const d = (rect.w * rect.h * o.unclipRatio) / (2 * (rect.w + rect.h));
    const grown: RotatedRect = { ...rect, w: rect.w + 2 * d, h: rect.h + 2 * d };
    if (Math.min(grown.w, grown.h) < o.minSize + 2) continue;
    const sx = srcW / mapW;
    const sy = srcH / mapH;
    const scaled = rectCorners(grown).map(
      (p) =>
        [
          Math.min(Math.max(Math.round(p[0] * sx), 0), srcW),
          Math.min(Math.max(Math.round(p[1] * sy), 0), srcH),
        ] as Point,
    ) as unknown as Quad;
    const [tl, tr, , bl] = scaled;
    // filter_tag_det_res: drop slivers.
    if (Math.hypot(tr[0] - tl[0], tr[1] - tl[1]) <= 3 || Math.hypot(bl[0] - tl[0], bl[1] - tl[1]) <= 3)
      continue;
    boxes.push({ box: scaled, score });
  }
  return sortBoxes(boxes);
}

/**
 * Reading order as PaddleOCR's `sorted_boxes`: by the top-left corner's y then x, then neighbours whose
 * tops are within 10 px are treated as one row and put left to right.
 */
export function sortBoxes<T extends { box: Quad }>(boxes: readonly T[]): T[] {
  const out = [...boxes].sort((a, b) => a.box[0][1] - b.box[0][1] || a.box[0][0] - b.box[0][0]);
  for (let i = 0; i < out.length - 1; i++) {
    for (let j = i; j >= 0; j--) {
      const a = out[j] as T;
      const b = out[j + 1] as T;
      if (Math.abs(b.box[0][1] - a.box[0][1]) < 10 && b.box[0][0] < a.box[0][0]) {
        out[j] = b;
        out[j + 1] = a;
      } else break;
    }
  }
  return out;
}
