/**
 * An RGBA image as the browser's canvas `ImageData` has it (and as the Node decoders are made to give),
 * so one pre-processing path serves the kiosk worker and the server.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** Row-major RGBA, 4 bytes per pixel. */
  readonly data: Uint8ClampedArray;
}

/** A point in image pixel coordinates (x right, y down). */
export type Point = readonly [x: number, y: number];

/** Four corners clockwise from the top-left. */
export type Quad = readonly [Point, Point, Point, Point];

/**
 * Bilinear sample of one channel with OpenCV's INTER_LINEAR conventions (pixel centres at +0.5,
 * coordinates clamped to the border), which is what PaddleOCR's `cv2.resize` does.
 */
function sampler(img: RgbaImage): (x: number, y: number, out: Float32Array) => void {
  const { width: w, height: h, data } = img;
  return (x, y, out) => {
    const xc = Math.min(Math.max(x, 0), w - 1);
    const yc = Math.min(Math.max(y, 0), h - 1);
    const x0 = Math.floor(xc);
    const y0 = Math.floor(yc);
    const x1 = Math.min(x0 + 1, w - 1);
    const y1 = Math.min(y0 + 1, h - 1);
    const fx = xc - x0;
    const fy = yc - y0;
    const i00 = (y0 * w + x0) * 4;
    const i01 = (y0 * w + x1) * 4;
    const i10 = (y1 * w + x0) * 4;
    const i11 = (y1 * w + x1) * 4;
    for (let c = 0; c < 3; c++) {
      const top = (data[i00 + c] ?? 0) * (1 - fx) + (data[i01 + c] ?? 0) * fx;
      const bottom = (data[i10 + c] ?? 0) * (1 - fx) + (data[i11 + c] ?? 0) * fx;
      out[c] = top * (1 - fy) + bottom * fy;
    }
  };
}

/**
 * Resizes to `width`×`height` and writes a planar float tensor (1×3×H×W) in **BGR** order, the channel
 * order PaddleOCR's models were trained on (OpenCV decodes to BGR). `normalise(value, bgrChannel)` maps a
 * 0–255 sample to the model's input range and must be affine (it is tabulated from its values at 0 and 255). Columns from `width` to `padWidth` stay 0 (rec pads width).
 */
export function resizeToPlanarBgr(
  img: RgbaImage,
  width: number,
  height: number,
  normalise: (value: number, bgrChannel: number) => number,
  padWidth: number = width,
): Float32Array {
  const out = new Float32Array(3 * height * padWidth);
  const { width: sw, height: sh, data } = img;
  // Per-column and per-row source taps, computed once: this runs on every camera frame.
  const xs = taps(sw, width);
  const ys = taps(sh, height);
  // normalise is affine in the sample for every model here, so tabulate it per channel on 0–255 ends.
  const scale = [0, 1, 2].map((c) => normalise(255, c) - normalise(0, c));
  const offset = [0, 1, 2].map((c) => normalise(0, c));
  const [sB = 0, sG = 0, sR = 0] = scale.map((v) => v / 255);
  const [oB = 0, oG = 0, oR = 0] = offset;
  const plane = height * padWidth;
  for (let y = 0; y < height; y++) {
    const r0 = (ys.i0[y] ?? 0) * sw * 4;
    const r1 = (ys.i1[y] ?? 0) * sw * 4;
    const fy = ys.f[y] ?? 0;
    for (let x = 0; x < width; x++) {
      const c0 = (xs.i0[x] ?? 0) * 4;
      const c1 = (xs.i1[x] ?? 0) * 4;
      const fx = xs.f[x] ?? 0;
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      const a = r0 + c0;
      const b = r0 + c1;
      const c = r1 + c0;
      const d = r1 + c1;
      const o = y * padWidth + x;
      // RGBA → BGR planes.
      const red = (data[a] ?? 0) * w00 + (data[b] ?? 0) * w01 + (data[c] ?? 0) * w10 + (data[d] ?? 0) * w11;
      const green =
        (data[a + 1] ?? 0) * w00 +
        (data[b + 1] ?? 0) * w01 +
        (data[c + 1] ?? 0) * w10 +
        (data[d + 1] ?? 0) * w11;
      const blue =
        (data[a + 2] ?? 0) * w00 +
        (data[b + 2] ?? 0) * w01 +
        (data[c + 2] ?? 0) * w10 +
        (data[d + 2] ?? 0) * w11;
      out[o] = blue * sB + oB;
      out[plane + o] = green * sG + oG;
      out[2 * plane + o] = red * sR + oR;
    }
  }
  return out;
}

/** Source indices and weights for resizing `src` samples to `dst` (INTER_LINEAR, half-pixel centres). */
function taps(src: number, dst: number): { i0: Int32Array; i1: Int32Array; f: Float32Array } {
  const i0 = new Int32Array(dst);
  const i1 = new Int32Array(dst);
  const f = new Float32Array(dst);
  const scale = src / dst;
  for (let i = 0; i < dst; i++) {
    const p = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), src - 1);
    const lo = Math.floor(p);
    i0[i] = lo;
    i1[i] = Math.min(lo + 1, src - 1);
    f[i] = p - lo;
  }
  return { i0, i1, f };
}

const dist = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * Cuts a (possibly rotated) rectangle out of the image, upright, as PaddleOCR's `get_rotate_crop_image`
 * does: output size is the longer of each pair of opposite edges; a crop much taller than wide is turned
 * 90° so vertical text reads left to right. The quad is a rectangle here, so an affine map is exact.
 */
export function cropQuad(img: RgbaImage, quad: Quad): RgbaImage {
  const [tl, tr, br, bl] = quad;
  let w = Math.max(1, Math.round(Math.max(dist(tl, tr), dist(bl, br))));
  let h = Math.max(1, Math.round(Math.max(dist(tl, bl), dist(tr, br))));
  let origin = tl;
  let ux: Point = [(tr[0] - tl[0]) / w, (tr[1] - tl[1]) / w];
  let uy: Point = [(bl[0] - tl[0]) / h, (bl[1] - tl[1]) / h];
  if (h / w >= 1.5) {
    // np.rot90 of the crop: new top-left is the old top-right, reading downwards along the old right edge.
    origin = tr;
    const nw = h;
    const nh = w;
    ux = [(br[0] - tr[0]) / nw, (br[1] - tr[1]) / nw];
    uy = [(tl[0] - tr[0]) / nh, (tl[1] - tr[1]) / nh];
    w = nw;
    h = nh;
  }
  const data = new Uint8ClampedArray(w * h * 4);
  const sample = sampler(img);
  const px = new Float32Array(3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Sample at pixel centres of the destination.
      const cx = x + 0.5;
      const cy = y + 0.5;
      sample(origin[0] + ux[0] * cx + uy[0] * cy - 0.5, origin[1] + ux[1] * cx + uy[1] * cy - 0.5, px);
      const o = (y * w + x) * 4;
      data[o] = px[0] ?? 0;
      data[o + 1] = px[1] ?? 0;
      data[o + 2] = px[2] ?? 0;
      data[o + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}
