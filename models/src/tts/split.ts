/**
 * Sentence splitting for speech: a long answer is synthesised and played one piece at a time, so the
 * guest hears the first sentence while the next is synthesised (espeak-ng's time grows with the length
 * of the audio). Pure and portable.
 */
import { normalizeForSpeech, type SpeechLang } from './normalize.js';

export interface SplitOptions {
  /**
   * Longest piece in characters; a longer sentence is cut at its last comma (or space) before this.
   * Defaults: 40 for Mandarin (about 8 s of speech), 140 for English (about 9 s).
   */
  maxChars?: number;
}

const DEFAULT_MAX_CHARS: Record<SpeechLang, number> = { zh: 40, en: 140 };
/** Words whose final "." does not end a sentence. */
const ABBREVIATIONS = /(?:^|\s)(?:mr|mrs|ms|dr|st|no|vs|etc|e\.g|i\.e|a\.m|p\.m|approx)\.$/i;
const CLAUSE_BREAK = /[,，、:：;；]/;

function cutLong(sentence: string, maxChars: number): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars);
    let cut = -1;
    for (let i = window.length - 1; i > 0; i -= 1) {
      if (CLAUSE_BREAK.test(window[i] ?? '')) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0 && /\s/.test(rest[maxChars] ?? '')) cut = maxChars;
    if (cut < 0) cut = window.lastIndexOf(' ') > 0 ? window.lastIndexOf(' ') + 1 : maxChars;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') out.push(rest);
  return out.filter((s) => s !== '');
}

/** True when nothing in the piece would be heard (only punctuation or spaces). */
function silent(piece: string): boolean {
  return !/[\p{L}\p{N}]/u.test(piece);
}

/**
 * Cuts already-normalised text into sentences: after 。！？；… and after . ! ? ; followed by a space or
 * the end (not in 3.5 or "Dr."), and at line breaks; pieces longer than `maxChars` are cut at commas.
 */
export function splitSentences(text: string, lang: SpeechLang, options: SplitOptions = {}): string[] {
  const maxChars = Math.max(8, options.maxChars ?? DEFAULT_MAX_CHARS[lang]);
  const sentences: string[] = [];
  let current = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i] ?? '';
    const next = chars[i + 1];
    if (c === '\n' || c === '\r') {
      sentences.push(current);
      current = '';
      continue;
    }
    current += c;
    const strong = /[。！？；…]/.test(c);
    const latin = /[.!?;]/.test(c) && (next === undefined || /\s|["'”’)]/.test(next));
    if (strong || (latin && !(c === '.' && ABBREVIATIONS.test(current)))) {
      // Keep closing quotes and brackets with their sentence.
      while (/["'”’)）」]/.test(chars[i + 1] ?? '')) current += chars[(i += 1)] ?? '';
      sentences.push(current);
      current = '';
    }
  }
  sentences.push(current);
  return sentences
    .map((s) => s.trim())
    .filter((s) => s !== '' && !silent(s))
    .flatMap((s) => cutLong(s, maxChars))
    .filter((s) => !silent(s));
}

/** Normalise then split: the pieces to synthesise, in order, for one answer on screen. */
export function prepareSpeech(text: string, lang: SpeechLang, options: SplitOptions = {}): string[] {
  return splitSentences(normalizeForSpeech(text, lang), lang, options);
}
