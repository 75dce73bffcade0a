/**
 * The dialogue policy: (state, utterance prediction, knowledge, now) → (action, new state). Pure: no
 * clock, no I/O; `now` is passed in. It decides between answering from the knowledge base, starting a
 * flow, clarifying once with the top choices, and escalating to staff, and it never loops.
 */
import type { Priority } from '@frontdesk/protocol';
import type { Slots } from '../slots/slots.js';
import type { Department, Intent, Lang, Sentiment } from '../taxonomy.js';
import type { KnowledgeView } from './knowledge.js';

export type Action = 'answer' | 'flow' | 'clarify' | 'escalate';
/**
 * The wire's priorities (`routine | high | emergency`, `@frontdesk/protocol`). `Decision.priority` goes
 * out in `POST /api/understand`'s answer, so a phone can show the same urgency the staff queue will;
 * an escalation's real priority is still the server's (`escalation.raise` carries the trigger and the
 * sentiment, never a priority: a device must not be able to jump the queue), by the same rule as here.
 */
export type { Priority };
export type FlowId =
  'checkin' | 'checkout' | 'fault_report' | 'triage' | 'appointment_checkin' | 'wayfinding';
export type EscalationReason =
  'emergency' | 'asked_for_person' | 'complaint' | 'clarification_failed' | 'no_progress' | 'no_answer';

/** What the policy needs from one understood utterance (IntentPrediction plus slots fits). */
export interface UtterancePrediction {
  readonly lang: Lang;
  readonly intent: Intent;
  readonly confidence: number;
  readonly topK: ReadonlyArray<{ readonly intent: Intent; readonly probability: number }>;
  readonly sentiment: Sentiment;
  readonly department: Department | null;
  readonly slots: Slots;
}

export interface Topic {
  readonly intent: Intent;
  readonly place: string | null;
  readonly atMs: number;
}

export interface DialogueState {
  readonly turns: number;
  /** Consecutive turns that ended without an answer, a flow or an escalation. */
  readonly unansweredTurns: number;
  /** Set while the user is being asked to pick one of these. */
  readonly clarifying: readonly Intent[] | null;
  readonly topic: Topic | null;
  readonly lastTurnAtMs: number | null;
}

export interface Decision {
  readonly action: Action;
  /** The intent acted on (after context and clarification). */
  readonly intent: Intent;
  readonly answer: string | null;
  readonly flow: FlowId | null;
  /** Buttons for `clarify`. */
  readonly choices: readonly Intent[];
  readonly priority: Priority;
  readonly escalation: EscalationReason | null;
  /** Show a "talk to a person" button. */
  readonly offerHuman: boolean;
  readonly slots: Slots;
  readonly department: Department | null;
}

export interface PolicyConfig {
  /** The top intent must be at least this probable to be acted on... */
  readonly actThreshold: number;
  /** ...and this far ahead of the second. */
  readonly ambiguityMargin: number;
  /** Between this and the act threshold (or within the margin) the user is asked to choose. */
  readonly clarifyThreshold: number;
  /** Alternatives below this probability are not offered as buttons. */
  readonly choiceMinProbability: number;
  readonly maxUnansweredTurns: number;
  /** A follow-up ("what about the pool?") keeps the topic for this long. */
  readonly topicTtlMs: number;
  /** After this much silence the next utterance starts a new conversation. */
  readonly sessionTimeoutMs: number;
}

export const DEFAULT_POLICY: PolicyConfig = {
  actThreshold: 0.6,
  ambiguityMargin: 0.2,
  clarifyThreshold: 0.25,
  choiceMinProbability: 0.1,
  maxUnansweredTurns: 3,
  topicTtlMs: 3 * 60_000,
  sessionTimeoutMs: 5 * 60_000,
};

export const INITIAL_STATE: DialogueState = {
  turns: 0,
  unansweredTurns: 0,
  clarifying: null,
  topic: null,
  lastTurnAtMs: null,
};

const FLOWS: Readonly<Partial<Record<Intent, FlowId>>> = {
  'hotel.checkin': 'checkin',
  'hotel.checkout': 'checkout',
  fault_report: 'fault_report',
  'hospital.triage': 'triage',
  'hospital.appointment_checkin': 'appointment_checkin',
  wayfinding: 'wayfinding',
};

