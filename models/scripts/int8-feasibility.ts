/**
 * Feasibility check for int8 OCR: is an int8 convolution faster than the float one in onnxruntime-web's
 * wasm backend (2 threads, inside Node) and in onnxruntime-node? Builds tiny synthetic graphs with the
 * conv shapes PP-OCRv4 det spends its time in (a 864×544 input: stride-4/8 feature maps), each as
 *   float:   x ─Conv─ y
 *   qdq:     x ─QuantizeLinear(u8)─DequantizeLinear─Conv(DequantizeLinear(int8 W, per channel))─
 *            QuantizeLinear─DequantizeLinear─ y   (ORT fuses this into QLinearConv at load)
 *   qlinear: x ─QuantizeLinear─QLinearConv(int8 W, per channel)─DequantizeLinear─ y  (explicit)
 *   dynamic: x ─DynamicQuantizeLinear─ConvInteger(u8 W)─Cast─Mul(scales)─ y  (weight-only, "dynamic")
 * and times them interleaved (round-robin in one process, so machine load hits every variant alike).
 * Prints one JSON object: ms p50 per shape and variant, and the int8/float ratio.
 *
 *   npx tsx models/scripts/int8-feasibility.ts [--runs 15] [--wasm-threads 2] [--node-threads 2]
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  GraphProtoSchema,
  ModelProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType as DT,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';
import { node, tensor, valueInfo } from './lib/onnx-export.js';
import type { Ort, OrtSession, OrtSessionOptions } from '../src/ort/adapter.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} needs a positive number`);
  return v;
}
const runs = arg('runs', 15);
const wasmThreads = arg('wasm-threads', 2);
const nodeThreads = arg('node-threads', 2);

interface ConvShape {
  readonly name: string;
  readonly cin: number;
  readonly cout: number;
  readonly k: number;
  readonly group: number;
  readonly h: number;
  readonly w: number;
}

const SHAPES: ConvShape[] = [
  { name: 'pw 1x1 48->96 @136x216', cin: 48, cout: 96, k: 1, group: 1, h: 136, w: 216 },
  { name: 'pw 1x1 96->96 @68x108', cin: 96, cout: 96, k: 1, group: 1, h: 68, w: 108 },
  { name: 'dw 3x3 96 @68x108', cin: 96, cout: 96, k: 3, group: 96, h: 68, w: 108 },
  { name: 'full 3x3 96->96 @68x108', cin: 96, cout: 96, k: 3, group: 1, h: 68, w: 108 },
];
const VARIANTS = ['float', 'qdq', 'qlinear', 'dynamic'] as const;
type Variant = (typeof VARIANTS)[number];

/** A fixed LCG so the graphs, and so the timings' inputs, are the same every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function buildConv(shape: ConvShape, variant: Variant): Uint8Array {
  const { cin, cout, k, group } = shape;
  const rand = lcg(cin * 1000 + cout * 10 + k);
  const wCount = cout * (cin / group) * k * k;
  const perOut = wCount / cout;
  const wf = new Float32Array(wCount).map(() => rand() * 0.2);
  const bias = new Float32Array(cout).map(() => rand() * 0.1);
  const wDims = [cout, cin / group, k, k];
  const attrs = { group, kernel_shape: [k, k], pads: [(k - 1) / 2, (k - 1) / 2, (k - 1) / 2, (k - 1) / 2] };
  const wScale = new Float32Array(cout);
  const wq = new Int8Array(wCount);
  for (let o = 0; o < cout; o++) {
    let max = 0;
    for (let i = 0; i < perOut; i++) max = Math.max(max, Math.abs(wf[o * perOut + i] ?? 0));
    wScale[o] = max / 127 || 1;
    for (let i = 0; i < perOut; i++)
      wq[o * perOut + i] = Math.round((wf[o * perOut + i] ?? 0) / (wScale[o] ?? 1));
  }
  const init: TensorProto[] = [];
  const nodes: NodeProto[] = [];
  const s = (name: string, v: number): TensorProto => tensor(name, DT.FLOAT, [], new Float32Array([v]));
  const zpU8 = (name: string, v: number): TensorProto => tensor(name, DT.UINT8, [], new Uint8Array([v]));
  if (variant === 'float') {
    init.push(tensor('W', DT.FLOAT, wDims, wf), tensor('B', DT.FLOAT, [cout], bias));
    nodes.push(node('Conv', ['x', 'W', 'B'], ['y'], attrs));
  } else if (variant === 'qdq') {
    const biasScale = wScale.map((ws) => ws * (4 / 255));
    const bq = new Int32Array(cout).map((_, o) => Math.round((bias[o] ?? 0) / (biasScale[o] ?? 1)));
    init.push(
      s('x_s', 4 / 255),
      zpU8('x_z', 128),
      tensor('Wq', DT.INT8, wDims, wq),
      tensor('W_s', DT.FLOAT, [cout], wScale),
      tensor('W_z', DT.INT8, [cout], new Int8Array(cout)),
      tensor('Bq', DT.INT32, [cout], bq),
      tensor('B_s', DT.FLOAT, [cout], biasScale),
      tensor('B_z', DT.INT32, [cout], new Int32Array(cout)),
      s('y_s', 8 / 255),
      zpU8('y_z', 128),
    );
    nodes.push(
      node('QuantizeLinear', ['x', 'x_s', 'x_z'], ['xq']),
      node('DequantizeLinear', ['xq', 'x_s', 'x_z'], ['xd']),
      node('DequantizeLinear', ['Wq', 'W_s', 'W_z'], ['Wd'], { axis: 0 }),
      node('DequantizeLinear', ['Bq', 'B_s', 'B_z'], ['Bd'], { axis: 0 }),
      node('Conv', ['xd', 'Wd', 'Bd'], ['yf'], attrs),
      node('QuantizeLinear', ['yf', 'y_s', 'y_z'], ['yq']),
      node('DequantizeLinear', ['yq', 'y_s', 'y_z'], ['y']),
    );
  } else if (variant === 'qlinear') {
    const biasScale = wScale.map((ws) => ws * (4 / 255));
    const bq = new Int32Array(cout).map((_, o) => Math.round((bias[o] ?? 0) / (biasScale[o] ?? 1)));
    init.push(
      s('x_s', 4 / 255),
      zpU8('x_z', 128),
      tensor('Wq', DT.INT8, wDims, wq),
      tensor('W_s', DT.FLOAT, [cout], wScale),
      tensor('W_z', DT.INT8, [cout], new Int8Array(cout)),
      tensor('Bq', DT.INT32, [cout], bq),
      s('y_s', 8 / 255),
      zpU8('y_z', 128),
    );
    nodes.push(
      node('QuantizeLinear', ['x', 'x_s', 'x_z'], ['xq']),
      node('QLinearConv', ['xq', 'x_s', 'x_z', 'Wq', 'W_s', 'W_z', 'y_s', 'y_z', 'Bq'], ['yq'], attrs),
      node('DequantizeLinear', ['yq', 'y_s', 'y_z'], ['y']),
    );
  } else {
    // ConvInteger takes one weight zero point per tensor in ORT's CPU kernel: per-tensor uint8 weights.
    let max = 0;
    for (const v of wf) max = Math.max(max, Math.abs(v));
    const ws = max / 127;
    const wu = new Uint8Array(wCount).map((_, i) => Math.round((wf[i] ?? 0) / ws) + 128);
    init.push(
      tensor('Wu', DT.UINT8, wDims, wu),
      zpU8('W_z', 128),
      s('W_s', ws),
      tensor('B', DT.FLOAT, [1, cout, 1, 1], bias),
    );
    nodes.push(
      node('DynamicQuantizeLinear', ['x'], ['xq', 'x_s', 'x_z']),
      node('ConvInteger', ['xq', 'Wu', 'x_z', 'W_z'], ['acc'], attrs),
      node('Cast', ['acc'], ['accf'], { to: DT.FLOAT }),
      node('Mul', ['x_s', 'W_s'], ['s']),
      node('Mul', ['accf', 's'], ['ys']),
      node('Add', ['ys', 'B'], ['y']),
    );
  }
  const graph = create(GraphProtoSchema, {
    name: `${variant}`,
    node: nodes,
    initializer: init,
    input: [valueInfo('x', DT.FLOAT, [1, cin, shape.h, shape.w])],
    output: [valueInfo('y', DT.FLOAT, [1, cout, shape.h, shape.w])],
  });
  return toBinary(
    ModelProtoSchema,
    create(ModelProtoSchema, {
      irVersion: 8n,
      opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: 13n })],
      graph,
    }),
  );
}

const p50 = (ms: number[]): number => {
  const s = [...ms].sort((a, b) => a - b);
  return Math.round((s[Math.floor((s.length - 1) / 2)] ?? NaN) * 100) / 100;
};

async function benchRuntime(ort: Ort, options: OrtSessionOptions) {
  const out: Record<string, Record<string, number | string>> = {};
  for (const shape of SHAPES) {
    const rand = lcg(7);
    const x = new Float32Array(shape.cin * shape.h * shape.w).map(() => Math.max(0, rand() * 4));
    const feeds = { x: new ort.Tensor('float32', x, [1, shape.cin, shape.h, shape.w]) };
    const sessions = new Map<Variant, OrtSession>();
    const times = new Map<Variant, number[]>();
    const errors: Record<string, string> = {};
    for (const v of VARIANTS) {
      try {
        const sess = await ort.InferenceSession.create(buildConv(shape, v), options);
        await sess.run(feeds); // warm-up
        await sess.run(feeds);
        sessions.set(v, sess);
        times.set(v, []);
      } catch (err) {
        errors[v] = String((err as Error).message ?? err).slice(0, 160);
      }
    }
    for (let r = 0; r < runs; r++) {
      // Rotate the order each round so no variant always runs first (caches, thread wake-up).
      const order = [...sessions.keys()];
      for (let i = 0; i < order.length; i++) {
        const v = order[(i + r) % order.length];
        const session = v && sessions.get(v);
        if (!v || !session) continue;
        const t = performance.now();
        await session.run(feeds);
        times.get(v)?.push(performance.now() - t);
      }
    }
    const row: Record<string, number | string> = {};
    const f = p50(times.get('float') ?? []);
    for (const [v, ms] of times) {
      row[`${v}Ms`] = p50(ms);
      if (v !== 'float') row[`${v}/float`] = Math.round((p50(ms) / f) * 100) / 100;
    }
    for (const [v, e] of Object.entries(errors)) row[`${v}Error`] = e;
    out[shape.name] = row;
    for (const s of sessions.values()) await s.release();
  }
  return out;
}

const result: Record<string, unknown> = { bench: 'int8-feasibility', runs };
const ortNode: Ort = await import('onnxruntime-node');
result['node'] = {
  threads: nodeThreads,
  ...(await benchRuntime(ortNode, { intraOpNumThreads: nodeThreads, interOpNumThreads: 1 })),
};
const ortWeb = await import('onnxruntime-web');
ortWeb.env.wasm.numThreads = wasmThreads;
result['wasm'] = {
  threads: wasmThreads,
  ...(await benchRuntime(ortWeb, { executionProviders: ['wasm'] })),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
