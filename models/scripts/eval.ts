/**
 * Evaluates the committed model, through the same code path as `ask` (OnnxIntentModel in
 * onnxruntime-node), on the held-out sets, and regenerates models/intent/EVAL.md and eval.json.
 * It never trains or tunes anything.
 *
 *   npm run -w @frontdesk/models eval
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INTENTS, intentScope, type Intent, type SiteKind } from '../src/taxonomy.js';
import type { IntentPrediction } from '../src/intent/intent-model.js';
import { COMMITTED_MODEL_DIR, loadNodeIntentModel } from '../src/intent/node.js';
import type { OnnxIntentModel } from '../src/intent/onnx-intent-model.js';
import { findRedFlag, mentionsChild } from '../src/intent/red-flags.js';
import { loadSplit, type IntentExample } from './lib/data.js';
import { writeFormatted } from './lib/write-formatted.js';

const OUT_DIR = new URL('../intent/', import.meta.url);

interface Tally {
  correct: number;
  total: number;
}
const pct = (t: Tally): number => (t.total === 0 ? NaN : (100 * t.correct) / t.total);
const fmt = (t: Tally): string =>
  t.total === 0 ? 'n/a' : `${pct(t).toFixed(1)} % (${t.correct}/${t.total})`;
const add = (t: Tally, ok: boolean): void => {
  t.total += 1;
  if (ok) t.correct += 1;
};

function siteFor(ex: IntentExample, index: number): SiteKind {
  const scope = intentScope(ex.intent);
  if (scope !== 'common') return scope;
  return index % 2 === 0 ? 'hotel' : 'hospital';
}

interface IntentReport {
  overall: Tally;
  bySite: Tally;
  byLang: Record<string, Tally>;
  byIntent: Record<string, Tally>;
  oos: { precision: number; recall: number; tp: number; fp: number; fn: number };
  confusions: Array<{ gold: string; predicted: string; count: number }>;
  misses: Array<{ text: string; gold: string; predicted: string; confidence: number }>;
}

async function evalIntents(
  model: OnnxIntentModel,
  examples: readonly IntentExample[],
): Promise<IntentReport> {
  const report: IntentReport = {
    overall: { correct: 0, total: 0 },
    bySite: { correct: 0, total: 0 },
    byLang: {},
    byIntent: {},
    oos: { precision: 0, recall: 0, tp: 0, fp: 0, fn: 0 },
    confusions: [],
    misses: [],
  };
  const confusion = new Map<string, number>();
  for (const [i, ex] of examples.entries()) {
    const p = await model.classify(ex.text);
    const ok = p.intent === ex.intent;
    add(report.overall, ok);
    add((report.byLang[ex.lang] ??= { correct: 0, total: 0 }), ok);
    add((report.byIntent[ex.intent] ??= { correct: 0, total: 0 }), ok);
    const masked = await model.classify(ex.text, { site: siteFor(ex, i) });
    add(report.bySite, masked.intent === ex.intent);
    const goldOos = ex.intent === 'out_of_scope';
    const predOos = p.intent === 'out_of_scope';
    if (goldOos && predOos) report.oos.tp += 1;
    else if (predOos) report.oos.fp += 1;
    else if (goldOos) report.oos.fn += 1;
    if (!ok) {
      const key = `${ex.intent}\t${p.intent}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
      report.misses.push({
        text: ex.text,
        gold: ex.intent,
        predicted: p.intent,
        confidence: Number(p.confidence.toFixed(3)),
      });
    }
  }
  const { tp, fp, fn } = report.oos;
  report.oos.precision = tp + fp === 0 ? NaN : (100 * tp) / (tp + fp);
  report.oos.recall = tp + fn === 0 ? NaN : (100 * tp) / (tp + fn);
  report.confusions = [...confusion.entries()]
    .map(([k, count]) => {
      const [gold = '', predicted = ''] = k.split('\t');
      return { gold, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold))
    .slice(0, 15);
  return report;
}

interface TriageReport {
  /** End to end at a hospital kiosk: the department the pipeline gives (null counts as wrong). */
  endToEnd: Tally;
  /** Given the sentence is a triage sentence: red flag → emergency, child → pediatrics, else the head. */
  departmentHead: Tally;
  byDepartment: Record<string, Tally>;
  misses: Array<{ text: string; gold: string; predicted: string | null }>;
}

