/**
 * Writes the trained network as an ONNX ModelProto with the official ONNX schema (the `onnx-buf`
 * package: onnx.proto compiled by protoc-gen-es for @bufbuild/protobuf).
 *
 * Graph of one network (batch × n features, padding has weight 0):
 *   ids int32 [batch, n] ─Gather(embedding int8 [buckets, dim])─DequantizeLinear(per column)
 *   × weights [batch, n, 1] ─ReduceSum(n)→ bag [batch, dim]
 *   per head: MatMul W1 + b1 → Relu → MatMul W2 + b2 → Softmax → `<head>_probs` [batch, classes]
 * Gather runs before DequantizeLinear so only the rows a sentence uses are dequantised, whether or not
 * the runtime folds constants.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  StringStringEntryProtoSchema,
  TensorProtoSchema,
  TensorProto_DataType,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  AttributeProtoSchema,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from 'onnx-buf';

export const OPSET_VERSION = 17n;
export const IR_VERSION = 8n;

export interface HeadParams {
  readonly name: string;
  readonly labels: readonly string[];
  readonly hidden: number;
  /** [dim, hidden], row-major. */
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  /** [hidden, classes], row-major. */
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

export interface NetworkParams {
  readonly numBuckets: number;
  readonly dim: number;
  /** [numBuckets, dim], row-major. */
  readonly embedding: Float32Array;
  readonly heads: readonly HeadParams[];
}

export interface QuantizedEmbedding {
  readonly values: Int8Array;
  /** One scale per column (embedding dimension). */
  readonly scales: Float32Array;
}

/** Symmetric int8 per column: x ≈ q × scale, q in [-127, 127]. */
export function quantizeEmbedding(
  embedding: Float32Array,
  numBuckets: number,
  dim: number,
): QuantizedEmbedding {
  const scales = new Float32Array(dim);
  for (let d = 0; d < dim; d += 1) {
    let max = 0;
    for (let r = 0; r < numBuckets; r += 1) max = Math.max(max, Math.abs(embedding[r * dim + d] ?? 0));
    scales[d] = max > 0 ? max / 127 : 1;
  }
  const values = new Int8Array(numBuckets * dim);
  for (let r = 0; r < numBuckets; r += 1) {
    for (let d = 0; d < dim; d += 1) {
      const q = Math.round((embedding[r * dim + d] ?? 0) / (scales[d] ?? 1));
      values[r * dim + d] = Math.max(-127, Math.min(127, q));
    }
  }
  return { values, scales };
}

export function tensor(
  name: string,
  dataType: TensorProto_DataType,
  dims: readonly number[],
  raw: ArrayBufferView,
): TensorProto {
  // ONNX raw_data is little-endian; typed arrays are host-endian, which is little-endian on every
  // platform this project targets (x86-64, ARM).
  const bytes = new Uint8Array(raw.byteLength);
  bytes.set(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
  return create(TensorProtoSchema, { name, dataType, dims: dims.map((d) => BigInt(d)), rawData: bytes });
}

export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, number | number[]> = {},
): NodeProto {
  const attribute = Object.entries(attrs).map(([name, value]) =>
    Array.isArray(value)
      ? create(AttributeProtoSchema, {
          name,
          type: AttributeProto_AttributeType.INTS,
          ints: value.map((v) => BigInt(v)),
        })
      : create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i: BigInt(value) }),
  );
  return create(NodeProtoSchema, {
    opType,
    input: inputs,
    output: outputs,
    name: `${opType}_${outputs[0] ?? ''}`,
    attribute,
  });
}

export function valueInfo(
  name: string,
  elemType: TensorProto_DataType,
  dims: ReadonlyArray<number | string>,
): ValueInfoProto {
  const dim = dims.map((d) =>
    typeof d === 'number'
      ? create(TensorShapeProto_DimensionSchema, { value: { case: 'dimValue', value: BigInt(d) } })
      : create(TensorShapeProto_DimensionSchema, { value: { case: 'dimParam', value: d } }),
  );
  const tensorType = create(TypeProto_TensorSchema, {
    elemType,
    shape: create(TensorShapeProtoSchema, { dim }),
  });
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, { value: { case: 'tensorType', value: tensorType } }),
  });
}

