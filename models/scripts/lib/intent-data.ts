/**
 * The pure parts of building the intent model's training data (`train.ts`): the dev split, the class
 * weights that keep the big triage class from swamping the others, and English typing noise.
 */
import { fnv1a32 } from '../../src/text/featurize.js';

/** 10 % of train, chosen by a hash of file and text: the same lines every run, whatever the order. */
export function isDev(file: string, text: string): boolean {
  return fnv1a32(`dev|${file}|${text}`) % 10 === 0;
}

/**
 * Loss weight per intent: (mean class size / class size) ^ balance. 0 weighs every example alike; 1
 * gives every class the same total weight. Unknown intents get 1.
 */
export function intentLossWeights(intents: readonly string[], balance: number): (intent: string) => number {
  const perIntent = new Map<string, number>();
  for (const intent of intents) perIntent.set(intent, (perIntent.get(intent) ?? 0) + 1);
  const meanClass = intents.length / Math.max(1, perIntent.size);
  return (intent) => (meanClass / (perIntent.get(intent) ?? meanClass)) ** balance;
}

/** One character of one English word (4+ letters) dropped, doubled or swapped with the next. */
export function addTypo(text: string, rng: () => number): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{4,}$/i.test(w));
  const pick = candidates[Math.floor(rng() * candidates.length)];
  if (pick === undefined) return text;
  const [word, index] = pick;
  const at = 1 + Math.floor(rng() * (word.length - 2));
  const kind = Math.floor(rng() * 3);
  const noisy =
    kind === 0
      ? word.slice(0, at) + word.slice(at + 1)
      : kind === 1
        ? word.slice(0, at) + (word[at] ?? '') + word.slice(at)
        : word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
  words[index] = noisy;
  return words.join(' ');
}