async function evalTriage(model: OnnxIntentModel, examples: readonly IntentExample[]): Promise<TriageReport> {
  const report: TriageReport = {
    endToEnd: { correct: 0, total: 0 },
    departmentHead: { correct: 0, total: 0 },
    byDepartment: {},
    misses: [],
  };
  const labels = model.manifest.heads.department.labels;
  for (const ex of examples) {
    if (ex.department === null) continue;
    const p: IntentPrediction = await model.classify(ex.text, { site: 'hospital' });
    add(report.endToEnd, p.department === ex.department);
    const raw = await model.run(model.featurize(ex.text));
    let best = 0;
    for (let i = 1; i < raw.department.length; i += 1)
      if ((raw.department[i] ?? 0) > (raw.department[best] ?? 0)) best = i;
    const headDept =
      findRedFlag(ex.text) !== null
        ? 'emergency'
        : labels[best] === 'emergency'
          ? 'emergency'
          : mentionsChild(ex.text)
            ? 'pediatrics'
            : labels[best];
    add(report.departmentHead, headDept === ex.department);
    add((report.byDepartment[ex.department] ??= { correct: 0, total: 0 }), p.department === ex.department);
    if (p.department !== ex.department)
      report.misses.push({ text: ex.text, gold: ex.department, predicted: p.department });
  }
  return report;
}

