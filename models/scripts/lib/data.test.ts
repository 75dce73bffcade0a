import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTENTS } from '../../src/taxonomy.js';
import { loadSplit } from './data.js';

const root = mkdtempSync(join(tmpdir(), 'intent-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('loadSplit', () => {
  write('train/wifi.en.txt', 'wifi password?\n\n  what is the wifi  \r\n');
  write('train/emergency.zh.txt', '救命\n');
  write('train/triage/cardiology.en.txt', 'my chest hurts when I climb stairs\n');
  write('train/triage/emergency.zh.txt', '胸口剧痛喘不上气\n');
  write('train/sentiment/negative.en.txt', 'this is terrible\n');
  write('train/notes.md', 'not a data file\n');

  it('reads labelled lines, trimmed, blank lines dropped, in file order', () => {
    const { intents, sentiments } = loadSplit('train', root);
    expect(intents).toEqual([
      {
        text: '救命',
        lang: 'zh',
        intent: 'emergency',
        department: 'emergency',
        file: 'train/emergency.zh.txt',
      },
      { text: 'wifi password?', lang: 'en', intent: 'wifi', department: null, file: 'train/wifi.en.txt' },
      { text: 'what is the wifi', lang: 'en', intent: 'wifi', department: null, file: 'train/wifi.en.txt' },
      {
        text: 'my chest hurts when I climb stairs',
        lang: 'en',
        intent: 'hospital.triage',
        department: 'cardiology',
        file: 'train/triage/cardiology.en.txt',
      },
      {
        text: '胸口剧痛喘不上气',
        lang: 'zh',
        intent: 'emergency',
        department: 'emergency',
        file: 'train/triage/emergency.zh.txt',
      },
    ]);
    expect(sentiments).toEqual([
      {
        text: 'this is terrible',
        lang: 'en',
        sentiment: 'negative',
        file: 'train/sentiment/negative.en.txt',
      },
    ]);
  });

  it('fails on a file whose label is unknown rather than skipping it', () => {
    write('bad/wiifi.en.txt', 'typo in the file name\n');
    expect(() => loadSplit('bad', root)).toThrow('unknown intent file bad/wiifi.en.txt');
  });

  it('is empty for a split that does not exist', () => {
    expect(loadSplit('nothing', root)).toEqual({ intents: [], sentiments: [] });
  });
});

describe('the committed training data', () => {
  const train = loadSplit('train');

  it('has both languages of every intent', () => {
    for (const intent of INTENTS) {
      for (const lang of ['zh', 'en'] as const) {
        const n = train.intents.filter((ex) => ex.intent === intent && ex.lang === lang).length;
        expect(n, `${intent} ${lang}`).toBeGreaterThan(0);
      }
    }
  });
});
