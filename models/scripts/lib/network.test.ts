import { describe, expect, it } from 'vitest';
import { makeRng, shuffleInPlace, train, type Sample, type TrainOptions } from './network.js';

const OPTIONS: TrainOptions = {
  seed: 1,
  numBuckets: 64,
  dim: 8,
  epochs: 20,
  batchSize: 4,
  learningRate: 0.01,
  embeddingLearningRate: 0.05,
  featureDropout: 0,
  labelSmoothing: 0,
  departmentLossWeight: 1,
  sentimentLossWeight: 1,
  intentBalance: 0,
  typoCopies: 0,
};

/** Class k is features {k, 10 + k}, a perfectly separable toy task. */
function samples(): Sample[] {
  return Array.from({ length: 40 }, (_, i) => ({
    ids: Int32Array.from([i % 3, 10 + (i % 3)]),
    weights: Float32Array.from([0.5, 0.5]),
    head: 0,
    label: i % 3,
    lossWeight: 1,
  }));
}

const HEADS = [{ name: 'toy', labels: ['a', 'b', 'c'], hidden: 8 }];

describe('training maths', () => {
  it('draws the same numbers in [0, 1) from the same seed', () => {
    const a = makeRng(123);
    const b = makeRng(123);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(makeRng(124)()).not.toBe(makeRng(123)());
  });

  it('shuffles into a permutation, the same one from the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = [...items];
    const b = [...items];
    shuffleInPlace(a, makeRng(9));
    shuffleInPlace(b, makeRng(9));
    expect(a).toEqual(b);
    expect(a).not.toEqual(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
  });

  it('learns a separable toy task, with the same weights from the same seed', () => {
    const net = train(HEADS, samples(), OPTIONS);
    for (const s of samples().slice(0, 3)) {
      const p = net.predict(0, s.ids, s.weights);
      expect(p.indexOf(Math.max(...p))).toBe(s.label);
      expect(p.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    }
    expect(train(HEADS, samples(), OPTIONS).embedding).toEqual(net.embedding);
    expect(train(HEADS, samples(), { ...OPTIONS, seed: 2 }).embedding).not.toEqual(net.embedding);
  });
});
