import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { makeRng, train, type Sample } from './network.js';
import { exportOnnx, quantizeEmbedding } from './onnx-export.js';

describe('embedding quantisation (int8, symmetric per column)', () => {
  it('gives each column its own scale, the largest value mapping to ±127', () => {
    // 3 rows × 2 columns: column 0 peaks at 2, column 1 is all zero.
    const { values, scales } = quantizeEmbedding(Float32Array.from([1, 0, -2, 0, 0.5, 0]), 3, 2);
    expect([...scales]).toEqual([2 / 127, 1].map(Math.fround));
    expect([...values]).toEqual([64, 0, -127, 0, 32, 0]);
  });

  it('gives every value back within half a step of its column', () => {
    const rng = makeRng(2);
    const rows = 50;
    const dim = 6;
    const e = Float32Array.from({ length: rows * dim }, (_, i) => (rng() * 2 - 1) * (1 + (i % dim)));
    const { values, scales } = quantizeEmbedding(e, rows, dim);
    for (let i = 0; i < e.length; i += 1) {
      const scale = scales[i % dim] ?? 0;
      expect(Math.abs((values[i] ?? 0) * scale - (e[i] ?? 0))).toBeLessThanOrEqual(scale / 2 + 1e-7);
    }
  });
});

describe('the exported ONNX model', () => {
  it('gives, in onnxruntime, what the float network gives, within the int8 error', async () => {
    const samples: Sample[] = Array.from({ length: 30 }, (_, i) => ({
      ids: Int32Array.from([i % 3, 10 + (i % 3)]),
      weights: Float32Array.from([0.5, 0.5]),
      head: 0,
      label: i % 3,
      lossWeight: 1,
    }));
    const net = train([{ name: 'intent', labels: ['a', 'b', 'c'], hidden: 8 }], samples, {
      seed: 1,
      numBuckets: 32,
      dim: 8,
      epochs: 10,
      batchSize: 4,
      learningRate: 0.01,
      embeddingLearningRate: 0.05,
      featureDropout: 0,
      labelSmoothing: 0,
      departmentLossWeight: 1,
      sentimentLossWeight: 1,
      intentBalance: 0,
      typoCopies: 0,
    });
    const session = await ort.InferenceSession.create(exportOnnx([net.toParams()], { test: '1' }));
    try {
      for (const s of samples.slice(0, 3)) {
        const out = await session.run({
          ids: new ort.Tensor('int32', s.ids, [1, 2]),
          weights: new ort.Tensor('float32', s.weights, [1, 2]),
        });
        const onnx = out['intent_probs']?.data as Float32Array;
        const float = net.predict(0, s.ids, s.weights);
        expect(onnx).toHaveLength(3);
        for (let c = 0; c < 3; c += 1) expect(Math.abs((onnx[c] ?? 0) - (float[c] ?? 0))).toBeLessThan(0.02);
        expect(onnx.indexOf(Math.max(...onnx))).toBe(s.label);
      }
    } finally {
      await session.release();
    }
  });
});
