import { describe, expect, it } from 'vitest';
import { loadSplit } from './data.js';
import { addTypo, intentLossWeights, isDev } from './intent-data.js';
import { makeRng } from './network.js';

describe('intent training data: the dev split', () => {
  const train = loadSplit('train');
  const dev = train.intents.filter((ex) => isDev(ex.file, ex.text));
  const rest = train.intents.filter((ex) => !isDev(ex.file, ex.text));

  it('holds out about 10 % of train, the same lines every time', () => {
    const share = dev.length / train.intents.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    expect(train.intents.filter((ex) => isDev(ex.file, ex.text))).toEqual(dev);
  });

  it('keeps every dev line out of training (by file and text)', () => {
    const trained = new Set(rest.map((ex) => `${ex.file}|${ex.text}`));
    expect(dev.filter((ex) => trained.has(`${ex.file}|${ex.text}`))).toEqual([]);
    expect(dev.length + rest.length).toBe(train.intents.length);
  });

  it('has dev lines of every intent that has ten or more lines', () => {
    const count = (list: typeof dev) => {
      const m = new Map<string, number>();
      for (const ex of list) m.set(ex.intent, (m.get(ex.intent) ?? 0) + 1);
      return m;
    };
    const all = count(train.intents);
    const held = count(dev);
    for (const [intent, n] of all) if (n >= 10) expect(held.get(intent), intent).toBeGreaterThan(0);
  });
});

describe('intent training data: class weights', () => {
  const labels = [
    ...Array<string>(60).fill('triage'),
    ...Array<string>(15).fill('wifi'),
    ...Array<string>(5).fill('parking'),
  ];

  it('weighs every example alike at balance 0', () => {
    const w = intentLossWeights(labels, 0);
    expect([w('triage'), w('wifi'), w('parking'), w('unknown')]).toEqual([1, 1, 1, 1]);
  });

  it('gives every class the same total weight at balance 1', () => {
    const w = intentLossWeights(labels, 1);
    const totals = ['triage', 'wifi', 'parking'].map((c) => labels.filter((l) => l === c).length * w(c));
    for (const t of totals) expect(t).toBeCloseTo(labels.length / 3, 9);
    expect(w('unknown')).toBe(1);
  });
});

describe('intent training data: typing noise', () => {
  const text = 'where is the swimming pool please';

  it('is the same from the same seed', () => {
    const a = makeRng(5);
    const b = makeRng(5);
    for (let i = 0; i < 50; i += 1) expect(addTypo(text, a)).toBe(addTypo(text, b));
  });

  it('changes one character of one long word, and nothing else', () => {
    const rng = makeRng(9);
    for (let i = 0; i < 200; i += 1) {
      const noisy = addTypo(text, rng).split(' ');
      const words = text.split(' ');
      const changed = words.filter((w, k) => w !== noisy[k]);
      expect(noisy).toHaveLength(words.length);
      expect(changed.length).toBeLessThanOrEqual(1);
      for (const w of changed) {
        expect(w.length).toBeGreaterThanOrEqual(4);
        const k = words.indexOf(w);
        expect(Math.abs((noisy[k] ?? '').length - w.length)).toBeLessThanOrEqual(1);
        expect(noisy[k]?.[0]).toBe(w[0]); // the first letter stays
      }
    }
  });

  it('leaves text without a Latin word of four letters alone', () => {
    expect(addTypo('我要退房', makeRng(1))).toBe('我要退房');
    expect(addTypo('is it ok', makeRng(1))).toBe('is it ok');
  });
});