async function main(): Promise<void> {
  const model = await loadNodeIntentModel();
  const test = loadSplit('test');
  const hard = loadSplit('hard');
  const isTriageFile = (ex: IntentExample): boolean => ex.file.includes('/triage/');
  const testIntents = test.intents.filter((ex) => !isTriageFile(ex));
  const hardIntents = hard.intents.filter((ex) => !isTriageFile(ex));
  const triage = test.intents.filter(isTriageFile);

  const testReport = await evalIntents(model, testIntents);
  const hardReport = await evalIntents(model, hardIntents);
  const triageReport = await evalTriage(model, triage);

  const redFlagLines = [...test.intents, ...hard.intents].filter((ex) => ex.intent === 'emergency');
  const redFlag: Tally = { correct: 0, total: 0 };
  const redFlagMisses: string[] = [];
  for (const ex of redFlagLines) {
    const p = await model.classify(ex.text);
    add(redFlag, p.intent === 'emergency');
    if (p.intent !== 'emergency') redFlagMisses.push(`${ex.file}: ${ex.text} → ${p.intent}`);
  }

  const sentiment: Tally = { correct: 0, total: 0 };
  const sentimentByLabel: Record<string, Tally> = {};
  for (const ex of test.sentiments) {
    const p = await model.classify(ex.text);
    add(sentiment, p.sentiment === ex.sentiment);
    add((sentimentByLabel[ex.sentiment] ??= { correct: 0, total: 0 }), p.sentiment === ex.sentiment);
  }

  const modelFile = new URL(model.manifest.file, COMMITTED_MODEL_DIR);
  const modelBytes = statSync(modelFile).size;
  const targets = {
    intentTest: pct(testReport.overall) >= 95,
    redFlagRecall: redFlag.total > 0 && redFlag.correct === redFlag.total,
    triage: pct(triageReport.endToEnd) >= 92,
    size: modelBytes < 2 * 1024 * 1024,
  };
  const result = {
    model: {
      file: model.manifest.file,
      bytes: modelBytes,
      sha256: createHash('sha256').update(readFileSync(modelFile)).digest('hex'),
    },
    counts: {
      test: testIntents.length,
      hard: hardIntents.length,
      triage: triage.length,
      redFlag: redFlag.total,
      sentiment: test.sentiments.length,
    },
    test: testReport,
    hard: hardReport,
    triage: triageReport,
    redFlag: { ...redFlag, misses: redFlagMisses },
    sentiment: { overall: sentiment, byLabel: sentimentByLabel },
    targets,
  };
  await writeFormatted(new URL('eval.json', OUT_DIR), JSON.stringify(result, null, 2));

  const yes = (b: boolean): string => (b ? 'met' : '**missed**');
  const md: string[] = [];
  md.push('# Intent, triage and sentiment model: evaluation');
  md.push('');
  md.push('Generated by `npm run -w @frontdesk/models eval` from the committed model; do not edit by hand.');
  md.push(
    'Held-out data: `intent/data/test` (and `test/triage`, `test/sentiment`) and the colloquial `intent/data/hard`,',
  );
  md.push('written independently of the training data and never used for training or tuning.');
  md.push('');
  md.push('## Targets');
  md.push('');
  md.push('| target | result | status |');
  md.push('|---|---|---|');
  md.push(`| intent accuracy on test ≥ 95 % | ${fmt(testReport.overall)} | ${yes(targets.intentTest)} |`);
  md.push(
    `| red-flag recall 100 % (test + hard emergency lines, incl. triage) | ${fmt(redFlag)} | ${yes(targets.redFlagRecall)} |`,
  );
  md.push(
    `| triage department accuracy ≥ 92 % (end to end, hospital kiosk) | ${fmt(triageReport.endToEnd)} | ${yes(targets.triage)} |`,
  );
  md.push(
    `| model files < 2 MB | ${(modelBytes / 1024).toFixed(0)} KiB (\`${model.manifest.file}\`) | ${yes(targets.size)} |`,
  );
  md.push('');
  md.push('## Intent accuracy');
  md.push('');
  md.push("No site mask unless stated (a kiosk knows its site, which masks the other site's intents).");
  md.push('');
  md.push('| | test | hard |');
  md.push('|---|---|---|');
  md.push(`| overall | ${fmt(testReport.overall)} | ${fmt(hardReport.overall)} |`);
  md.push(`| overall, with site mask | ${fmt(testReport.bySite)} | ${fmt(hardReport.bySite)} |`);
  for (const lang of ['zh', 'en'])
    md.push(
      `| ${lang} | ${fmt(testReport.byLang[lang] ?? { correct: 0, total: 0 })} | ${fmt(hardReport.byLang[lang] ?? { correct: 0, total: 0 })} |`,
    );
  md.push(
    `| out_of_scope precision | ${testReport.oos.precision.toFixed(1)} % | ${hardReport.oos.precision.toFixed(1)} % |`,
  );
  md.push(
    `| out_of_scope recall | ${testReport.oos.recall.toFixed(1)} % | ${hardReport.oos.recall.toFixed(1)} % |`,
  );
  md.push('');
  md.push('| intent | test | hard |');
  md.push('|---|---|---|');
  for (const intent of INTENTS as readonly Intent[]) {
    md.push(
      `| ${intent} | ${fmt(testReport.byIntent[intent] ?? { correct: 0, total: 0 })} | ${fmt(hardReport.byIntent[intent] ?? { correct: 0, total: 0 })} |`,
    );
  }
  md.push('');
  md.push('## Top confusions (test + hard)');
  md.push('');
  const merged = new Map<string, number>();
  for (const c of [...testReport.confusions, ...hardReport.confusions])
    merged.set(`${c.gold} → ${c.predicted}`, (merged.get(`${c.gold} → ${c.predicted}`) ?? 0) + c.count);
  md.push('| gold → predicted | count |');
  md.push('|---|---|');
  for (const [k, v] of [...merged.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    md.push(`| ${k} | ${v} |`);
  md.push('');
  md.push('## Triage');
  md.push('');
  md.push(
    `- End to end (intent, red flags, child rule, department head; a non-triage intent counts as wrong): ${fmt(triageReport.endToEnd)}`,
  );
  md.push(`- Department alone, given a triage sentence: ${fmt(triageReport.departmentHead)}`);
  md.push('');
  md.push('| department | end to end |');
  md.push('|---|---|');
  for (const [d, t] of Object.entries(triageReport.byDepartment)) md.push(`| ${d} | ${fmt(t)} |`);
  md.push('');
  md.push('## Red flags');
  md.push('');
  md.push(
    `Recall ${fmt(redFlag)} over every emergency line of test, hard and test/triage (model + lexicon).`,
  );
  if (redFlagMisses.length > 0) {
    md.push('');
    md.push('Missed:');
    md.push('');
    for (const m of redFlagMisses) md.push(`- ${m}`);
  }
  md.push('');
  md.push('## Sentiment (test/sentiment)');
  md.push('');
  md.push(
    `Overall ${fmt(sentiment)}; ${Object.entries(sentimentByLabel)
      .map(([k, t]) => `${k} ${fmt(t)}`)
      .join('; ')}.`,
  );
  md.push('');
  md.push('## Model size');
  md.push('');
  md.push(
    `\`${model.manifest.file}\`: ${modelBytes} bytes (int8 embedding ${model.manifest.numBuckets} × ${String(model.manifest.training['dim'])} with per-column scales, float32 heads).`,
  );
  md.push('');
  await writeFormatted(new URL('EVAL.md', OUT_DIR), md.join('\n'));
  await model.close();

  console.log(
    JSON.stringify(
      {
        intentTest: fmt(testReport.overall),
        intentHard: fmt(hardReport.overall),
        oosTest: testReport.oos,
        triage: fmt(triageReport.endToEnd),
        triageHead: fmt(triageReport.departmentHead),
        redFlag: fmt(redFlag),
        sentiment: fmt(sentiment),
        bytes: modelBytes,
        targets,
      },
      null,
      1,
    ),
  );
  console.log(`wrote ${fileURLToPath(new URL('EVAL.md', OUT_DIR))}`);
}

await main();
