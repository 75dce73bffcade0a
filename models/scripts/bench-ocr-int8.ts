/**
 * Float vs int8 PP-OCRv4, interleaved A/B in one process (round-robin per fixture, so machine load
 * hits every variant alike): ms p50 per fixture after warm-up, in onnxruntime-web's wasm backend inside
 * Node and in onnxruntime-node; and, for every variant, whether each golden fixture still reads its
 * expected text, codes and fields (and the exact same lines as the float models). Prints one JSON object.
 *
 *   npx tsx models/scripts/bench-ocr-int8.ts --det <file.onnx> --rec <file.onnx> [--label int8]
 *       [--runs 7] [--model-runs 15] [--warmup 1] [--wasm-threads 2] [--node-threads 2]
 *       [--no-node] [--no-wasm] [--models-only]
 *
 * Variants: float (npm det + rec), det-int8 (int8 det, float rec), rec-int8 (float det, int8 rec), int8
 * (both); `--label` renames the candidate (the same A/B serves a float rewrite of the models).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import type { FloatTensor, OcrEngine, OcrLine } from '../src/ocr/engine.js';
import { extractFaultCodes, extractIdFields, normaliseOcrText, type IdFields } from '../src/ocr/extract.js';
import { onnxModels } from '../src/ocr/onnx.js';
import type { Ort, OrtSessionOptions } from '../src/ort/adapter.js';
import { must } from './lib/onnx-quantize.js';
import {
  FIXTURES_DIR,
  engineOver,
  fixtureImages,
  floatModelBytes,
  type OcrModel,
} from './lib/ocr-calibration.js';

function opt(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function num(name: string, fallback: number): number {
  const v = Number(opt(name) ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
}
const runs = Math.max(1, num('runs', 7));
/** Rounds of the model-level A/B; `--models-only` skips whole recognitions and their golden checks. */
const modelRuns = Math.max(1, num('model-runs', 15));
const wholeRuns = !process.argv.includes('--models-only');
const warmup = num('warmup', 1);
const wasmThreads = Math.max(1, num('wasm-threads', 2));
const nodeThreads = Math.max(1, num('node-threads', 2));
const detInt8 = opt('det');
const recInt8 = opt('rec');
if (!detInt8 || !recInt8) throw new Error('--det and --rec are required');
/** What the candidate models are called in the output (`int8`, or e.g. `simple` for a float rewrite). */
const label = opt('label') ?? 'int8';

const modelOver = (ort: Ort, bytes: Uint8Array, options: OrtSessionOptions) =>
  onnxModels(ort, async () => bytes, options)('det');

const float = { det: floatModelBytes('det'), rec: floatModelBytes('rec') };
const int8 = { det: new Uint8Array(readFileSync(detInt8)), rec: new Uint8Array(readFileSync(recInt8)) };
const VARIANTS: Record<string, Record<OcrModel, Uint8Array>> = {
  float,
  [`det-${label}`]: { det: int8.det, rec: float.rec },
  [`rec-${label}`]: { det: float.det, rec: int8.rec },
  [label]: int8,
};

interface Fixture {
  image: string;
  lines: string[];
  faultCodes: string[];
  knownCodes?: string[];
  knownFaultCodes?: string[];
  idFields: IdFields;
}
const TODAY = new Date('2026-01-01T00:00:00Z');
const squash = (s: string): string => normaliseOcrText(s).replace(/\s/g, '');
const sameFields = (a: IdFields, b: IdFields): boolean =>
  JSON.stringify({ ...a, name: a.name && squash(a.name) }) ===
  JSON.stringify({ ...b, name: b.name && squash(b.name) });