/**
 * Several networks may share the inputs: each gets its own embedding bag and heads, and a head's output is
 * the Mean of that head's probabilities over the networks that have it (an ensemble in one file).
 */
export function exportOnnx(networks: readonly NetworkParams[], metadata: Record<string, string>): Uint8Array {
  const F = TensorProto_DataType.FLOAT;
  const initializer: TensorProto[] = [
    tensor('axes_2', TensorProto_DataType.INT64, [1], new BigInt64Array([2n])),
    tensor('axes_1', TensorProto_DataType.INT64, [1], new BigInt64Array([1n])),
  ];
  const nodes: NodeProto[] = [node('Unsqueeze', ['weights', 'axes_2'], ['weights_3d'])];
  const perHead = new Map<string, { classes: number; probs: string[] }>();
  networks.forEach((params, k) => {
    const { numBuckets, dim } = params;
    const m = `m${k}_`;
    const q = quantizeEmbedding(params.embedding, numBuckets, dim);
    initializer.push(
      tensor(`${m}embedding_q`, TensorProto_DataType.INT8, [numBuckets, dim], q.values),
      tensor(`${m}embedding_scale`, F, [dim], q.scales),
      tensor(`${m}embedding_zero_point`, TensorProto_DataType.INT8, [dim], new Int8Array(dim)),
    );
    nodes.push(
      node('Gather', [`${m}embedding_q`, 'ids'], [`${m}rows_q`], { axis: 0 }),
      node(
        'DequantizeLinear',
        [`${m}rows_q`, `${m}embedding_scale`, `${m}embedding_zero_point`],
        [`${m}rows`],
        {
          axis: 2,
        },
      ),
      node('Mul', [`${m}rows`, 'weights_3d'], [`${m}weighted_rows`]),
      node('ReduceSum', [`${m}weighted_rows`, 'axes_1'], [`${m}bag`], { keepdims: 0 }),
    );
    for (const head of params.heads) {
      const h = `${m}${head.name}`;
      const classes = head.labels.length;
      initializer.push(
        tensor(`${h}_w1`, F, [dim, head.hidden], head.w1),
        tensor(`${h}_b1`, F, [head.hidden], head.b1),
        tensor(`${h}_w2`, F, [head.hidden, classes], head.w2),
        tensor(`${h}_b2`, F, [classes], head.b2),
      );
      nodes.push(
        node('MatMul', [`${m}bag`, `${h}_w1`], [`${h}_z1`]),
        node('Add', [`${h}_z1`, `${h}_b1`], [`${h}_z1b`]),
        node('Relu', [`${h}_z1b`], [`${h}_a1`]),
        node('MatMul', [`${h}_a1`, `${h}_w2`], [`${h}_z2`]),
        node('Add', [`${h}_z2`, `${h}_b2`], [`${h}_logits`]),
        node('Softmax', [`${h}_logits`], [`${h}_probs`], { axis: -1 }),
      );
      const entry = perHead.get(head.name) ?? { classes, probs: [] };
      if (entry.classes !== classes)
        throw new Error(`head ${head.name} has different class counts across networks`);
      entry.probs.push(`${h}_probs`);
      perHead.set(head.name, entry);
    }
  });
  const outputs: ValueInfoProto[] = [];
  for (const [name, { classes, probs }] of perHead) {
    nodes.push(node('Mean', probs, [`${name}_probs`]));
    outputs.push(valueInfo(`${name}_probs`, F, ['batch', classes]));
  }
  const graph = create(GraphProtoSchema, {
    name: 'frontdesk_language',
    node: nodes,
    initializer,
    input: [
      valueInfo('ids', TensorProto_DataType.INT32, ['batch', 'n']),
      valueInfo('weights', F, ['batch', 'n']),
    ],
    output: outputs,
  });
  const model = create(ModelProtoSchema, {
    irVersion: IR_VERSION,
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: OPSET_VERSION })],
    producerName: 'frontdesk-models-train',
    producerVersion: '1',
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) =>
      create(StringStringEntryProtoSchema, { key, value }),
    ),
  });
  return toBinary(ModelProtoSchema, model);
}
