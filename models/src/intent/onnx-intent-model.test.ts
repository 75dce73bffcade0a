import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENTS, INTENTS, SENTIMENTS, type Department, type Intent } from '../taxonomy.js';
import { featurize } from '../text/featurize.js';
import type { ModelManifest } from './manifest.js';
import { findAsset } from '../assets/asset-manifest.js';
import { readAssetManifest } from '../assets/node.js';
import { COMMITTED_MODEL_DIR, loadNodeIntentModel, readCommittedModel } from './node.js';
import { DEFAULT_THRESHOLDS, decide, type OnnxIntentModel, type RawOutputs } from './onnx-intent-model.js';

const golden = JSON.parse(
  readFileSync(new URL('golden.json', COMMITTED_MODEL_DIR.href.replace(/model\/$/, '')), 'utf8'),
) as {
  intents: Array<{ text: string; intent: Intent }>;
  triage: Array<{ text: string; department: Department }>;
};

describe('the committed ONNX file', () => {
  it('matches the asset manifest, stays under 2 MB and declares the inputs and outputs the code uses', async () => {
    const { manifest, bytes } = await readCommittedModel();
    const entry = findAsset(readAssetManifest(), 'intent');
    expect(entry?.file).toBe(manifest.file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry?.sha256);
    expect(bytes.length).toBe(entry?.bytes);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    expect(manifest.heads.intent.labels).toEqual(INTENTS);
    expect(manifest.heads.department.labels).toEqual(DEPARTMENTS);
    expect(manifest.heads.sentiment.labels).toEqual(SENTIMENTS);
    const session = await ort.InferenceSession.create(bytes);
    expect([...session.inputNames].sort()).toEqual(['ids', 'weights']);
    expect([...session.outputNames].sort()).toEqual(['department_probs', 'intent_probs', 'sentiment_probs']);
    const f = featurize('where is the lift', manifest.numBuckets);
    const out = await session.run({
      ids: new ort.Tensor('int32', f.ids, [1, f.ids.length]),
      weights: new ort.Tensor('float32', f.weights, [1, f.ids.length]),
    });
    expect(out['intent_probs']?.dims).toEqual([1, INTENTS.length]);
    expect(out['department_probs']?.dims).toEqual([1, DEPARTMENTS.length]);
    expect(out['sentiment_probs']?.dims).toEqual([1, SENTIMENTS.length]);
    const sum = Array.from(out['intent_probs']?.data as Float32Array).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 5);
    await session.release();
  });
});

describe('OnnxIntentModel on onnxruntime-node', () => {
  let model: OnnxIntentModel;
  beforeAll(async () => {
    model = await loadNodeIntentModel();
  });
  afterAll(async () => {
    await model.close();
  });

  it.each(golden.intents)('golden: $text → $intent', async ({ text, intent }) => {
    expect((await model.classify(text)).intent).toBe(intent);
  });

  it.each(golden.triage)('golden triage: $text → $department', async ({ text, department }) => {
    expect((await model.classify(text, { site: 'hospital' })).department).toBe(department);
  });

  it('says out_of_scope for gibberish and for text without letters', async () => {
    for (const text of ['asdkjh qwpoeiru zmxncb', '?!?!', '12345'])
      expect((await model.classify(text)).intent).toBe('out_of_scope');
  });

  it('returns ranked alternatives that are probabilities', async () => {
    const p = await model.classify('wifi password', { topK: 5 });
    expect(p.topK).toHaveLength(5);
    for (let i = 1; i < p.topK.length; i += 1)
      expect(p.topK[i - 1]?.probability).toBeGreaterThanOrEqual(p.topK[i]?.probability ?? 0);
    expect(p.confidence).toBeGreaterThan(0);
    expect(p.confidence).toBeLessThanOrEqual(1);
    expect(p.lang).toBe('en');
  });

  it("masks the other site's intents", async () => {
    const p = await model.classify('缴费', { site: 'hotel', topK: 30 });
    expect(p.topK.every((t) => !t.intent.startsWith('hospital.') || t.probability === 0)).toBe(true);
    expect(p.intent.startsWith('hospital.')).toBe(false);
  });
});

