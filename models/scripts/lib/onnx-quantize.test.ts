import { create, toBinary } from '@bufbuild/protobuf';
import * as ort from 'onnxruntime-node';
import {
  GraphProtoSchema,
  ModelProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType as DT,
} from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { makeRng } from './network.js';
import { node, tensor, valueInfo } from './onnx-export.js';
import {
  activationQuant,
  biasQuant,
  convs,
  parseModel,
  quantizeConvs,
  upgradeOpset9To10,
  weightQuant,
} from './onnx-quantize.js';

/** Dequantised uint8 activation: what Q then DQ gives back for x. */
function roundTrip(x: number, { scale, zeroPoint }: { scale: number; zeroPoint: number }): number {
  const q = Math.max(0, Math.min(255, Math.round(x / scale) + zeroPoint));
  return (q - zeroPoint) * scale;
}

describe('activation quantisation (uint8, asymmetric)', () => {
  it.each([
    ['[0, 255] is the identity', { min: 0, max: 255 }, 1, 0],
    ['[-1, 1] puts zero in the middle', { min: -1, max: 1 }, 2 / 255, 128],
    ['[-4, 0] puts zero at the top', { min: -4, max: 0 }, 4 / 255, 255],
    ['[2, 5] is widened to include 0', { min: 2, max: 5 }, 5 / 255, 0],
    ['[-3, -1] too', { min: -3, max: -1 }, 3 / 255, 255],
    ['an empty range gets scale 1', { min: 0, max: 0 }, 1, 0],
  ])('%s', (_name, range, scale, zeroPoint) => {
    const q = activationQuant(range);
    expect(q.scale).toBeCloseTo(scale, 7);
    expect(q.scale).toBe(Math.fround(q.scale)); // stored as float32 in the model
    expect(q.zeroPoint).toBe(zeroPoint);
  });

  it('represents 0 exactly and any value of the range within half a step', () => {
    const rng = makeRng(7);
    for (const range of [
      { min: -0.37, max: 5.2 },
      { min: -12, max: 3 },
      { min: 0, max: 0.01 },
    ]) {
      const p = activationQuant(range);
      expect(roundTrip(0, p)).toBe(0);
      for (let i = 0; i < 200; i += 1) {
        const x = range.min + rng() * (range.max - range.min);
        expect(Math.abs(roundTrip(x, p) - x)).toBeLessThanOrEqual(p.scale / 2 + 1e-6);
      }
    }
  });
});

describe('weight quantisation (int8, symmetric per output channel)', () => {
  it('maps each channel of known weights to [-127, 127] with its own scale', () => {
    const w = Float32Array.from([
      1, -0.5, 0.25, 0, /* channel 1 */ 0, 0, 0, 0, /* channel 2 */ -2, 1, 0.01, 2,
    ]);
    const { values, scales } = weightQuant(w, 3);
    expect([...scales]).toEqual([1 / 127, 1, 2 / 127].map(Math.fround));
    expect([...values]).toEqual([127, -64, 32, 0, 0, 0, 0, 0, -127, 64, 1, 127]);
  });

  it('gives every weight back within half a step of its channel', () => {
    const rng = makeRng(11);
    const channels = 8;
    const w = Float32Array.from({ length: channels * 27 }, (_, i) => (rng() * 2 - 1) * (1 + (i % channels)));
    const { values, scales } = weightQuant(w, channels);
    for (let o = 0; o < channels; o += 1) {
      const scale = scales[o] ?? 0;
      for (let i = 0; i < 27; i += 1) {
        const at = o * 27 + i;
        expect(Math.abs((values[at] ?? 0) * scale - (w[at] ?? 0))).toBeLessThanOrEqual(scale / 2 + 1e-7);
      }
    }
  });

  it('quantises the bias at input scale × weight scale, as QLinearConv needs', () => {
    const { values, scales } = biasQuant(
      Float32Array.from([0.5, -1, 0]),
      Float32Array.from([0.01, 0.02, 1]),
      0.1,
    );
    [0.001, 0.002, 0.1].forEach((scale, o) => expect(scales[o]).toBeCloseTo(scale, 7));
    expect([...values]).toEqual([500, -500, 0]);
  });
});

