/**
 * Trains the intent, department and sentiment heads from models/intent/data/train only and exports one
 * ONNX file plus its manifest. Deterministic from the seed.
 *
 *   npm run -w @frontdesk/models train            # train on all of train/, write the model
 *   npm run -w @frontdesk/models train -- --dev   # hold out 10 % of train/ (by hash), report, write nothing
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPARTMENTS, INTENTS, SENTIMENTS, type Intent } from '../src/taxonomy.js';
import { FEATURIZER_VERSION, featurize, fnv1a32 } from '../src/text/featurize.js';
import type { ModelManifest } from '../src/intent/manifest.js';
import { loadSplit } from './lib/data.js';
import { addTypo, intentLossWeights, isDev } from './lib/intent-data.js';
import { exportOnnx } from './lib/onnx-export.js';
import { writeFormatted } from './lib/write-formatted.js';
import { makeRng, train, type Sample, type TrainOptions } from './lib/network.js';

const MODEL_URL = new URL('../intent/model/', import.meta.url);
export const MODEL_DIR = fileURLToPath(MODEL_URL);
const MODEL_FILE = 'frontdesk-language.onnx';

const HEADS = [
  { name: 'intent', labels: INTENTS, hidden: 96 },
  { name: 'department', labels: DEPARTMENTS, hidden: 64 },
  { name: 'sentiment', labels: SENTIMENTS, hidden: 32 },
] as const;

const DEFAULT_OPTIONS: Omit<TrainOptions, 'log'> = {
  seed: 20261122,
  numBuckets: 1 << 15,
  dim: 48,
  epochs: 14,
  batchSize: 16,
  learningRate: 0.002,
  embeddingLearningRate: 0.01,
  featureDropout: 0.4,
  labelSmoothing: 0.05,
  departmentLossWeight: 2,
  intentBalance: 0,
  typoCopies: 0,
  sentimentLossWeight: 1,
};

/** Service requests with no feeling in them: a sample of them teaches the sentiment head "neutral". */
const NEUTRAL_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  'wayfinding',
  'wifi',
  'parking',
  'hotel.checkin',
  'hotel.checkout',
  'hotel.breakfast',
  'hotel.luggage',
  'hotel.invoice',
  'hotel.facilities',
  'hotel.transport',
  'hospital.registration',
  'hospital.report_pickup',
  'hospital.pharmacy',
  'hospital.payment',
  'hospital.insurance',
  'hospital.visiting_hours',
  'hospital.medical_records',
]);

/** `--set key=value` overrides a training option, for experiments on the dev split. */
function options(): Omit<TrainOptions, 'log'> {
  const out: Record<string, number> = { ...DEFAULT_OPTIONS };
  process.argv.forEach((arg, i) => {
    if (arg !== '--set') return;
    const [key = '', value = ''] = (process.argv[i + 1] ?? '').split('=');
    if (!(key in out)) throw new Error(`unknown option ${key}`);
    out[key] = Number(value);
  });
  return out as unknown as Omit<TrainOptions, 'log'>;
}
const OPTIONS = options();