/** The same checks as src/ocr/fixtures.test.ts; returns what failed (empty when the golden holds). */
function goldenFailures(fixture: Fixture, lines: OcrLine[]): string[] {
  const text = lines.map((l) => l.text).join('\n');
  const fails: string[] = [];
  if (fixture.lines.length === 0 && lines.length > 0) fails.push(`read ${lines.length} lines, expected none`);
  for (const e of fixture.lines) if (!squash(text).includes(squash(e))) fails.push(`missing "${e}"`);
  for (const l of lines) if (l.score < 0.5) fails.push(`score ${l.score.toFixed(2)} < 0.5`);
  if (JSON.stringify(extractFaultCodes(text)) !== JSON.stringify(fixture.faultCodes))
    fails.push('fault codes differ');
  if (
    fixture.knownCodes &&
    JSON.stringify(extractFaultCodes(text, fixture.knownCodes)) !== JSON.stringify(fixture.knownFaultCodes)
  )
    fails.push('known fault codes differ');
  if (!sameFields(extractIdFields(text, TODAY), fixture.idFields)) fails.push('id fields differ');
  return fails;
}

const p50 = (ms: number[]): number => {
  const s = [...ms].sort((a, b) => a - b);
  return Math.round((s[Math.floor((s.length - 1) / 2)] ?? NaN) * 10) / 10;
};

async function benchRuntime(ort: Ort, sessionOptions: OrtSessionOptions) {
  const images = await fixtureImages();
  const goldens = new Map(
    images.map(([f]) => {
      const json = f.replace(/\.(png|jpe?g)$/, '.json');
      return [f, JSON.parse(readFileSync(join(FIXTURES_DIR, json), 'utf8')) as Fixture];
    }),
  );
  const engines = new Map<string, OcrEngine>();
  const timing = new Map<string, Record<OcrModel, number>>();
  for (const [v, bytes] of Object.entries(VARIANTS)) {
    const t = { det: 0, rec: 0 };
    timing.set(v, t);
    engines.set(v, await engineOver(ort, bytes, sessionOptions, undefined, t));
  }
  const names = [...engines.keys()];
  const perFixture: Record<string, Record<string, unknown>> = {};
  const golden: Record<string, Record<string, string[] | 'ok'>> = {};
  const sameAsFloat: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  const differences: Record<string, Record<string, Record<string, string[]>>> = {};
  for (const [file, img] of images) {
    const times = new Map<string, number[]>(names.map((n) => [n, []]));
    const detMs = new Map<string, number[]>(names.map((n) => [n, []]));
    const recMs = new Map<string, number[]>(names.map((n) => [n, []]));
    const texts = new Map<string, string>();
    for (const n of names) {
      const lines = await must(engines.get(n), `engines ${n}`).recognize(img);
      texts.set(n, lines.map((l) => l.text).join('\n'));
      const fails = goldenFailures(must(goldens.get(file), `goldens ${file}`), lines);
      (golden[n] ??= {})[file] = fails.length === 0 ? 'ok' : fails;
      if (texts.get(n) === texts.get('float')) sameAsFloat[n]?.push(file);
      else {
        const a = must(texts.get('float'), 'float text').split('\n');
        const b = must(texts.get(n), `texts ${n}`).split('\n');
        (differences[n] ??= {})[file] = {
          float: a.filter((l) => !b.includes(l)),
          [label]: b.filter((l) => !a.includes(l)),
        };
      }
      for (let i = 1; i < warmup; i++) await must(engines.get(n), `engines ${n}`).recognize(img);
    }
    for (let r = 0; r < runs; r++) {
      for (let i = 0; i < names.length; i++) {
        const n = must(names[(i + r) % names.length], 'variant');
        const split = must(timing.get(n), `timing ${n}`);
        split.det = 0;
        split.rec = 0;
        const t = performance.now();
        await must(engines.get(n), `engines ${n}`).recognize(img);
        must(times.get(n), `times ${n}`).push(performance.now() - t);
        must(detMs.get(n), `detMs ${n}`).push(split.det);
        must(recMs.get(n), `recMs ${n}`).push(split.rec);
      }
    }
    const row: Record<string, unknown> = { size: `${img.width}x${img.height}` };
    const f = p50(must(times.get('float'), `times ${'float'}`));
    for (const n of names) {
      row[`${n}Ms`] = p50(must(times.get(n), `times ${n}`));
      row[`${n}DetRecMs`] = [p50(must(detMs.get(n), `detMs ${n}`)), p50(must(recMs.get(n), `recMs ${n}`))];
      if (n !== 'float')
        row[`${n}/float`] = Math.round((p50(must(times.get(n), `times ${n}`)) / f) * 100) / 100;
    }
    perFixture[file] = row;
  }
  for (const e of engines.values()) await e.close();
  const totals: Record<string, number> = {};
  for (const n of names) {
    totals[`${n}SumOfP50Ms`] = Math.round(
      Object.values(perFixture).reduce((s, row) => s + (row[`${n}Ms`] as number), 0),
    );
  }
  return { totals, perFixture, golden, sameTextAsFloat: sameAsFloat, differences };
}

