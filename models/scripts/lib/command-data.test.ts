import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMAND_PHRASES } from '../../src/commands/commands.js';
import {
  EN_HELD_VOICES,
  EN_TRAIN_VOICES,
  HELD_VARIANTS,
  TRAIN_VARIANTS,
  containsCommand,
  render,
  sentencePools,
  voiceFor,
} from './command-data.js';
import { makeRng } from './network.js';

const SIZES = { negatives: 50, dev: 20, mining: 25 };
const SENTENCES = Array.from({ length: 120 }, (_, i) => `sentence ${i}`);

describe('command trainer: voices', () => {
  it('holds out voices and variants that training never uses', () => {
    expect(HELD_VARIANTS.filter((v) => TRAIN_VARIANTS.includes(v))).toEqual([]);
    expect(EN_HELD_VOICES.filter((v) => EN_TRAIN_VOICES.includes(v))).toEqual([]);
  });

  it('renders training utterances only with training voices, evaluation only with held-out ones', () => {
    const rng = makeRng(1);
    const parts = (voice: string) => {
      const [base = '', variant = ''] = voice.split('+');
      return { base, variant };
    };
    for (let i = 0; i < 500; i += 1) {
      for (const lang of ['zh', 'en'] as const) {
        const train = parts(voiceFor(lang, false, rng));
        const held = parts(voiceFor(lang, true, rng));
        expect(TRAIN_VARIANTS).toContain(train.variant);
        expect(HELD_VARIANTS).toContain(held.variant);
        if (lang === 'en') {
          expect(EN_TRAIN_VOICES).toContain(train.base);
          expect(EN_HELD_VOICES).toContain(held.base);
        } else {
          expect([train.base, held.base]).toEqual(['cmn', 'cmn']);
        }
      }
    }
  });

  it('is the same rendering from the same seed, within the stated speed and pitch', () => {
    const a = makeRng(42);
    const b = makeRng(42);
    for (let i = 0; i < 100; i += 1) {
      const r = render('x', 'en', false, a);
      expect(render('x', 'en', false, b)).toEqual(r);
      expect(r.speedWpm).toBeGreaterThanOrEqual(125);
      expect(r.speedWpm).toBeLessThanOrEqual(220);
      expect(r.pitch).toBeGreaterThanOrEqual(25);
      expect(r.pitch).toBeLessThanOrEqual(75);
    }
  });
});

describe('command trainer: sentence pools', () => {
  // Regression: the dev set once took sentences training had used (d9314fa).
  it('never puts one sentence in two pools', () => {
    const { negatives, dev, mining } = sentencePools(SENTENCES, 7, SIZES);
    expect([negatives.length, dev.length, mining.length]).toEqual([50, 20, 25]);
    const all = [...negatives, ...dev, ...mining];
    expect(new Set(all).size).toBe(all.length);
    for (const s of all) expect(SENTENCES).toContain(s);
  });

  it('is deterministic from the seed, shuffled, and leaves its input alone', () => {
    const input = [...SENTENCES];
    const a = sentencePools(input, 7, SIZES);
    expect(input).toEqual(SENTENCES);
    expect(sentencePools(SENTENCES, 7, SIZES)).toEqual(a);
    expect(sentencePools(SENTENCES, 8, SIZES)).not.toEqual(a);
    expect(a.negatives).not.toEqual(SENTENCES.slice(0, 50));
  });

  it('takes what there is when the pool is short', () => {
    const p = sentencePools(SENTENCES.slice(0, 60), 7, SIZES);
    expect([p.negatives.length, p.dev.length, p.mining.length]).toEqual([50, 10, 0]);
  });
});

describe('command trainer: negatives contain no command phrase', () => {
  it('finds every phrase in its own language', () => {
    for (const c of COMMAND_IDS) {
      expect(containsCommand(`请${COMMAND_PHRASES[c].zh}一下`, 'zh')).toBe(true);
      expect(containsCommand(`please ${COMMAND_PHRASES[c].en.toUpperCase()} now`, 'en')).toBe(true);
    }
  });

  it('matches English phrases as whole words only', () => {
    const [first] = COMMAND_IDS;
    if (first === undefined) throw new Error('no commands');
    const phrase = COMMAND_PHRASES[first].en;
    expect(containsCommand(`${phrase}x`, 'en')).toBe(false);
    expect(containsCommand('the lobby is on the first floor', 'en')).toBe(false);
  });
});
