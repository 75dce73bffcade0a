/**
 * The data plan of the spoken-command trainer (`train-commands.ts`), pure so it can be tested: which
 * espeak-ng voices speak for training and which are held out for evaluation, the random rendering of
 * one utterance, and the split of the non-command sentences into training negatives, the dev set and
 * the hard-negative mining pool — disjoint, in one fixed order from the seed.
 */
import { COMMAND_IDS, COMMAND_PHRASES } from '../../src/commands/commands.js';
import { makeRng, shuffleInPlace } from './network.js';

export type Lang = 'zh' | 'en';
export type Rng = () => number;

/** espeak-ng variants (`voice+variant`) for training; '' is the voice's own. Used for both languages. */
export const TRAIN_VARIANTS: readonly string[] = [
  '',
  'm1',
  'm2',
  'm3',
  'm4',
  'm6',
  'm7',
  'f1',
  'f2',
  'f4',
  'croak',
  'Andy',
  'Michael',
  'Denis',
];
export const EN_TRAIN_VOICES: readonly string[] = [
  'en-us',
  'en-gb',
  'en-gb-scotland',
  'en-gb-x-rp',
  'en-gb-x-gbclan',
];
// Held out: never synthesised for training.
export const HELD_VARIANTS: readonly string[] = ['m5', 'm8', 'f3', 'f5', 'Annie', 'Alex'];
export const EN_HELD_VOICES: readonly string[] = ['en-us-nyc', 'en-029', 'en-gb-x-gbcwmd'];

export function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export function voiceFor(lang: Lang, held: boolean, rng: Rng): string {
  const variants = held ? HELD_VARIANTS : TRAIN_VARIANTS;
  const v = pick(variants, rng);
  const base = lang === 'zh' ? 'cmn' : pick(held ? EN_HELD_VOICES : EN_TRAIN_VOICES, rng);
  return v ? `${base}+${v}` : base;
}

export interface Render {
  text: string;
  voice: string;
  speedWpm: number;
  pitch: number;
}

export function render(text: string, lang: Lang, held: boolean, rng: Rng): Render {
  return {
    text,
    voice: voiceFor(lang, held, rng),
    // espeak-ng's Mandarin is slow at its default; both languages span slow to brisk.
    speedWpm: Math.round(125 + rng() * 95),
    pitch: Math.round(25 + rng() * 50),
  };
}

/** Whether `text` says a command phrase (Chinese: anywhere; English: as whole words). */
export function containsCommand(text: string, lang: Lang): boolean {
  const t = text.toLowerCase();
  return COMMAND_IDS.some((c) => {
    const phrase = COMMAND_PHRASES[c][lang];
    return lang === 'zh' ? t.includes(phrase) : new RegExp(`\\b${phrase}\\b`).test(t);
  });
}

export interface PoolSizes {
  readonly negatives: number;
  readonly dev: number;
  readonly mining: number;
}

export interface SentencePools {
  /** Spoken as `none` examples of the first training round. */
  readonly negatives: readonly string[];
  /** For choosing the detector: sentences training did not use. */
  readonly dev: readonly string[];
  /** Run through the first-round head; its mistakes join the second round. */
  readonly mining: readonly string[];
}

/**
 * One shuffle of `sentences` by `seed`, cut in three consecutive slices: the training negatives, then
 * the dev set, then the mining pool, so no sentence is in two of them (the dev set once overlapped the
 * training sentences; see the test).
 */
export function sentencePools(sentences: readonly string[], seed: number, sizes: PoolSizes): SentencePools {
  const pool = [...sentences];
  shuffleInPlace(pool, makeRng(seed));
  const devFrom = sizes.negatives;
  const miningFrom = devFrom + sizes.dev;
  return {
    negatives: pool.slice(0, devFrom),
    dev: pool.slice(devFrom, miningFrom),
    mining: pool.slice(miningFrom, miningFrom + sizes.mining),
  };
}