describe('decide (pure post-processing)', () => {
  const manifest = {
    numBuckets: 1 << 15,
    heads: {
      intent: { labels: INTENTS },
      department: { labels: DEPARTMENTS },
      sentiment: { labels: SENTIMENTS },
    },
  } as unknown as ModelManifest;
  const onehot = (labels: readonly string[], hot: Record<string, number>): Float32Array =>
    Float32Array.from(labels, (l) => hot[l] ?? 0);
  const raw = (
    intent: Record<string, number>,
    department: Record<string, number> = { internal_medicine: 1 },
    sentiment: Record<string, number> = { neutral: 1 },
  ): RawOutputs => ({
    intent: onehot(INTENTS, intent),
    department: onehot(DEPARTMENTS, department),
    sentiment: onehot(SENTIMENTS, sentiment),
  });
  const run = (text: string, r: RawOutputs, site?: 'hotel' | 'hospital') =>
    decide(
      text,
      featurize(text, 1 << 15),
      r,
      manifest,
      DEFAULT_THRESHOLDS,
      site === undefined ? {} : { site },
    );

  it('a red flag overrides whatever the model says', () => {
    const p = run(
      'chest pain and I can not breathe, where do I pay',
      raw({ 'hospital.payment': 0.99, emergency: 0.01 }),
    );
    expect(p).toMatchObject({
      intent: 'emergency',
      department: 'emergency',
      reason: 'red_flag',
      redFlag: 'chest_pain_breathless',
      confidence: 1,
    });
  });
  it('low confidence becomes out_of_scope', () => {
    const p = run(
      'hmm',
      raw({
        wifi: 0.17,
        parking: 0.16,
        greeting: 0.16,
        thanks_bye: 0.16,
        'hotel.checkout': 0.16,
        'hotel.checkin': 0.19,
      }),
    );
    expect(p).toMatchObject({ intent: 'out_of_scope', reason: 'low_confidence' });
    expect(p.topK[0]?.intent).toBe('hotel.checkin');
  });
  it('the site mask renormalises and can change the answer', () => {
    const r = raw({ 'hospital.payment': 0.6, 'hotel.checkout': 0.4 });
    expect(run('pay', r, 'hospital').intent).toBe('hospital.payment');
    expect(run('pay', r, 'hotel')).toMatchObject({ intent: 'hotel.checkout', confidence: 1 });
  });
  it('children go to pediatrics, red flags to emergency', () => {
    expect(
      run('my 4 year old has a cough', raw({ 'hospital.triage': 1 }, { respiratory: 0.9 })).department,
    ).toBe('pediatrics');
    expect(
      run('my cough will not go away', raw({ 'hospital.triage': 1 }, { respiratory: 0.9 })).department,
    ).toBe('respiratory');
    expect(
      run('my toddler swallowed a button battery', raw({ 'hospital.triage': 1 }, { pediatrics: 0.9 })),
    ).toMatchObject({ intent: 'emergency', department: 'emergency' });
  });
  it('a triage sentence the department head calls an emergency becomes one', () => {
    expect(run('feeling odd', raw({ 'hospital.triage': 1 }, { emergency: 0.8 }), 'hospital')).toMatchObject({
      intent: 'emergency',
      reason: 'department_emergency',
    });
  });
  it('no department outside triage and emergencies; no letters means out_of_scope', () => {
    expect(run('wifi', raw({ wifi: 1 })).department).toBeNull();
    expect(run('1203', raw({ 'hotel.checkin': 1 }))).toMatchObject({
      intent: 'out_of_scope',
      reason: 'no_content',
    });
  });
  // 'hmm', not a cry for help: a bare "help" is a red flag of its own (red-flags.ts), and this is
  // about the model's probabilities.
  it('keeps a model emergency even when it is not confident', () => {
    expect(run('hmm', raw({ emergency: 0.3, human_agent: 0.2, greeting: 0.5 }))).toMatchObject({
      intent: 'greeting',
    });
    expect(
      run(
        'hmm',
        raw({
          emergency: 0.18,
          human_agent: 0.164,
          greeting: 0.164,
          wifi: 0.164,
          parking: 0.164,
          thanks_bye: 0.164,
        }),
      ),
    ).toMatchObject({
      intent: 'emergency',
      reason: 'model',
    });
  });
});
