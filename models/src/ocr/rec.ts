import { resizeToPlanarBgr, type RgbaImage } from './image.js';

/** PP-OCRv4 rec input: height 48; width at least 320 (`rec_image_shape` 3,48,320), more for long lines. */
export const REC_HEIGHT = 48;
export const REC_MIN_WIDTH = 320;

export interface RecInput {
  readonly data: Float32Array;
  /** [1, 3, 48, W] */
  readonly dims: readonly [1, 3, number, number];
}

/**
 * `resize_norm_img`: scale to height 48 keeping the aspect ratio, (x/255 − 0.5)/0.5, zero-pad on the
 * right to max(320, 48 × aspect) — the padded width is what the model saw in training.
 */
export function recPreprocess(crop: RgbaImage): RecInput {
  const ratio = crop.width / crop.height;
  const padWidth = Math.max(REC_MIN_WIDTH, Math.trunc(REC_HEIGHT * ratio));
  const width = Math.min(padWidth, Math.ceil(REC_HEIGHT * ratio));
  const data = resizeToPlanarBgr(crop, width, REC_HEIGHT, (v) => (v / 255 - 0.5) / 0.5, padWidth);
  return { data, dims: [1, 3, REC_HEIGHT, padWidth] };
}

/**
 * Character table for CTC: index 0 is the blank, then the dictionary's lines, then a space
 * (`use_space_char`). The dictionary file has one character per line.
 */
export function ctcCharset(dictionary: string): string[] {
  const keys = dictionary.split(/\r?\n/);
  if (keys[keys.length - 1] === '') keys.pop();
  return ['', ...keys, ' '];
}

export interface Decoded {
  readonly text: string;
  /** Mean probability of the characters kept; 0 when none were. */
  readonly score: number;
}

/**
 * Greedy CTC: arg-max per time step, collapse repeats, drop blanks. `probs` is [T, C] row-major
 * (the exported model ends in a softmax).
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  steps: number,
  classes: number,
  charset: readonly string[],
): Decoded {
  let text = '';
  let sum = 0;
  let n = 0;
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = -Infinity;
    const row = t * classes;
    for (let c = 0; c < classes; c++) {
      const p = probs[row + c] ?? 0;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      text += charset[best] ?? '';
      sum += bestP;
      n++;
    }
    prev = best;
  }
  return { text, score: n === 0 ? 0 : sum / n };
}
