/**
 * A hand-written multi-task network and its trainer: a shared embedding bag over hashed features, and per
 * head a small MLP (dim → hidden ReLU → classes, softmax). Deterministic from the seed: one PRNG drives
 * initialisation, shuffling and feature dropout, and every loop runs in a fixed order.
 */
import type { HeadParams, NetworkParams } from './onnx-export.js';

/** mulberry32: small, fast, and good enough for shuffling and initialisation. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], rng: () => number): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

export interface Sample {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
  readonly head: number;
  readonly label: number;
  /** Multiplies the loss, e.g. to keep a small task from being drowned by a big one. */
  readonly lossWeight: number;
}

export interface HeadSpec {
  readonly name: string;
  readonly labels: readonly string[];
  readonly hidden: number;
}

export interface TrainOptions {
  readonly seed: number;
  readonly numBuckets: number;
  readonly dim: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly embeddingLearningRate: number;
  /** Probability of dropping each feature of a training sentence: robustness to typos and fragments. */
  readonly featureDropout: number;
  readonly labelSmoothing: number;
  /** Loss multipliers per head (intent, department, sentiment). */
  readonly departmentLossWeight: number;
  readonly sentimentLossWeight: number;
  /** 0: every intent example counts the same; 1: every intent class counts the same. */
  readonly intentBalance: number;
  /** Misspelt copies of each English intent sentence added to training. */
  readonly typoCopies: number;
  readonly log?: (line: string) => void;
}

class Adam {
  readonly m: Float32Array;
  readonly v: Float32Array;
  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

interface Head {
  readonly spec: HeadSpec;
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
  readonly g: { w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: Float32Array };
  readonly opt: { w1: Adam; b1: Adam; w2: Adam; b2: Adam };
}

export class Network {
  readonly embedding: Float32Array;
  readonly heads: Head[];

  constructor(
    readonly numBuckets: number,
    readonly dim: number,
    specs: readonly HeadSpec[],
    rng: () => number,
  ) {
    this.embedding = new Float32Array(numBuckets * dim);
    const scale = 1 / dim;
    for (let i = 0; i < this.embedding.length; i += 1) this.embedding[i] = (rng() * 2 - 1) * scale;
    this.heads = specs.map((spec) => {
      const c = spec.labels.length;
      const h = spec.hidden;
      const xavier = (fanIn: number, fanOut: number, size: number): Float32Array => {
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        return Float32Array.from({ length: size }, () => (rng() * 2 - 1) * limit);
      };
      return {
        spec,
        w1: xavier(dim, h, dim * h),
        b1: new Float32Array(h),
        w2: xavier(h, c, h * c),
        b2: new Float32Array(c),
        g: {
          w1: new Float32Array(dim * h),
          b1: new Float32Array(h),
          w2: new Float32Array(h * c),
          b2: new Float32Array(c),
        },
        opt: { w1: new Adam(dim * h), b1: new Adam(h), w2: new Adam(h * c), b2: new Adam(c) },
      };
    });
  }

  bag(ids: Int32Array, weights: Float32Array): Float32Array {
    const d = this.dim;
    const out = new Float32Array(d);
    for (let i = 0; i < ids.length; i += 1) {
      const row = (ids[i] ?? 0) * d;
      const w = weights[i] ?? 0;
      for (let k = 0; k < d; k += 1) out[k] = (out[k] ?? 0) + w * (this.embedding[row + k] ?? 0);
    }
    return out;
  }

