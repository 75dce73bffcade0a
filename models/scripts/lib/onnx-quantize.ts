/**
 * Static QDQ int8 quantization of an ONNX model's convolutions, written with `onnx-buf` (there is no
 * Python onnxruntime here). For each chosen Conv:
 *   x ─Q(u8, calibrated)─DQ─┐
 *   W int8 per output channel, symmetric ─DQ(axis 0)─Conv─Q(u8, calibrated)─DQ─ y
 *   B int32, scale x_scale × W_scale ─DQ─┘
 * which onnxruntime's graph optimiser fuses into QLinearConv at load. Q/DQ are the `com.microsoft`
 * contrib ops: they take `axis` (per-channel weights) whatever the model's opset (PP-OCRv4 rec is opset 9,
 * before QuantizeLinear existed; per-axis ONNX Q/DQ needs opset 13), and ORT's QDQ fusions accept them.
 * Pure functions of their inputs: the same model and ranges give the same bytes.
 */
import { clone, create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  ModelProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType as DT,
  AttributeProtoSchema,
  AttributeProto_AttributeType,
  NodeProtoSchema,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';
import { tensor, valueInfo } from './onnx-export.js';

const MS = 'com.microsoft';

/** `value`, or an error naming what was missing (lint forbids `!`; a malformed model must fail loudly). */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`ONNX model: no ${what}`);
  return value;
}

export interface ConvInfo {
  /** Index among the graph's Conv nodes, in graph order. */
  readonly index: number;
  readonly input: string;
  readonly output: string;
  readonly weightDims: readonly number[];
  readonly group: number;
}

/** Min and max seen for a tensor during calibration. */
export type Ranges = ReadonlyMap<string, { readonly min: number; readonly max: number }>;

export const parseModel = (bytes: Uint8Array): ModelProto => fromBinary(ModelProtoSchema, bytes);

function constantTensors(model: ModelProto): Map<string, TensorProto> {
  const out = new Map<string, TensorProto>();
  for (const t of model.graph?.initializer ?? []) out.set(t.name, t);
  for (const n of model.graph?.node ?? []) {
    const t = n.opType === 'Constant' ? n.attribute.find((a) => a.name === 'value')?.t : undefined;
    if (t && n.output[0]) out.set(n.output[0], t);
  }
  return out;
}

function floats(t: TensorProto): Float32Array {
  if (t.dataType !== DT.FLOAT) throw new Error(`tensor ${t.name} is not float`);
  if (t.rawData.length > 0) {
    const copy = t.rawData.slice();
    return new Float32Array(copy.buffer, copy.byteOffset, copy.byteLength / 4);
  }
  return Float32Array.from(t.floatData);
}

/** The Conv nodes whose weights are constants: the candidates for int8. */
export function convs(model: ModelProto): ConvInfo[] {
  const consts = constantTensors(model);
  const out: ConvInfo[] = [];
  let index = 0;
  for (const n of model.graph?.node ?? []) {
    if (n.opType !== 'Conv') continue;
    const w = consts.get(n.input[1] ?? '');
    const group = Number(n.attribute.find((a) => a.name === 'group')?.i ?? 1n);
    if (w && n.input[0] && n.output[0]) {
      out.push({
        index,
        input: n.input[0],
        output: n.output[0],
        weightDims: w.dims.map(Number),
        group,
      });
    }
    index += 1;
  }
  return out;
}

/** The model with `names` added as float outputs, to read their ranges while calibrating. */
export function withOutputs(model: ModelProto, names: readonly string[]): Uint8Array {
  const copy = clone(ModelProtoSchema, model);
  const graph = must(copy.graph, 'graph');
  const have = new Set(graph.output.map((o) => o.name));
  for (const name of names) if (!have.has(name)) graph.output.push(valueInfo(name, DT.FLOAT, []));
  // valueInfo with [] would claim a scalar; drop the shape so the runtime infers it.
  for (const o of graph.output) {
    if (!have.has(o.name) && o.type?.value.case === 'tensorType') o.type.value.value.shape = undefined;
  }
  return toBinary(ModelProtoSchema, copy);
}

/** uint8 asymmetric scale and zero point covering [min, max] and 0 (so zero padding is exact). */
export function activationQuant(range: { min: number; max: number }): { scale: number; zeroPoint: number } {
  const min = Math.min(0, range.min);
  const max = Math.max(0, range.max);
  const scale = max > min ? (max - min) / 255 : 1;
  const zeroPoint = Math.max(0, Math.min(255, Math.round(-min / scale)));
  return { scale: Math.fround(scale), zeroPoint };
}

