/**
 * Float-exact graph simplifications for PP-OCRv4's PP-LCNetV3 blocks, as exported by paddle2onnx, whose
 * elementwise ops cost as much as the convolutions in onnxruntime (each is a full pass over a feature map):
 *   - hardswish written as Mul(x, Clip(Add(x, 3), 0, 6)) / 6 → Mul(x, HardSigmoid(x; 1/6, 1/2));
 *   - a learnable affine Mul(·, s) → Add(·, b) right after a Conv (constant scalar s, b) → folded into
 *     that Conv's weights and bias.
 * Both agree with the original up to float rounding. Pure: the same model gives the same bytes.
 */
import { clone, create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  TensorProto_DataType as DT,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';
import { tensor } from './onnx-export.js';
import { must } from './onnx-quantize.js';

function constValue(t: TensorProto | undefined): Float32Array | undefined {
  if (!t || t.dataType !== DT.FLOAT) return undefined;
  if (t.rawData.length > 0) {
    const copy = t.rawData.slice();
    return new Float32Array(copy.buffer, copy.byteOffset, copy.byteLength / 4);
  }
  return Float32Array.from(t.floatData);
}

export function simplifyLcnet(model: ModelProto): { bytes: Uint8Array; hardswish: number; affine: number } {
  const copy = clone(ModelProtoSchema, model);
  const graph = must(copy.graph, 'graph');
  const consts = new Map<string, TensorProto>();
  for (const t of graph.initializer) consts.set(t.name, t);
  for (const n of graph.node) {
    const t = n.opType === 'Constant' ? n.attribute.find((a) => a.name === 'value')?.t : undefined;
    if (t && n.output[0]) consts.set(n.output[0], t);
  }
  const producer = new Map<string, NodeProto>();
  const consumers = new Map<string, NodeProto[]>();
  for (const n of graph.node) {
    for (const o of n.output) producer.set(o, n);
    for (const i of n.input) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  }
  const outputs = new Set(graph.output.map((o) => o.name));
  const only = (t: string): NodeProto | undefined => {
    const c = consumers.get(t) ?? [];
    return c.length === 1 && !outputs.has(t) ? c[0] : undefined;
  };
  const scalar = (name: string | undefined): number | undefined => {
    const v = constValue(consts.get(name ?? ''));
    return v && v.length === 1 ? v[0] : undefined;
  };
  const removed = new Set<NodeProto>();
  const replaced = new Map<NodeProto, NodeProto[]>();
  let hardswish = 0;
  for (const clip of graph.node) {
    if (clip.opType !== 'Clip') continue;
    const add = producer.get(clip.input[0] ?? '');
    const lo = clip.input[1] ? scalar(clip.input[1]) : clip.attribute.find((a) => a.name === 'min')?.f;
    const hi = clip.input[2] ? scalar(clip.input[2]) : clip.attribute.find((a) => a.name === 'max')?.f;
    if (!add || add.opType !== 'Add' || scalar(add.input[1]) !== 3 || lo !== 0 || hi !== 6) continue;
    const x = must(add.input[0], 'Add input');
    const clipOut = must(clip.output[0], 'Clip output');
    const mul = only(clipOut);
    if (only(add.output[0] ?? '') !== clip || !mul || mul.opType !== 'Mul') continue;
    if (!(mul.input.includes(x) && mul.input.includes(clipOut))) continue;
    const div = only(mul.output[0] ?? '');
    if (!div || div.opType !== 'Div' || div.input[0] !== mul.output[0] || scalar(div.input[1]) !== 6)
      continue;
    const y = must(div.output[0], 'Div output');
    const f = (name: string, v: number) =>
      create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.FLOAT, f: v });
    const hs = create(NodeProtoSchema, {
      opType: 'HardSigmoid',
      input: [x],
      output: [`${y}_hardsigmoid`],
      name: `HardSigmoid_${y}`,
      attribute: [f('alpha', 1 / 6), f('beta', 0.5)],
    });
    const m = create(NodeProtoSchema, {
      opType: 'Mul',
      input: [x, `${y}_hardsigmoid`],
      output: [y],
      name: `Mul_${y}`,
    });
    removed.add(add).add(clip).add(mul);
    replaced.set(div, [hs, m]);
    hardswish += 1;
  }
  let affine = 0;
  for (const conv of graph.node) {
    if (conv.opType !== 'Conv') continue;
    const mul = only(conv.output[0] ?? '');
    if (!mul || mul.opType !== 'Mul') continue;
    const sName = mul.input[0] === conv.output[0] ? mul.input[1] : mul.input[0];
    const s = scalar(sName);
    const add = only(mul.output[0] ?? '');
    if (s === undefined || !add || add.opType !== 'Add' || add.input[0] !== mul.output[0]) continue;
    const b = scalar(add.input[1]);
    const w = constValue(consts.get(conv.input[1] ?? ''));
    if (b === undefined || !w) continue;
    const wt = must(consts.get(conv.input[1] ?? ''), 'Conv weights');
    const cout = Number(wt.dims[0]);
    const bias0 = conv.input[2] ? constValue(consts.get(conv.input[2])) : new Float32Array(cout);
    if (!bias0 || bias0.length !== cout) continue;
    const p = `${add.output[0]}_folded`;
    graph.initializer.push(
      tensor(
        `${p}_w`,
        DT.FLOAT,
        wt.dims.map(Number),
        w.map((v) => v * s),
      ),
      tensor(
        `${p}_b`,
        DT.FLOAT,
        [cout],
        bias0.map((v) => v * s + b),
      ),
    );
    const folded = clone(NodeProtoSchema, conv);
    folded.input = [must(conv.input[0], 'Conv input'), `${p}_w`, `${p}_b`];
    folded.output = [must(add.output[0], 'Add output')];
    replaced.set(conv, [folded]);
    removed.add(mul).add(add);
    affine += 1;
  }
  const nodes = graph.node.flatMap((n) => (removed.has(n) ? [] : (replaced.get(n) ?? [n])));
  const used = new Set(nodes.flatMap((n) => n.input));
  graph.node = nodes.filter((n) => n.opType !== 'Constant' || used.has(n.output[0] ?? ''));
  graph.initializer = graph.initializer.filter((t) => used.has(t.name));
  return { bytes: toBinary(ModelProtoSchema, copy), hardswish, affine };
}
