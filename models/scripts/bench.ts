/**
 * Prints JSON: warm single-sentence latency (featurizer + inference, p50/p99) of the intent model in
 * onnxruntime-node and onnxruntime-web (wasm, in Node), and model load time.
 */
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { readCommittedModel } from '../src/intent/node.js';
import { OnnxIntentModel } from '../src/intent/onnx-intent-model.js';
import type { Ort } from '../src/ort/adapter.js';

const SENTENCES = [
  'where is the lift',
  '电梯在哪',
  'wifi密码多少',
  'can I get a late checkout tomorrow',
  '孩子发烧咳嗽挂什么科',
  'the air conditioner in room 1203 shows E4',
];
const WARMUP = 200;
const RUNS = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function bench(
  name: string,
  ort: Ort,
  bytes: Uint8Array,
  manifest: Awaited<ReturnType<typeof readCommittedModel>>['manifest'],
) {
  const t0 = performance.now();
  const model = await OnnxIntentModel.create(ort, bytes, manifest);
  const loadMs = performance.now() - t0;
  for (let i = 0; i < WARMUP; i += 1) await model.classify(SENTENCES[i % SENTENCES.length] ?? '');
  const classifyMs: number[] = [];
  const inferenceMs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const text = SENTENCES[i % SENTENCES.length] ?? '';
    const a = performance.now();
    await model.classify(text);
    classifyMs.push(performance.now() - a);
    const f = model.featurize(text);
    const b = performance.now();
    await model.run(f);
    inferenceMs.push(performance.now() - b);
  }
  await model.close();
  classifyMs.sort((x, y) => x - y);
  inferenceMs.sort((x, y) => x - y);
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    runtime: name,
    loadMs: r(loadMs),
    classifyMs: {
      p50: r(percentile(classifyMs, 50)),
      p99: r(percentile(classifyMs, 99)),
      note: 'featurizer + inference + red-flag rules',
    },
    inferenceOnlyMs: { p50: r(percentile(inferenceMs, 50)), p99: r(percentile(inferenceMs, 99)) },
  };
}

const { manifest, bytes } = await readCommittedModel();
ortWeb.env.wasm.numThreads = 1;
const results = [
  await bench('onnxruntime-node', ortNode, bytes, manifest),
  await bench('onnxruntime-web (wasm, 1 thread)', ortWeb, bytes, manifest),
];
console.log(JSON.stringify({ model: manifest.file, bytes: bytes.length, runs: RUNS, results }, null, 2));