/**
 * int8 symmetric per output channel (`weights` is [channels, ...] row-major): w ≈ q × scale[channel],
 * q in [-127, 127] (not -128, so the range is symmetric), zero point 0. An all-zero channel gets scale 1.
 */
export function weightQuant(
  weights: Float32Array,
  channels: number,
): { values: Int8Array; scales: Float32Array } {
  const per = weights.length / channels;
  const scales = new Float32Array(channels);
  const values = new Int8Array(weights.length);
  for (let o = 0; o < channels; o++) {
    let max = 0;
    for (let i = 0; i < per; i++) max = Math.max(max, Math.abs(weights[o * per + i] ?? 0));
    scales[o] = max > 0 ? max / 127 : 1;
    for (let i = 0; i < per; i++) {
      values[o * per + i] = Math.max(
        -127,
        Math.min(127, Math.round((weights[o * per + i] ?? 0) / (scales[o] ?? 1))),
      );
    }
  }
  return { values, scales };
}

/** int32 bias at scale input scale × weight scale per channel, as QLinearConv requires. */
export function biasQuant(
  bias: Float32Array,
  weightScales: Float32Array,
  inputScale: number,
): { values: Int32Array; scales: Float32Array } {
  const scales = weightScales.map((s) => Math.fround(s * inputScale));
  const values = new Int32Array(weightScales.length).map((_, o) =>
    Math.round((bias[o] ?? 0) / (scales[o] ?? 1)),
  );
  return { values, scales };
}

function msNode(op: string, inputs: string[], outputs: string[], axis?: number): NodeProto {
  return create(NodeProtoSchema, {
    opType: op,
    domain: MS,
    input: inputs,
    output: outputs,
    name: `${op}_${outputs[0] ?? ''}`,
    attribute:
      axis === undefined
        ? []
        : [
            create(AttributeProtoSchema, {
              name: 'axis',
              type: AttributeProto_AttributeType.INT,
              i: BigInt(axis),
            }),
          ],
  });
}

/**
 * Opset 9 → 10 for the ops PP-OCRv4 rec uses: only Slice changed (starts/ends/axes moved from attributes
 * to inputs). QLinearConv, which ORT fuses the QDQ Conv into, exists from opset 10. Fails on any other
 * op that changed between 9 and 10, so a different model cannot be silently mis-converted.
 */
export function upgradeOpset9To10(model: ModelProto): ModelProto {
  const copy = clone(ModelProtoSchema, model);
  const onnx = copy.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (!onnx || onnx.version >= 10n) return copy;
  if (onnx.version !== 9n) throw new Error(`opset ${onnx.version} is not 9`);
  const graph = must(copy.graph, 'graph');
  const changed = new Set(['Upsample', 'Dropout', 'TopK', 'MaxPool', 'AveragePool', 'Resize']);
  for (const n of graph.node) {
    if (changed.has(n.opType) && n.opType !== 'AveragePool') throw new Error(`cannot upgrade ${n.opType}`);
    if (n.opType !== 'Slice') continue;
    const ints = (name: string) => n.attribute.find((a) => a.name === name)?.ints;
    const starts = ints('starts');
    const ends = ints('ends');
    const axes = ints('axes');
    if (!starts || !ends) throw new Error(`Slice ${n.name} has no starts/ends`);
    const p = `${n.output[0]}_slice`;
    const i64 = (name: string, v: bigint[]) => tensor(name, DT.INT64, [v.length], new BigInt64Array(v));
    graph.initializer.push(i64(`${p}_starts`, starts), i64(`${p}_ends`, ends));
    n.input = [must(n.input[0], 'Slice input'), `${p}_starts`, `${p}_ends`];
    if (axes) {
      graph.initializer.push(i64(`${p}_axes`, axes));
      n.input.push(`${p}_axes`);
    }
    n.attribute = [];
  }
  onnx.version = 10n;
  return copy;
}

/**
 * Quantizes the Conv nodes whose index is in `which` (see `convs`), with activation ranges from
 * calibration. Everything else stays float. Returns the new model's bytes.
 */
