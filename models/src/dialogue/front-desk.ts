/**
 * One turn of the front desk, the path every surface runs (kiosk, mini-program, `ask`): validate the
 * utterance, classify it, extract slots, apply the dialogue policy.
 */
import type { IntentModel, IntentPrediction } from '../intent/intent-model.js';
import { extractSlots, type Slots } from '../slots/slots.js';
import type { Department, Intent, Lang, Sentiment, SiteKind } from '../taxonomy.js';
import type { KnowledgeView } from './knowledge.js';
import { step, type Action, type Decision, type DialogueState, type PolicyConfig } from './policy.js';

/** Longer than anyone types or says at a kiosk; past it the input is treated as a paste or an attack. */
export const MAX_UTTERANCE_CHARS = 500;

export type InputErrorCode = 'empty_input' | 'binary_input' | 'input_too_long';

export interface InputError {
  readonly code: InputErrorCode;
  readonly message: string;
}

function isBinaryChar(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  const control = (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || cp === 0x7f;
  return control || cp === 0xfffd;
}

/** Null when the text can be understood; otherwise why not. */
export function validateUtterance(text: string): InputError | null {
  if (text.trim().length === 0) return { code: 'empty_input', message: 'the utterance is empty' };
  // U+FFFD means the bytes were not UTF-8; other control characters mean binary data, not speech or typing.
  if ([...text].some(isBinaryChar)) {
    return { code: 'binary_input', message: 'the utterance contains binary data or invalid UTF-8' };
  }
  const length = [...text].length;
  if (length > MAX_UTTERANCE_CHARS) {
    return {
      code: 'input_too_long',
      message: `the utterance has ${length} characters; at most ${MAX_UTTERANCE_CHARS} are accepted`,
    };
  }
  return null;
}

export interface TurnResult {
  readonly prediction: IntentPrediction;
  readonly slots: Slots;
  readonly decision: Decision;
  readonly state: DialogueState;
}

export async function frontDeskTurn(
  model: IntentModel,
  knowledge: KnowledgeView,
  state: DialogueState,
  text: string,
  options: { nowMs: number; site?: SiteKind; policy?: PolicyConfig },
): Promise<TurnResult> {
  const site = options.site ?? knowledge.site;
  const prediction = await model.classify(text, site === undefined ? {} : { site });
  const slots = extractSlots(text, knowledge.places, { amenity: prediction.intent === 'hotel.amenities' });
  const result = step(state, {
    prediction: { ...prediction, slots },
    knowledge,
    nowMs: options.nowMs,
    ...(options.policy === undefined ? {} : { config: options.policy }),
  });
  return { prediction, slots, decision: result.decision, state: result.state };
}

/** One line of `ask --jsonl`, and the body of the edge server's `POST /api/understand`: a contract. */
export interface AskResult {
  readonly text: string;
  readonly lang: Lang;
  readonly intent: Intent;
  readonly confidence: number;
  readonly sentiment: Sentiment;
  readonly department: Department | null;
  readonly slots: Slots;
  readonly action: Action;
  readonly answer: string | null;
}

export function askResult(text: string, turn: TurnResult): AskResult {
  const p = turn.prediction;
  return {
    text,
    lang: p.lang,
    intent: turn.decision.intent,
    confidence: Math.round(p.confidence * 10_000) / 10_000,
    sentiment: p.sentiment,
    department: turn.decision.department,
    slots: turn.slots,
    action: turn.decision.action,
    answer: turn.decision.answer,
  };
}