async function main(): Promise<void> {
  const devMode = process.argv.includes('--dev');
  const started = Date.now();
  const data = loadSplit('train');
  const intentIndex = new Map<string, number>(INTENTS.map((l, i) => [l, i]));
  const deptIndex = new Map<string, number>(DEPARTMENTS.map((l, i) => [l, i]));
  const sentIndex = new Map<string, number>(SENTIMENTS.map((l, i) => [l, i]));
  const trainSamples: Sample[] = [];
  const devSamples: Array<Sample & { text: string; file: string }> = [];
  const push = (file: string, text: string, sample: Sample): void => {
    if (devMode && isDev(file, text)) devSamples.push({ ...sample, text, file });
    else trainSamples.push(sample);
  };
  const counts = { intent: 0, department: 0, sentiment: 0, lexicon: 0, typo: 0 };
  const lexicon = JSON.parse(
    readFileSync(new URL('../intent/lexicon/departments.json', import.meta.url), 'utf8'),
  ) as Record<string, string | { zh: string[]; en: string[] }>;
  // Triage lines outnumber any other intent several times over; without reweighting, hospital.triage
  // becomes the answer to anything unusual. Weight = (mean class size / class size) ^ intentBalance.
  const intentWeight = intentLossWeights(
    data.intents.map((ex) => ex.intent),
    OPTIONS.intentBalance,
  );
  for (const ex of data.intents) {
    const f = featurize(ex.text, OPTIONS.numBuckets);
    push(ex.file, ex.text, {
      ids: f.ids,
      weights: f.weights,
      head: 0,
      label: intentIndex.get(ex.intent) ?? -1,
      lossWeight: intentWeight(ex.intent),
    });
    counts.intent += 1;
    if (ex.department !== null) {
      push(ex.file, ex.text, {
        ids: f.ids,
        weights: f.weights,
        head: 1,
        label: deptIndex.get(ex.department) ?? -1,
        lossWeight: OPTIONS.departmentLossWeight,
      });
      counts.department += 1;
    }
    const derived =
      ex.intent === 'complaint'
        ? 'negative'
        : NEUTRAL_INTENTS.has(ex.intent) && fnv1a32(`neutral|${ex.text}`) % 4 === 0
          ? 'neutral'
          : null;
    if (derived !== null) {
      push(ex.file, ex.text, {
        ids: f.ids,
        weights: f.weights,
        head: 2,
        label: sentIndex.get(derived) ?? -1,
        lossWeight: 0.5 * OPTIONS.sentimentLossWeight,
      });
      counts.sentiment += 1;
    }
  }
  // Typing noise for English lines (one character dropped, doubled or swapped in one word), because
  // people at a kiosk misspell; Chinese slips are homophones, which this cannot fake, so zh is left alone.
  if (OPTIONS.typoCopies > 0) {
    const rng = makeRng(OPTIONS.seed ^ 0x5eed);
    for (const ex of data.intents) {
      if (ex.lang !== 'en' || (devMode && isDev(ex.file, ex.text))) continue;
      for (let c = 0; c < OPTIONS.typoCopies; c += 1) {
        const noisy = addTypo(ex.text, rng);
        if (noisy === ex.text) continue;
        const f = featurize(noisy, OPTIONS.numBuckets);
        trainSamples.push({
          ids: f.ids,
          weights: f.weights,
          head: 0,
          label: intentIndex.get(ex.intent) ?? -1,
          lossWeight: 0.5 * intentWeight(ex.intent),
        });
        counts.typo += 1;
      }
    }
  }
  // Short domain phrases per department (models/intent/lexicon), at half weight: they teach words the
  // data writers used rarely without outweighing real sentences.
  for (const [dept, langs] of Object.entries(lexicon)) {
    if (dept === 'comment' || typeof langs === 'string') continue;
    for (const text of [...langs.zh, ...langs.en]) {
      const f = featurize(text, OPTIONS.numBuckets);
      const base = { ids: f.ids, weights: f.weights };
      trainSamples.push({
        ...base,
        head: 0,
        label: intentIndex.get('hospital.triage') ?? -1,
        lossWeight: 0.5 * intentWeight('hospital.triage'),
      });
      trainSamples.push({
        ...base,
        head: 1,
        label: deptIndex.get(dept) ?? -1,
        lossWeight: 0.5 * OPTIONS.departmentLossWeight,
      });
      counts.lexicon += 1;
    }
  }
  for (const ex of data.sentiments) {
    const f = featurize(ex.text, OPTIONS.numBuckets);
    push(ex.file, ex.text, {
      ids: f.ids,
      weights: f.weights,
      head: 2,
      label: sentIndex.get(ex.sentiment) ?? -1,
      lossWeight: OPTIONS.sentimentLossWeight,
    });
    counts.sentiment += 1;
  }
  if (trainSamples.some((s) => s.label < 0)) throw new Error('a sample has an unknown label');
  console.log(
    `samples: ${JSON.stringify(counts)}; training on ${trainSamples.length}${devMode ? `, dev ${devSamples.length}` : ''}`,
  );

  const net = train(HEADS, trainSamples, { ...OPTIONS, log: (l) => console.log(l) });
  const trainSeconds = (Date.now() - started) / 1000;
  console.log(`trained in ${trainSeconds.toFixed(1)} s`);

  if (devMode) {
    for (const [h, head] of HEADS.entries()) {
      const rows = devSamples.filter((s) => s.head === h);
      let correct = 0;
      const errors: string[] = [];
      for (const s of rows) {
        const p = net.predict(h, s.ids, s.weights);
        let best = 0;
        for (let i = 1; i < p.length; i += 1) if ((p[i] ?? 0) > (p[best] ?? 0)) best = i;
        if (best === s.label) correct += 1;
        else
          errors.push(
            `  ${head.labels[s.label]} → ${head.labels[best]} (${(p[best] ?? 0).toFixed(2)}): ${s.text}`,
          );
      }
      console.log(
        `dev ${head.name}: ${correct}/${rows.length} = ${((100 * correct) / Math.max(1, rows.length)).toFixed(2)} %`,
      );
      if (process.argv.includes('--errors')) console.log(errors.join('\n'));
      if (h === 0) {
        // Like the held-out intent sets, which keep triage sentences apart in test/triage.
        const plain = rows.filter((s) => !s.file.includes('/triage/'));
        const plainOk = plain.filter((s) => {
          const p = net.predict(h, s.ids, s.weights);
          let best = 0;
          for (let i = 1; i < p.length; i += 1) if ((p[i] ?? 0) > (p[best] ?? 0)) best = i;
          return best === s.label;
        }).length;
        console.log(
          `dev intent without triage files: ${((100 * plainOk) / plain.length).toFixed(2)} % of ${plain.length}`,
        );
        // The out-of-scope threshold is chosen here, on dev, never on the held-out sets.
        const oos = INTENTS.indexOf('out_of_scope');
        const emergency = INTENTS.indexOf('emergency');
        const line: string[] = [];
        for (const threshold of [0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6]) {
          let ok = 0;
          for (const s of rows) {
            const p = net.predict(h, s.ids, s.weights);
            let best = 0;
            for (let i = 1; i < p.length; i += 1) if ((p[i] ?? 0) > (p[best] ?? 0)) best = i;
            const pred = (p[best] ?? 0) < threshold && best !== emergency ? oos : best;
            if (pred === s.label) ok += 1;
          }
          line.push(`${threshold}: ${((100 * ok) / rows.length).toFixed(2)}`);
        }
        console.log(`dev intent accuracy by out-of-scope threshold: ${line.join(', ')}`);
      }
    }
    return;
  }

  const onnx = exportOnnx([net.toParams()], {
    featurizer_version: String(FEATURIZER_VERSION),
    num_buckets: String(OPTIONS.numBuckets),
    intent_labels: INTENTS.join(','),
    department_labels: DEPARTMENTS.join(','),
    sentiment_labels: SENTIMENTS.join(','),
  });
  mkdirSync(MODEL_DIR, { recursive: true });
  writeFileSync(join(MODEL_DIR, MODEL_FILE), onnx);
  const manifest: ModelManifest = {
    file: MODEL_FILE,
    featurizerVersion: FEATURIZER_VERSION,
    numBuckets: OPTIONS.numBuckets,
    inputs: { ids: 'ids', weights: 'weights' },
    heads: {
      intent: { output: 'intent_probs', labels: [...INTENTS] },
      department: { output: 'department_probs', labels: [...DEPARTMENTS] },
      sentiment: { output: 'sentiment_probs', labels: [...SENTIMENTS] },
    },
    training: { ...OPTIONS, samples: counts },
  };
  await writeFormatted(new URL('manifest.json', MODEL_URL), JSON.stringify(manifest, null, 2));
  await recordInAssetManifest(onnx);
  console.log(`wrote ${MODEL_FILE} (${onnx.length} bytes) and manifest.json`);
  // Quantisation check: the int8 file in onnxruntime must agree with the float network it came from.
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(onnx);
  let agree = 0;
  const checked = trainSamples.filter((s) => s.head === 0).slice(0, 3000);
  for (const s of checked) {
    const out = await session.run({
      ids: new ort.Tensor('int32', s.ids, [1, s.ids.length]),
      weights: new ort.Tensor('float32', s.weights, [1, s.ids.length]),
    });
    const q = out['intent_probs']?.data as Float32Array;
    const f = net.predict(0, s.ids, s.weights);
    const am = (p: ArrayLike<number>): number => {
      let best = 0;
      for (let i = 1; i < p.length; i += 1) if ((p[i] ?? 0) > (p[best] ?? 0)) best = i;
      return best;
    };
    if (am(q) === am(f)) agree += 1;
  }
  console.log(
    `int8 ONNX agrees with the float network on ${((100 * agree) / checked.length).toFixed(2)} % of ${checked.length} training sentences`,
  );
}

await main();

/** The file's size and hash go into models/manifest.json (entry `intent`), the one list of model files. */
async function recordInAssetManifest(onnx: Uint8Array): Promise<void> {
  const url = new URL('../manifest.json', import.meta.url);
  const json = JSON.parse(readFileSync(url, 'utf8')) as { files: Array<Record<string, unknown>> };
  const entry = json.files.find((f) => f['id'] === 'intent');
  if (!entry) throw new Error('models/manifest.json has no "intent" entry');
  entry['bytes'] = onnx.length;
  entry['sha256'] = createHash('sha256').update(onnx).digest('hex');
  entry['version'] = `featurizer-${FEATURIZER_VERSION}`;
  await writeFormatted(url, JSON.stringify(json, null, 2));
}