export function quantizeConvs(model: ModelProto, which: ReadonlySet<number>, ranges: Ranges): Uint8Array {
  const copy = upgradeOpset9To10(model);
  const graph = must(copy.graph, 'graph');
  const consts = constantTensors(copy);
  const targets = new Set(
    convs(copy)
      .filter((c) => which.has(c.index))
      .map((c) => c.index),
  );
  const qparams = new Map<string, { scale: number; zeroPoint: number }>();
  const added: TensorProto[] = [];
  const dequantized = new Map<string, string>(); // activation → its DQ(Q(x)) name
  const rangeOf = (name: string) => {
    const r = ranges.get(name);
    if (!r) throw new Error(`no calibration range for ${name}`);
    return r;
  };
  const qp = (name: string) => {
    let p = qparams.get(name);
    if (!p) {
      p = activationQuant(rangeOf(name));
      qparams.set(name, p);
      added.push(
        tensor(`${name}_q_scale`, DT.FLOAT, [], new Float32Array([p.scale])),
        tensor(`${name}_q_zero`, DT.UINT8, [], new Uint8Array([p.zeroPoint])),
      );
    }
    return p;
  };
  const nodes: NodeProto[] = [];
  let convIndex = -1;
  for (const n of graph.node) {
    if (n.opType !== 'Conv') {
      nodes.push(n);
      continue;
    }
    convIndex += 1;
    if (!targets.has(convIndex)) {
      nodes.push(n);
      continue;
    }
    const [x, wName, bName] = n.input as [string, string, string | undefined];
    const y = must(n.output[0], 'Conv output');
    const w = must(consts.get(wName), `weights ${wName}`);
    const wDims = w.dims.map(Number);
    const wf = floats(w);
    const cout = must(wDims[0], 'weight dims');
    const { values: wq, scales: wScale } = weightQuant(wf, cout);
    const p = `conv${convIndex}`;
    const xp = qp(x);
    // A tensor another quantized Conv wrote is already DQ(Q(..)): reuse its Q rather than add a second.
    let xd = dequantized.get(x);
    if (!xd) {
      xd = `${x}_dq`;
      dequantized.set(x, xd);
      nodes.push(
        msNode('QuantizeLinear', [x, `${x}_q_scale`, `${x}_q_zero`], [`${x}_q`]),
        msNode('DequantizeLinear', [`${x}_q`, `${x}_q_scale`, `${x}_q_zero`], [xd]),
      );
    }
    added.push(
      tensor(`${p}_w_q`, DT.INT8, wDims, wq),
      tensor(`${p}_w_scale`, DT.FLOAT, [cout], wScale),
      tensor(`${p}_w_zero`, DT.INT8, [cout], new Int8Array(cout)),
    );
    const convInputs = [xd, `${p}_w_dq`];
    nodes.push(msNode('DequantizeLinear', [`${p}_w_q`, `${p}_w_scale`, `${p}_w_zero`], [`${p}_w_dq`], 0));
    if (bName) {
      const bf = floats(must(consts.get(bName), `bias ${bName}`));
      const { values: bq, scales: bScale } = biasQuant(bf, wScale, xp.scale);
      added.push(
        tensor(`${p}_b_q`, DT.INT32, [cout], bq),
        tensor(`${p}_b_scale`, DT.FLOAT, [cout], bScale),
        tensor(`${p}_b_zero`, DT.INT32, [cout], new Int32Array(cout)),
      );
      nodes.push(msNode('DequantizeLinear', [`${p}_b_q`, `${p}_b_scale`, `${p}_b_zero`], [`${p}_b_dq`], 0));
      convInputs.push(`${p}_b_dq`);
    }
    const conv = clone(NodeProtoSchema, n);
    conv.input = convInputs;
    conv.output = [`${y}_f`];
    nodes.push(conv);
    qp(y);
    nodes.push(
      msNode('QuantizeLinear', [`${y}_f`, `${y}_q_scale`, `${y}_q_zero`], [`${y}_q`]),
      msNode('DequantizeLinear', [`${y}_q`, `${y}_q_scale`, `${y}_q_zero`], [y]),
    );
    dequantized.set(y, y);
  }
  // Drop Constant nodes nothing reads any more (the float weights just replaced).
  const used = new Set(nodes.flatMap((n) => n.input));
  for (const o of graph.output) used.add(o.name);
  graph.node = nodes.filter((n) => n.opType !== 'Constant' || used.has(n.output[0] ?? ''));
  graph.initializer = [...graph.initializer.filter((t) => used.has(t.name)), ...added];
  if (!copy.opsetImport.some((o) => o.domain === MS)) {
    copy.opsetImport.push(create(OperatorSetIdProtoSchema, { domain: MS, version: 1n }));
  }
  return toBinary(ModelProtoSchema, copy);
}