  /** Probabilities of one head; `z1` receives the pre-activation hidden layer when given. */
  headForward(headIndex: number, bag: Float32Array, z1Out?: Float32Array): Float32Array {
    const head = this.heads[headIndex];
    if (head === undefined) throw new Error(`no head ${headIndex}`);
    const d = this.dim;
    const h = head.spec.hidden;
    const c = head.spec.labels.length;
    const z1 = z1Out ?? new Float32Array(h);
    for (let j = 0; j < h; j += 1) {
      let s = head.b1[j] ?? 0;
      for (let k = 0; k < d; k += 1) s += (bag[k] ?? 0) * (head.w1[k * h + j] ?? 0);
      z1[j] = s;
    }
    const logits = new Float32Array(c);
    let max = -Infinity;
    for (let o = 0; o < c; o += 1) {
      let s = head.b2[o] ?? 0;
      for (let j = 0; j < h; j += 1) {
        const a = z1[j] ?? 0;
        if (a > 0) s += a * (head.w2[j * c + o] ?? 0);
      }
      logits[o] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let o = 0; o < c; o += 1) {
      const e = Math.exp((logits[o] ?? 0) - max);
      logits[o] = e;
      sum += e;
    }
    for (let o = 0; o < c; o += 1) logits[o] = (logits[o] ?? 0) / sum;
    return logits;
  }

  predict(headIndex: number, ids: Int32Array, weights: Float32Array): Float32Array {
    return this.headForward(headIndex, this.bag(ids, weights));
  }

