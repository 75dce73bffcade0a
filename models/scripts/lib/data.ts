/** Reads the labelled utterance files under models/intent/data (train, test or hard). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isDepartment,
  isIntent,
  isSentiment,
  type Department,
  type Intent,
  type Lang,
  type Sentiment,
} from '../../src/taxonomy.js';

export const DATA_DIR = fileURLToPath(new URL('../../intent/data/', import.meta.url));

export interface IntentExample {
  readonly text: string;
  readonly lang: Lang;
  readonly intent: Intent;
  /** Set for triage lines (which are intent hospital.triage, or emergency for triage/emergency). */
  readonly department: Department | null;
  readonly file: string;
}

export interface SentimentExample {
  readonly text: string;
  readonly lang: Lang;
  readonly sentiment: Sentiment;
  readonly file: string;
}

export interface Split {
  readonly intents: IntentExample[];
  readonly sentiments: SentimentExample[];
}

const FILE = /^(.+)\.(zh|en)\.txt$/;

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

function labelledFiles(dir: string): Array<{ label: string; lang: Lang; path: string; name: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const m = FILE.exec(name);
      if (m === null || m[1] === undefined) return [];
      return [{ label: m[1], lang: m[2] as Lang, path: join(dir, name), name }];
    });
}

/** `split` is a folder under data/: `train`, `test` or `hard`. Unknown labels are an error, not skipped. */
export function loadSplit(split: string, dataDir = DATA_DIR): Split {
  const root = join(dataDir, split);
  const intents: IntentExample[] = [];
  const sentiments: SentimentExample[] = [];
  for (const f of labelledFiles(root)) {
    if (!isIntent(f.label)) throw new Error(`unknown intent file ${split}/${f.name}`);
    for (const text of lines(f.path)) {
      intents.push({
        text,
        lang: f.lang,
        intent: f.label,
        department: f.label === 'emergency' ? 'emergency' : null,
        file: `${split}/${f.name}`,
      });
    }
  }
  for (const f of labelledFiles(join(root, 'triage'))) {
    if (!isDepartment(f.label)) throw new Error(`unknown department file ${split}/triage/${f.name}`);
    const intent: Intent = f.label === 'emergency' ? 'emergency' : 'hospital.triage';
    for (const text of lines(f.path)) {
      intents.push({ text, lang: f.lang, intent, department: f.label, file: `${split}/triage/${f.name}` });
    }
  }
  for (const f of labelledFiles(join(root, 'sentiment'))) {
    if (!isSentiment(f.label)) throw new Error(`unknown sentiment file ${split}/sentiment/${f.name}`);
    for (const text of lines(f.path))
      sentiments.push({ text, lang: f.lang, sentiment: f.label, file: `${split}/sentiment/${f.name}` });
  }
  return { intents, sentiments };
}
