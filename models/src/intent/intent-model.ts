import type { Department, Intent, Lang, Sentiment, SiteKind } from '../taxonomy.js';
import type { RedFlagKind } from './red-flags.js';

export interface ClassifyContext {
  /** Masks the other site's intents: a hotel kiosk never answers "hospital.payment". */
  readonly site?: SiteKind;
  /** How many alternatives to return in `topK` (default 3). */
  readonly topK?: number;
}

export interface ScoredIntent {
  readonly intent: Intent;
  readonly probability: number;
}

/** Why `intent` is what it is: the policy and the logs need to tell a model guess from a rule. */
export type IntentReason = 'model' | 'red_flag' | 'department_emergency' | 'low_confidence' | 'no_content';

export interface IntentPrediction {
  readonly text: string;
  readonly normalized: string;
  readonly lang: Lang;
  readonly intent: Intent;
  /** Probability of `intent` (for `low_confidence`: 1 − the best in-scope probability). */
  readonly confidence: number;
  /** The model's best intents after site masking, before thresholds and rules. */
  readonly topK: readonly ScoredIntent[];
  readonly reason: IntentReason;
  readonly redFlag: RedFlagKind | null;
  readonly sentiment: Sentiment;
  readonly sentimentConfidence: number;
  /** Set when the intent is hospital.triage or emergency, otherwise null. */
  readonly department: Department | null;
}

/** What the kiosk, the mini-program, the edge server and `ask` use to understand an utterance. */
export interface IntentModel {
  classify(text: string, context?: ClassifyContext): Promise<IntentPrediction>;
  close(): Promise<void>;
}