/** Intents whose answer depends on the place ("gym hours" vs "pool hours"). */
const PLACE_INTENTS: ReadonlySet<Intent> = new Set<Intent>(['wayfinding', 'hotel.facilities']);

const FALLBACK: Readonly<Record<Lang, { escalate: string; clarify: string; noAnswer: string }>> = {
  zh: {
    escalate: '已为您联系工作人员，请稍候。',
    clarify: '请问您是想办理以下哪一项？',
    noAnswer: '抱歉，这个问题我暂时回答不了，已为您联系工作人员。',
  },
  en: {
    escalate: 'I have asked a member of staff to help you; please wait a moment.',
    clarify: 'Did you mean one of these?',
    noAnswer: 'Sorry, I do not have an answer for that; I have asked a member of staff to help you.',
  },
};

export interface PolicyInput {
  readonly prediction: UtterancePrediction;
  readonly knowledge: KnowledgeView;
  readonly nowMs: number;
  readonly config?: PolicyConfig;
}

type Step = { decision: Decision; state: DialogueState };

/** One turn's inputs, resolved once: the session (reset after silence), the language and the mood. */
interface Turn {
  readonly p: UtterancePrediction;
  readonly knowledge: KnowledgeView;
  readonly nowMs: number;
  readonly config: PolicyConfig;
  readonly state: DialogueState;
  readonly lang: Lang;
  readonly negative: boolean;
  readonly basePriority: Priority;
}

/** What the turn is about after clarification, fault codes and follow-ups have been taken into account. */
interface Understood {
  readonly intent: Intent;
  readonly place: string | null;
  readonly confident: boolean;
  readonly top: number;
}

export function step(previous: DialogueState, input: PolicyInput): Step {
  const turn = startTurn(previous, input);
  const { p, state } = turn;
  // Danger and explicit requests for a person never wait for thresholds or clarifications.
  if (p.intent === 'emergency') return escalate(turn, 'emergency', 'emergency', 'emergency');
  if (p.intent === 'human_agent') return escalate(turn, 'human_agent', 'asked_for_person', turn.basePriority);
  const understood = understand(turn);
  if (understood === 'clarification_failed') {
    return escalate(turn, p.intent, 'clarification_failed', turn.basePriority);
  }
  if (understood.confident) return act(turn, understood.intent, understood.place);
  if (understood.top >= turn.config.clarifyThreshold && state.clarifying === null) {
    const clarified = clarify(turn, understood.intent);
    if (clarified !== null) return clarified;
  }
  return decide(
    turn,
    {
      action: 'answer',
      intent: 'out_of_scope',
      answer: turn.knowledge.answer('out_of_scope', turn.lang) ?? FALLBACK[turn.lang].noAnswer,
    },
    {},
  );
}

function startTurn(previous: DialogueState, input: PolicyInput): Turn {
  const { prediction: p, knowledge, nowMs } = input;
  const config = input.config ?? DEFAULT_POLICY;
  const expired = previous.lastTurnAtMs !== null && nowMs - previous.lastTurnAtMs > config.sessionTimeoutMs;
  const negative = p.sentiment === 'negative';
  return {
    p,
    knowledge,
    nowMs,
    config,
    state: expired ? INITIAL_STATE : previous,
    lang: p.lang,
    negative,
    basePriority: negative ? 'high' : 'routine',
  };
}

function decide(
  turn: Turn,
  d: Partial<Decision> & Pick<Decision, 'action' | 'intent'>,
  next: Partial<DialogueState>,
): Step {
  const { p, state, config } = turn;
  const decision: Decision = {
    answer: null,
    flow: null,
    choices: [],
    priority: turn.basePriority,
    escalation: null,
    offerHuman: turn.negative,
    slots: p.slots,
    department: d.intent === p.intent ? p.department : null,
    ...d,
  };
  const answered =
    decision.action !== 'clarify' && !(decision.action === 'answer' && decision.intent === 'out_of_scope');
  const newState: DialogueState = {
    turns: state.turns + 1,
    unansweredTurns: answered ? 0 : state.unansweredTurns + 1,
    clarifying: null,
    topic: state.topic,
    lastTurnAtMs: turn.nowMs,
    ...next,
  };
  // Never loop: the third turn in a row without progress goes to a person.
  if (!answered && newState.unansweredTurns >= config.maxUnansweredTurns) {
    return {
      decision: {
        ...decision,
        action: 'escalate',
        answer: FALLBACK[turn.lang].escalate,
        choices: [],
        escalation: 'no_progress',
        offerHuman: true,
      },
      state: { ...newState, unansweredTurns: 0, clarifying: null },
    };
  }
  return { decision, state: newState };
}