  toParams(): NetworkParams {
    const heads: HeadParams[] = this.heads.map((head) => ({
      name: head.spec.name,
      labels: head.spec.labels,
      hidden: head.spec.hidden,
      w1: head.w1,
      b1: head.b1,
      w2: head.w2,
      b2: head.b2,
    }));
    return { numBuckets: this.numBuckets, dim: this.dim, embedding: this.embedding, heads };
  }
}

function adamStep(param: Float32Array, grad: Float32Array, opt: Adam, lr: number, t: number): void {
  const c1 = 1 - BETA1 ** t;
  const c2 = 1 - BETA2 ** t;
  for (let i = 0; i < param.length; i += 1) {
    const g = grad[i] ?? 0;
    const m = BETA1 * (opt.m[i] ?? 0) + (1 - BETA1) * g;
    const v = BETA2 * (opt.v[i] ?? 0) + (1 - BETA2) * g * g;
    opt.m[i] = m;
    opt.v[i] = v;
    param[i] = (param[i] ?? 0) - (lr * (m / c1)) / (Math.sqrt(v / c2) + EPS);
    grad[i] = 0;
  }
}

function dropFeatures(
  sample: Sample,
  p: number,
  rng: () => number,
): { ids: Int32Array; weights: Float32Array } {
  if (p <= 0 || sample.ids.length <= 1) return sample;
  const keep: number[] = [];
  for (let i = 0; i < sample.ids.length; i += 1) if (rng() >= p) keep.push(i);
  if (keep.length === 0) keep.push(Math.floor(rng() * sample.ids.length));
  const ids = new Int32Array(keep.length);
  const weights = new Float32Array(keep.length);
  let total = 0;
  keep.forEach((src, i) => {
    ids[i] = sample.ids[src] ?? 0;
    weights[i] = sample.weights[src] ?? 0;
    total += weights[i] ?? 0;
  });
  for (let i = 0; i < weights.length; i += 1) weights[i] = (weights[i] ?? 0) / total;
  return { ids, weights };
}

export function train(
  specs: readonly HeadSpec[],
  samples: readonly Sample[],
  options: TrainOptions,
): Network {
  const rng = makeRng(options.seed);
  const net = new Network(options.numBuckets, options.dim, specs, rng);
  const d = options.dim;
  const embOpt = new Adam(options.numBuckets * d);
  const order = samples.map((_, i) => i);
  let t = 0;
  const embGrad = new Map<number, Float32Array>();
  const dBag = new Float32Array(d);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, rng);
    // Linear decay to 10 % over the run: large steps early, fine ones at the end.
    const decay = 1 - (0.9 * epoch) / Math.max(1, options.epochs - 1);
    let lossSum = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      for (const index of batch) {
        const sample = samples[index];
        if (sample === undefined) continue;
        const head = net.heads[sample.head];
        if (head === undefined) continue;
        const { ids, weights } = dropFeatures(sample, options.featureDropout, rng);
        const bag = net.bag(ids, weights);
        const h = head.spec.hidden;
        const c = head.spec.labels.length;
        const z1 = new Float32Array(h);
        const probs = net.headForward(sample.head, bag, z1);
        const scale = sample.lossWeight / batch.length;
        const smooth = options.labelSmoothing;
        lossSum -= Math.log(Math.max(1e-12, probs[sample.label] ?? 0)) * sample.lossWeight;
        const dz2 = new Float32Array(c);
        for (let o = 0; o < c; o += 1) {
          const target = (o === sample.label ? 1 - smooth : 0) + smooth / c;
          dz2[o] = ((probs[o] ?? 0) - target) * scale;
        }
        const dz1 = new Float32Array(h);
        for (let j = 0; j < h; j += 1) {
          const a = z1[j] ?? 0;
          if (a <= 0) continue;
          let s = 0;
          for (let o = 0; o < c; o += 1) {
            const g = dz2[o] ?? 0;
            head.g.w2[j * c + o] = (head.g.w2[j * c + o] ?? 0) + a * g;
            s += (head.w2[j * c + o] ?? 0) * g;
          }
          dz1[j] = s;
        }
        for (let o = 0; o < c; o += 1) head.g.b2[o] = (head.g.b2[o] ?? 0) + (dz2[o] ?? 0);
        dBag.fill(0);
        for (let k = 0; k < d; k += 1) {
          const x = bag[k] ?? 0;
          let s = 0;
          for (let j = 0; j < h; j += 1) {
            const g = dz1[j] ?? 0;
            if (g === 0) continue;
            head.g.w1[k * h + j] = (head.g.w1[k * h + j] ?? 0) + x * g;
            s += (head.w1[k * h + j] ?? 0) * g;
          }
          dBag[k] = s;
        }
        for (let j = 0; j < h; j += 1) head.g.b1[j] = (head.g.b1[j] ?? 0) + (dz1[j] ?? 0);
        for (let i = 0; i < ids.length; i += 1) {
          const id = ids[i] ?? 0;
          const w = weights[i] ?? 0;
          let g = embGrad.get(id);
          if (g === undefined) {
            g = new Float32Array(d);
            embGrad.set(id, g);
          }
          for (let k = 0; k < d; k += 1) g[k] = (g[k] ?? 0) + w * (dBag[k] ?? 0);
        }
      }
      t += 1;
      const lr = options.learningRate * decay;
      for (const head of net.heads) {
        adamStep(head.w1, head.g.w1, head.opt.w1, lr, t);
        adamStep(head.b1, head.g.b1, head.opt.b1, lr, t);
        adamStep(head.w2, head.g.w2, head.opt.w2, lr, t);
        adamStep(head.b2, head.g.b2, head.opt.b2, lr, t);
      }
      // Lazy Adam for the embedding: only rows this batch touched move (the others have zero gradient).
      const elr = options.embeddingLearningRate * decay;
      const c1 = 1 - BETA1 ** t;
      const c2 = 1 - BETA2 ** t;
      const touched = [...embGrad.keys()].sort((a, b) => a - b);
      for (const id of touched) {
        const g = embGrad.get(id);
        if (g === undefined) continue;
        const base = id * d;
        for (let k = 0; k < d; k += 1) {
          const gi = g[k] ?? 0;
          const m = BETA1 * (embOpt.m[base + k] ?? 0) + (1 - BETA1) * gi;
          const v = BETA2 * (embOpt.v[base + k] ?? 0) + (1 - BETA2) * gi * gi;
          embOpt.m[base + k] = m;
          embOpt.v[base + k] = v;
          net.embedding[base + k] =
            (net.embedding[base + k] ?? 0) - (elr * (m / c1)) / (Math.sqrt(v / c2) + EPS);
        }
      }
      embGrad.clear();
    }
    options.log?.(`epoch ${epoch + 1}/${options.epochs} loss ${(lossSum / samples.length).toFixed(4)}`);
  }
  return net;
}
