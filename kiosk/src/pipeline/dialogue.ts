import type { EscalationTrigger, IntentId, KnowledgeBase, Lang } from '@frontdesk/protocol';
import type { ScoredIntent } from './intent-model.js';

/** What the assistant does with one guest utterance. */
export type Reply =
  | { kind: 'answer'; intent: IntentId; confidence: number; text: string }
  | { kind: 'clarify'; options: IntentId[] }
  | { kind: 'escalate'; trigger: EscalationTrigger; intent?: IntentId; text?: string }
  | { kind: 'no_answer'; intent?: IntentId };

/** Below this the top intent is not trusted on its own. */
export const ANSWER_CONFIDENCE = 0.6;
/** Two candidates this close are a question to ask, not a guess to make. */
export const AMBIGUITY_MARGIN = 0.1;
/** Unanswered assistant turns in a row that hand the guest to a person (the server's rule too). */
export const NO_ANSWER_STREAK = 3;

const ESCALATING: Partial<Record<IntentId, EscalationTrigger>> = {
  human_agent: 'asked_for_person',
  emergency: 'emergency',
  complaint: 'negative_sentiment',
};

export function faqAnswer(kb: KnowledgeBase | null, intent: IntentId, lang: Lang, topic?: string) {
  const entries = kb?.faq.filter((f) => f.intent === intent) ?? [];
  const entry = (topic ? entries.find((f) => f.topic === topic) : undefined) ?? entries[0];
  return entry?.answer[lang] ?? null;
}

/**
 * The dialogue policy, pure: from the ranked intents, the knowledge base and how many turns in a row
 * went unanswered, decide to answer, ask which one, escalate, or admit not knowing.
 */
export function decide(input: {
  ranked: ScoredIntent[];
  kb: KnowledgeBase | null;
  lang: Lang;
  unansweredStreak: number;
}): Reply {
  const { ranked, kb, lang } = input;
  const [top] = ranked;
  const miss = (intent?: IntentId): Reply =>
    input.unansweredStreak + 1 >= NO_ANSWER_STREAK
      ? { kind: 'escalate', trigger: 'no_answer', ...(intent ? { intent } : {}) }
      : { kind: 'no_answer', ...(intent ? { intent } : {}) };

  if (!top) return miss();
  const trigger = ESCALATING[top.intent];
  if (trigger && top.confidence >= ANSWER_CONFIDENCE) {
    const text = faqAnswer(kb, top.intent, lang);
    return { kind: 'escalate', trigger, intent: top.intent, ...(text ? { text } : {}) };
  }
  const answerable = ranked.filter((r) => faqAnswer(kb, r.intent, lang) !== null);
  const [best, next] = answerable;
  if (!best) return miss(top.intent);
  const ambiguous = next !== undefined && best.confidence - next.confidence < AMBIGUITY_MARGIN;
  if (best.confidence < ANSWER_CONFIDENCE || ambiguous) {
    return { kind: 'clarify', options: answerable.slice(0, 3).map((r) => r.intent) };
  }
  return {
    kind: 'answer',
    intent: best.intent,
    confidence: best.confidence,
    text: faqAnswer(kb, best.intent, lang, best.topic) ?? '',
  };
}
