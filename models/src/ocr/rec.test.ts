import { describe, expect, it } from 'vitest';
import { cropQuad } from './image.js';
import { ctcCharset, ctcGreedyDecode, recPreprocess } from './rec.js';

const solid = (width: number, height: number, v: number) => ({
  width,
  height,
  data: new Uint8ClampedArray(width * height * 4).fill(v),
});

describe('recPreprocess', () => {
  it('scales to height 48, maps to [-1, 1] and zero-pads to at least 320', () => {
    const { data, dims } = recPreprocess(solid(40, 20, 255));
    expect(dims).toEqual([1, 3, 48, 320]);
    // 40/20 × 48 = 96 columns of image, then padding.
    expect(data[95]).toBeCloseTo(1);
    expect(data[96]).toBe(0);
  });

  it('keeps the aspect of a long line', () => {
    expect(recPreprocess(solid(1000, 50, 0)).dims).toEqual([1, 3, 48, 960]);
  });
});

describe('cropQuad', () => {
  it('cuts an upright crop of the rectangle', () => {
    const img = solid(100, 50, 0);
    const crop = cropQuad(img, [
      [10, 10],
      [60, 10],
      [60, 30],
      [10, 30],
    ]);
    expect([crop.width, crop.height]).toEqual([50, 20]);
  });

  it('turns a tall crop so vertical text reads left to right', () => {
    const crop = cropQuad(solid(100, 100, 0), [
      [10, 10],
      [20, 10],
      [20, 60],
      [10, 60],
    ]);
    expect([crop.width, crop.height]).toEqual([50, 10]);
  });
});

describe('CTC', () => {
  it('indexes blank first and space last', () => {
    expect(ctcCharset('a\nb\n')).toEqual(['', 'a', 'b', ' ']);
    expect(ctcCharset('a\r\nb')).toEqual(['', 'a', 'b', ' ']);
  });

  it('collapses repeats, drops blanks, scores the characters kept', () => {
    const charset = ['', 'E', '4', ' '];
    // Steps: E E blank 4 4 blank 4 → "E44".
    const best = [1, 1, 0, 2, 2, 0, 2];
    const probs = new Float32Array(best.length * 4);
    best.forEach((c, t) => {
      probs.fill(0.1 / 3, t * 4, t * 4 + 4);
      probs[t * 4 + c] = 0.9;
    });
    const { text, score } = ctcGreedyDecode(probs, best.length, 4, charset);
    expect(text).toBe('E44');
    expect(score).toBeCloseTo(0.9);
  });

  it('scores 0 when nothing is read', () => {
    expect(ctcGreedyDecode(new Float32Array([1, 0, 0, 0]), 1, 4, ['', 'a', 'b', ' '])).toEqual({
      text: '',
      score: 0,
    });
  });
});
