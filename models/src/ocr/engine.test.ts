import { describe, expect, it } from 'vitest';
import { PaddleOcrEngine, type FloatTensor, type TensorModel } from './engine.js';

const DICTIONARY = 'E\n4\n';
const CLASSES = 4; // blank, E, 4, space

/** Fake det: one text rectangle in the middle of whatever size it is given. */
const fakeDet: TensorModel = {
  async run({ dims }: FloatTensor): Promise<FloatTensor> {
    const [, , h = 0, w = 0] = dims;
    const data = new Float32Array(w * h);
    for (let y = Math.floor(h / 3); y < Math.floor((2 * h) / 3); y++) {
      for (let x = Math.floor(w / 4); x < Math.floor((3 * w) / 4); x++) data[y * w + x] = 0.95;
    }
    return { data, dims: [1, 1, h, w] };
  },
  close: async () => {},
};

/** Fake rec: reads "E4" from any crop, with `classes` output classes. */
function fakeRec(classes = CLASSES, seen: number[][] = []): TensorModel {
  return {
    async run({ dims }: FloatTensor): Promise<FloatTensor> {
      seen.push([...dims]);
      const best = [1, 0, 2];
      const data = new Float32Array(best.length * classes);
      best.forEach((c, t) => (data[t * classes + c] = 0.9));
      return { data, dims: [1, best.length, classes] };
    },
    close: async () => {},
  };
}

const image = (width: number, height: number) => ({
  width,
  height,
  data: new Uint8ClampedArray(width * height * 4).fill(255),
});

describe('PaddleOcrEngine', () => {
  it('runs det, crops each box, runs rec at height 48, decodes', async () => {
    const seen: number[][] = [];
    const engine = await PaddleOcrEngine.create({
      dictionary: DICTIONARY,
      models: async (m) => (m === 'det' ? fakeDet : fakeRec(CLASSES, seen)),
    });
    const lines = await engine.recognize(image(200, 96));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ text: 'E4', score: expect.closeTo(0.9, 5) });
    expect(seen[0]?.slice(0, 3)).toEqual([1, 3, 48]);
    await engine.close();
  });

  it('refuses a rec model whose classes do not fit the dictionary', async () => {
    const engine = await PaddleOcrEngine.create({
      dictionary: DICTIONARY,
      models: async (m) => (m === 'det' ? fakeDet : fakeRec(CLASSES + 1)),
    });
    await expect(engine.recognize(image(200, 96))).rejects.toMatchObject({ code: 'MODEL_MISMATCH' });
  });

  it('rejects a malformed image and stops when aborted', async () => {
    const engine = await PaddleOcrEngine.create({
      dictionary: DICTIONARY,
      models: async (m) => (m === 'det' ? fakeDet : fakeRec()),
    });
    await expect(
      engine.recognize({ width: 10, height: 10, data: new Uint8ClampedArray(3) }),
    ).rejects.toMatchObject({
      code: 'IMAGE_UNREADABLE',
    });
    const ac = new AbortController();
    ac.abort();
    const err = await engine.recognize(image(200, 96), ac.signal).catch((e: unknown) => e);
    // Cancellation is not failure: the standard AbortError, not a ModelError.
    expect(err).toBeInstanceOf(DOMException);
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(err).not.toHaveProperty('code', 'ABORTED');
  });
});