function escalate(turn: Turn, intent: Intent, reason: EscalationReason, priority: Priority): Step {
  return decide(
    turn,
    {
      action: 'escalate',
      intent,
      answer: turn.knowledge.answer(intent, turn.lang) ?? FALLBACK[turn.lang].escalate,
      priority,
      escalation: reason,
      offerHuman: reason !== 'emergency',
    },
    { unansweredTurns: 0, topic: null },
  );
}

/** The intent and place acted on, or `clarification_failed` when the reply to "did you mean" is none of them. */
function understand(turn: Turn): Understood | 'clarification_failed' {
  const { p, state, config, nowMs } = turn;
  let intent: Intent = p.intent;
  let place = p.slots.place ?? null;
  const [first, second] = p.topK;
  const top = first?.probability ?? 0;
  const margin = top - (second?.probability ?? 0);
  let confident =
    intent !== 'out_of_scope' && p.confidence >= config.actThreshold && margin >= config.ambiguityMargin;

  if (state.clarifying !== null) {
    // The answer to "did you mean...": a button press arrives as that intent with confidence 1.
    const picked = state.clarifying.includes(intent) && p.confidence >= config.clarifyThreshold;
    if (!picked) return 'clarification_failed';
    confident = true;
  }

  // People quote an appliance's fault code only to report the fault: "E4 in room 1203" is a fault report
  // even when the model, lacking the word "broken", is unsure.
  if (!confident && p.slots.faultCode !== undefined && state.clarifying === null) {
    intent = 'fault_report';
    confident = true;
  }

  // A follow-up that names only a new place ("what about the pool?", "那游泳池呢") keeps the topic.
  const topic = state.topic !== null && nowMs - state.topic.atMs <= config.topicTtlMs ? state.topic : null;
  if (!confident && topic !== null && place !== null && PLACE_INTENTS.has(topic.intent)) {
    intent = topic.intent;
    confident = true;
  } else if (
    confident &&
    topic !== null &&
    place === null &&
    PLACE_INTENTS.has(intent) &&
    intent === topic.intent
  ) {
    place = topic.place;
  }
  return { intent, place, confident, top };
}

/** A confident intent: a complaint goes to staff, a flow starts, anything else is answered (or escalated). */
function act(turn: Turn, intent: Intent, place: string | null): Step {
  const { p, knowledge, lang, nowMs } = turn;
  if (intent === 'complaint') {
    return decide(
      turn,
      {
        action: 'escalate',
        intent,
        answer: knowledge.answer(intent, lang) ?? FALLBACK[lang].escalate,
        priority: 'high',
        escalation: 'complaint',
        offerHuman: true,
      },
      { topic: null },
    );
  }
  const slots: Slots = place !== null ? { ...p.slots, place } : p.slots;
  const placeText = place !== null && PLACE_INTENTS.has(intent) ? knowledge.placeAnswer(place, lang) : null;
  const answer = placeText ?? knowledge.answer(intent, lang);
  const nextTopic: Topic = { intent, place, atMs: nowMs };
  const flow = FLOWS[intent] ?? null;
  if (flow !== null)
    return decide(turn, { action: 'flow', intent, flow, answer, slots }, { topic: nextTopic });
  if (answer === null) return escalate(turn, intent, 'no_answer', turn.basePriority);
  const next: Partial<DialogueState> =
    intent === 'thanks_bye' ? { topic: null, unansweredTurns: 0 } : { topic: nextTopic };
  return decide(turn, { action: 'answer', intent, answer, slots }, next);
}

/** Unsure: offer the likely choices as buttons, once; `null` when there are too few to offer. */
function clarify(turn: Turn, intent: Intent): Step | null {
  const choices = turn.p.topK
    .filter((c) => c.intent !== 'out_of_scope' && c.probability >= turn.config.choiceMinProbability)
    .slice(0, 3)
    .map((c) => c.intent);
  if (choices.length >= 2 || (choices.length === 1 && intent === 'out_of_scope')) {
    return decide(
      turn,
      { action: 'clarify', intent, answer: FALLBACK[turn.lang].clarify, choices },
      { clarifying: choices },
    );
  }
  return null;
}