/** A float model: x [1, 3, 8, 8] → Conv 3×3 (4 channels, pad 1) → Relu → Conv 1×1 (2 channels) → y. */
function tinyModel(opset: number): Uint8Array {
  const rng = makeRng(3);
  const rand = (n: number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);
  const graph = create(GraphProtoSchema, {
    name: 'tiny',
    node: [
      node('Conv', ['x', 'w1', 'b1'], ['c1'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      node('Relu', ['c1'], ['r1']),
      node('Conv', ['r1', 'w2', 'b2'], ['y'], { kernel_shape: [1, 1] }),
    ],
    initializer: [
      tensor('w1', DT.FLOAT, [4, 3, 3, 3], rand(4 * 27)),
      tensor('b1', DT.FLOAT, [4], rand(4)),
      tensor('w2', DT.FLOAT, [2, 4, 1, 1], rand(8)),
      tensor('b2', DT.FLOAT, [2], rand(2)),
    ],
    input: [valueInfo('x', DT.FLOAT, [1, 3, 8, 8])],
    output: [valueInfo('y', DT.FLOAT, [1, 2, 8, 8])],
  });
  return toBinary(
    ModelProtoSchema,
    create(ModelProtoSchema, {
      irVersion: 7n,
      opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(opset) })],
      graph,
    }),
  );
}

async function run(bytes: Uint8Array, x: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  try {
    const out = await session.run({ x: new ort.Tensor('float32', x, [1, 3, 8, 8]) });
    return out['y']?.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('quantizeConvs on a small model', () => {
  const x = Float32Array.from({ length: 3 * 64 }, (_, i) => Math.sin(i / 5));
  const ranges = new Map([
    ['x', { min: -1, max: 1 }],
    ['c1', { min: -4, max: 4 }],
    ['r1', { min: 0, max: 4 }],
    ['y', { min: -6, max: 6 }],
  ]);

  it('finds the constant-weight Convs in graph order', () => {
    expect(convs(parseModel(tinyModel(13)))).toEqual([
      { index: 0, input: 'x', output: 'c1', weightDims: [4, 3, 3, 3], group: 1 },
      { index: 1, input: 'r1', output: 'y', weightDims: [2, 4, 1, 1], group: 1 },
    ]);
  });

  it('runs in onnxruntime close to the float model, and is the same bytes every time', async () => {
    const model = parseModel(tinyModel(13));
    const q = quantizeConvs(model, new Set([0, 1]), ranges);
    expect(quantizeConvs(model, new Set([0, 1]), ranges)).toEqual(q);
    const [float, int8] = await Promise.all([run(tinyModel(13), x), run(q, x)]);
    expect(int8.length).toBe(float.length);
    const step = 12 / 255; // y's quantisation step
    let worst = 0;
    let sum = 0;
    for (let i = 0; i < float.length; i += 1) {
      const e = Math.abs((int8[i] ?? 0) - (float[i] ?? 0));
      worst = Math.max(worst, e);
      sum += e;
    }
    // Every stage adds its half step: x's error, times the sum of |w1| over a 3×3×3 window (≈ 13), then
    // c1's, times w2, then y's own. Measured: worst 0.168 (3.6 steps), mean about one step.
    expect(worst).toBeLessThan(4 * step);
    expect(sum / float.length).toBeLessThan(1.5 * step);
    expect(worst).toBeGreaterThan(0); // it really is quantised
  });

  it('leaves Convs not chosen in float and fails without a calibration range', async () => {
    const model = parseModel(tinyModel(13));
    const onlyFirst = parseModel(quantizeConvs(model, new Set([0]), ranges));
    expect(onlyFirst.graph?.node.filter((n) => n.opType === 'QuantizeLinear')).toHaveLength(2);
    expect(() => quantizeConvs(model, new Set([0]), new Map())).toThrow('no calibration range for x');
  });

  it('moves Slice attributes to inputs going from opset 9 to 10, and refuses ops it cannot convert', () => {
    const base = parseModel(tinyModel(9));
    const graph = base.graph;
    if (!graph) throw new Error('no graph');
    graph.node.push(node('Slice', ['y'], ['s'], { starts: [0], ends: [1], axes: [1] }));
    const up = upgradeOpset9To10(base);
    expect(up.opsetImport[0]?.version).toBe(10n);
    const slice = up.graph?.node.find((n) => n.opType === 'Slice');
    expect(slice?.input).toEqual(['y', 's_slice_starts', 's_slice_ends', 's_slice_axes']);
    expect(slice?.attribute).toEqual([]);
    graph.node.push(node('Upsample', ['y'], ['u']));
    expect(() => upgradeOpset9To10(base)).toThrow('cannot upgrade Upsample');
  });
});
