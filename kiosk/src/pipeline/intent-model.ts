import type { IntentId, Lang } from '@frontdesk/protocol';

export interface ScoredIntent {
  intent: IntentId;
  /** 0–1. */
  confidence: number;
  /** A FAQ topic the text is about (e.g. "pool" for hotel.facilities), when the model can tell. */
  topic?: string;
}

/**
 * The on-device intent classifier, as the dialogue pipeline sees it. The real implementation comes
 * from `models/`; until then `KeywordIntentModel` stands in behind this same interface.
 */
export interface IntentModel {
  readonly name: string;
  /** Candidates, best first; empty when nothing matched. */
  classify(text: string, lang: Lang): Promise<ScoredIntent[]>;
}
