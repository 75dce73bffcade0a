import { extractSlots, knowledgeFromKb, type Intent, type KnowledgeView } from '@frontdesk/models';
import type { KnowledgeBase, Lang, StaffEscalationView } from '@frontdesk/protocol';

export interface Suggestion {
  /** What it answers: an intent id, or `place:<id>`. */
  key: string;
  text: string;
  /** 0–1: how sure we are that it answers what the guest asked. */
  score: number;
}

/** A place named in the guest's last message is nearly always what they are asking about. */
const PLACE_SCORE = 0.9;
/** An intent the escalation carries without a confidence (raised by the kiosk's flow). */
const CONTEXT_INTENT_SCORE = 0.5;
/** Asking for a person or saying thanks has no knowledge-base answer worth offering. */
const NOT_ANSWERS: ReadonlySet<string> = new Set([
  'human_agent',
  'greeting',
  'thanks_bye',
  'complaint',
  'fault_report',
]);

export interface SuggestionInput {
  escalation: Pick<StaffEscalationView, 'intent' | 'intents' | 'transcript'>;
  /** The guest's latest chat line, when newer than the transcript. */
  lastGuestText: string | null;
  lang: Lang;
}

/**
 * Suggested answers for the guest's intents and last message, from the site's knowledge base through
 * the same KnowledgeView the kiosk and the server answer with (`knowledgeFromKb`): an intent the
 * classifier gave with a confidence scores that confidence, other intents of the escalation score
 * `CONTEXT_INTENT_SCORE`, a place named in the last message `PLACE_SCORE`. Best first, one per answer.
 */
export function suggestAnswers(kb: KnowledgeBase | null, input: SuggestionInput, limit = 3): Suggestion[] {
  if (!kb) return [];
  const view: KnowledgeView = knowledgeFromKb(kb);
  const scores = new Map<string, number>();
  const bump = (key: string, score: number) => scores.set(key, Math.max(scores.get(key) ?? 0, score));
  for (const turn of input.escalation.transcript)
    if (turn.role === 'guest' && turn.intent) bump(turn.intent, turn.confidence ?? CONTEXT_INTENT_SCORE);
  for (const intent of [input.escalation.intent, ...input.escalation.intents])
    if (intent) bump(intent, CONTEXT_INTENT_SCORE);
  const guestTurns = input.escalation.transcript.filter((t) => t.role === 'guest');
  const lastText = input.lastGuestText ?? guestTurns.at(-1)?.text ?? null;
  if (lastText) {
    const place = extractSlots(lastText, view.places, { amenity: false }).place;
    if (place) bump(`place:${place}`, PLACE_SCORE);
  }
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const [key, score] of [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (NOT_ANSWERS.has(key)) continue;
    const text = key.startsWith('place:')
      ? view.placeAnswer(key.slice('place:'.length), input.lang)
      : view.answer(key as Intent, input.lang);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ key, text, score: Math.round(score * 100) / 100 });
    if (out.length >= limit) break;
  }
  return out;
}
