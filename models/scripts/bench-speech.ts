/**
 * Listening latency, after a warm-up, on the golden fixture audio (looped): Silero VAD ms per 32 ms
 * frame and command spotting (mel + embedding + head + detector) ms per 80 ms step, in
 * onnxruntime-node and onnxruntime-web's wasm backend inside Node (1 thread each, as the kiosk's worker
 * runs it). Prints one JSON object; `realTimeFactor` is compute time / audio time (far below 1 is the
 * target).
 *
 *   npx tsx models/scripts/bench-speech.ts [--steps 300]
 */
import { readFileSync } from 'node:fs';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { decodeWav } from '../src/audio/wav.js';
import { onnxFeatureModels, STEP_MS, STEP_SAMPLES } from '../src/commands/features.js';
import { onnxCommandHead } from '../src/commands/head.js';
import { CommandSpotter } from '../src/commands/spotter.js';
import type { DetectorConfig } from '../src/commands/detector.js';
import { speechModelPaths } from '../src/speech-node.js';
import type { Ort, OrtSessionOptions } from '../src/ort/adapter.js';
import { SILERO_FRAME_SAMPLES, SileroVad } from '../src/vad/silero.js';

const i = process.argv.indexOf('--steps');
const STEPS = i >= 0 ? Math.max(10, Number(process.argv[i + 1])) : 300;
const WARMUP = 30;

const paths = speechModelPaths();
const manifest = JSON.parse(
  readFileSync(new URL('../commands/model/manifest.json', import.meta.url), 'utf8'),
) as { detector: DetectorConfig };
const audio = decodeWav(
  readFileSync(new URL('../commands/fixtures/talk-to-person.zh.wav', import.meta.url)),
).samples;

function looped(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let k = 0; k < n; k += 1) out[k] = audio[k % audio.length] ?? 0;
  return out;
}

function stats(ms: number[], audioMs: number) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: r(at(50)), p95: r(at(95)), realTimeFactor: r(at(50) / audioMs), runs: ms.length };
}

async function bench(name: string, ort: Ort, options: OrtSessionOptions) {
  const vad = await SileroVad.create(ort, readFileSync(paths.vad), options);
  const frames = looped((STEPS + WARMUP) * SILERO_FRAME_SAMPLES);
  const vadMs: number[] = [];
  for (let k = 0; k < STEPS + WARMUP; k += 1) {
    const f = frames.subarray(k * SILERO_FRAME_SAMPLES, (k + 1) * SILERO_FRAME_SAMPLES);
    const t = performance.now();
    await vad.probability(f);
    if (k >= WARMUP) vadMs.push(performance.now() - t);
  }
  await vad.close();

  const features = await onnxFeatureModels(
    ort,
    readFileSync(paths.mel),
    readFileSync(paths.embedding),
    options,
  );
  const head = await onnxCommandHead(ort, readFileSync(paths.commands), options);
  const spotter = new CommandSpotter(features, head.head, manifest.detector);
  // The first 24 steps have no head window yet: warm up past them so every timed step runs the head.
  const steps = looped((STEPS + WARMUP + 25) * STEP_SAMPLES);
  const stepMs: number[] = [];
  for (let k = 0; k < STEPS + WARMUP + 25; k += 1) {
    const chunk = steps.subarray(k * STEP_SAMPLES, (k + 1) * STEP_SAMPLES);
    const t = performance.now();
    await spotter.push(chunk);
    if (k >= WARMUP + 25) stepMs.push(performance.now() - t);
  }
  await features.close();
  await head.close();
  return {
    runtime: name,
    vadMsPerFrame: { ...stats(vadMs, 32), frameMs: 32 },
    commandMsPerStep: {
      ...stats(stepMs, STEP_MS),
      stepMs: STEP_MS,
      note: 'mel + embedding + head + detector',
    },
  };
}

ortWeb.env.wasm.numThreads = 1;
const single = { intraOpNumThreads: 1, interOpNumThreads: 1 };
const results = [
  await bench('onnxruntime-node (1 thread)', ortNode, single),
  await bench('onnxruntime-web (wasm, 1 thread)', ortWeb, {}),
];
console.log(JSON.stringify({ bench: 'listening', steps: STEPS, results }, null, 2));