/**
 * Model-level A/B on the id card (the slow case): the det input and the rec line inputs the
 * float engine gives the models, fed straight to float and int8 sessions alternately. Less noisy than
 * whole recognitions: no pre/post-processing, and both sides see the same inputs.
 */
async function benchModels(ort: Ort, sessionOptions: OrtSessionOptions) {
  const [, img] = must(
    (await fixtureImages()).find(([f]) => f === 'id-card.png'),
    'id-card.png fixture',
  );
  const record: Record<OcrModel, FloatTensor[]> = { det: [], rec: [] };
  const recorder = await engineOver(ort, float, sessionOptions, record);
  await recorder.recognize(img);
  await recorder.close();
  const out: Record<string, unknown> = {};
  for (const m of ['det', 'rec'] as const) {
    const models = {
      float: await modelOver(ort, float[m], sessionOptions),
      int8: await modelOver(ort, int8[m], sessionOptions),
    };
    const ms: Record<'float' | 'int8', number[]> = { float: [], int8: [] };
    const pass = async (k: 'float' | 'int8') => {
      const t = performance.now();
      for (const input of record[m]) await models[k].run(input);
      return performance.now() - t;
    };
    for (let i = 0; i < warmup; i++) for (const k of ['float', 'int8'] as const) await pass(k);
    for (let r = 0; r < modelRuns; r++) {
      const order = r % 2 === 0 ? (['float', 'int8'] as const) : (['int8', 'float'] as const);
      for (const k of order) ms[k].push(await pass(k));
    }
    out[m] = {
      inputs: record[m].map((t) => t.dims.join('x')),
      floatMs: p50(ms.float),
      [`${label}Ms`]: p50(ms.int8),
      [`${label}/float`]: Math.round((p50(ms.int8) / p50(ms.float)) * 100) / 100,
    };
    await models.float.close();
    await models.int8.close();
  }
  return out;
}

const result: Record<string, unknown> = {
  bench: 'ocr-int8',
  runs,
  warmup,
  label,
  models: { det: detInt8, rec: recInt8, detBytes: int8.det.length, recBytes: int8.rec.length },
};
if (!process.argv.includes('--no-wasm')) {
  const ortWeb = await import('onnxruntime-web');
  ortWeb.env.wasm.numThreads = wasmThreads;
  result['wasm'] = {
    runtime: 'onnxruntime-web 1.30.0 wasm, in Node',
    threads: wasmThreads,
    idCardModels: await benchModels(ortWeb, { executionProviders: ['wasm'] }),
    ...(wholeRuns ? await benchRuntime(ortWeb, { executionProviders: ['wasm'] }) : {}),
  };
}
const nodeOptions = { intraOpNumThreads: nodeThreads, interOpNumThreads: 1 };
if (!process.argv.includes('--no-node')) {
  result['node'] = {
    runtime: 'onnxruntime-node 1.30.0',
    threads: nodeThreads,
    idCardModels: await benchModels(ortNode, nodeOptions),
    ...(wholeRuns ? await benchRuntime(ortNode, nodeOptions) : {}),
  };
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
