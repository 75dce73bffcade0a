import {
  frontDeskTurn,
  knowledgeFromKb,
  step,
  validateUtterance,
  type Decision,
  type EscalationReason,
  type IntentModel,
  type KnowledgeView,
  type Sentiment,
  type TurnResult,
  type UtterancePrediction,
} from '@frontdesk/models';
import type {
  DepartmentId,
  DownMessage,
  EscalationTrigger,
  IntentId,
  KnowledgeBase,
  Turn,
} from '@frontdesk/protocol';
import { dict } from '../i18n/dict.js';
import type { OutboxSender, Settled } from '../sync/sender.js';
import type { ChatLine, KioskEvent, KioskState } from './state.js';

export interface ControllerDeps {
  sender: Pick<OutboxSender, 'enqueue'>;
  /** The trained model (in a worker in the browser); classify rejects when it could not be loaded. */
  model: IntentModel;
  dispatch(event: KioskEvent): void;
  getState(): KioskState;
  now(): number;
  newId(): string;
}

/** Entity ids on the wire: letters, digits, `_` and `-`, at most 64. */
const entityId = (prefix: string, id: string) => `${prefix}-${id}`.slice(0, 64);

function toTurn(line: ChatLine): Turn {
  return {
    role: line.role,
    text: line.text.slice(0, 2000),
    at: line.at,
    ...(line.intent ? { intent: line.intent } : {}),
  };
}

/** The wire's escalation triggers for the policy's reasons (the server derives the priority from them). */
const TRIGGER: Record<EscalationReason, EscalationTrigger> = {
  emergency: 'emergency',
  asked_for_person: 'asked_for_person',
  complaint: 'negative_sentiment',
  clarification_failed: 'no_answer',
  no_progress: 'no_answer',
  no_answer: 'no_answer',
};

/** Before the first knowledge base arrives: nothing to answer from, so the policy hands over. */
const NO_KNOWLEDGE: KnowledgeView = { places: [], answer: () => null, placeAnswer: () => null };

/** Extra facts for a request for a person: they route it and raise its priority on the server. */
interface RaiseDetails {
  intent?: IntentId;
  department?: DepartmentId | null;
  sentiment?: Sentiment | null;
  place?: string;
}

/**
 * What the guest's actions do: run the dialogue pipeline, fold its outcome into the state, and put
 * every request for the server into the outbox. Components call these methods and nothing else.
 */
export class KioskController {
  constructor(private readonly deps: ControllerDeps) {}

  wake(): void {
    this.deps.dispatch({ type: 'wake', conversationId: entityId('conv', this.deps.newId()) });
  }

  idle(): void {
    void this.withdrawUnclaimed('idle');
    this.deps.dispatch({ type: 'idle' });
  }

  async ask(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || validateUtterance(trimmed) !== null) return;
    const state = this.deps.getState();
    const guest: ChatLine = { id: this.deps.newId(), role: 'guest', text: trimmed, at: this.deps.now() };
    this.deps.dispatch({ type: 'guest_said', line: guest });
    let result: TurnResult;
    try {
      result = await frontDeskTurn(
        this.deps.model,
        this.knowledge(state.kb),
        state.dialogue.policy,
        trimmed,
        {
          nowMs: this.deps.now(),
          ...(state.kb ? { site: state.kb.kind } : {}),
        },
      );
    } catch {
      // The model could not be loaded: say so plainly; the buttons and "talk to a person" still work.
      await this.turn(guest, false);
      await this.say(dict(state.lang).modelFailed, false);
      this.remember(state.dialogue.policy, null, true);
      return;
    }
    const { prediction } = result;
    // The guest's turn goes into the outbox first (its IndexedDB write is queued now, so it keeps its
    // place before the answer's), but the answer does not wait for the write and the send: on a busy
    // kiosk those take tens of milliseconds, and they were the answer's slowest part.
    const guestTurn = this.turn({ ...guest, intent: prediction.intent }, true, prediction.confidence);
    this.remember(result.state, prediction.sentiment, result.decision.offerHuman);
    await Promise.all([guestTurn, this.act(result.decision, prediction.sentiment, prediction.confidence)]);
  }

  /** The guest picked one of the clarifying choices: to the policy, that intent with certainty. */
  async choose(intent: IntentId): Promise<void> {
    await this.pick(intent);
  }

  /** None of the choices: the clarification failed, and the policy hands the guest to a person. */
  async noneOfThese(): Promise<void> {
    await this.pick('out_of_scope');
  }

  async requestPerson(
    trigger: EscalationTrigger = 'asked_for_person',
    details: RaiseDetails = {},
  ): Promise<void> {
    const state = this.deps.getState();
    const sentiment = details.sentiment ?? state.dialogue.sentiment;
    const conversationId = state.conversationId ?? entityId('conv', this.deps.newId());
    const escalationId = entityId('esc', this.deps.newId());
    const lastGuest = state.transcript.filter((l) => l.role === 'guest').at(-1);
    this.deps.dispatch({ type: 'handoff_requested', escalationId });
    const after = this.deps.getState();
    if (after.handoff?.id !== escalationId) return; // one open request at a time
    const intents = state.transcript.flatMap((l) => (l.intent ? [l.intent] : [])).slice(-100);
    await this.deps.sender.enqueue('escalation.raise', {
      escalationId,
      conversationId,
      trigger,
      lang: state.lang,
      summary: (lastGuest?.text ?? trigger).slice(0, 500),
      ...(details.intent ? { intent: details.intent } : {}),
      ...(details.department ? { department: details.department } : {}),
      ...(sentiment ? { sentiment } : {}),
      ...(details.place ? { place: details.place } : {}),
      transcript: state.transcript.slice(-100).map(toTurn),
      intents,
    });
  }

  async sendChat(text: string): Promise<void> {
    const trimmed = text.trim().slice(0, 1000);
    const handoff = this.deps.getState().handoff;
    if (!trimmed || !handoff) return;
    const line: ChatLine = { id: this.deps.newId(), role: 'guest', text: trimmed, at: this.deps.now() };
    this.deps.dispatch({ type: 'guest_chat', line });
    await this.deps.sender.enqueue('chat.send', { escalationId: handoff.id, text: trimmed });
  }

  finish(): void {
    void this.withdrawUnclaimed('finished');
    const state = this.deps.getState();
    if (state.conversationId && (state.transcript.length > 0 || state.handoff))
      this.deps.dispatch({ type: 'finish' });
    else this.idle();
  }

  async rate(score: number): Promise<void> {
    const state = this.deps.getState();
    if (state.rated || !state.conversationId) return;
    this.deps.dispatch({ type: 'rated' });
    await this.deps.sender.enqueue('rating.submit', {
      conversationId: state.conversationId,
      score,
      ...(state.handoff && state.handoff.status !== 'queued' ? { escalationId: state.handoff.id } : {}),
    });
  }

  /** A request left the outbox: learn the escalation's real id, or tell the guest it was refused. */
  settled(settled: Settled): void {
    if (settled.outcome === 'ack') {
      if (settled.entry.type === 'escalation.raise' && settled.ack.entityId) {
        const body = settled.entry.body as { escalationId: string };
        this.deps.dispatch({
          type: 'handoff_acked',
          requestedId: body.escalationId,
          escalationId: settled.ack.entityId,
        });
      }
      return;
    }
    if (settled.entry.type !== 'conversation.turn')
      this.deps.dispatch({ type: 'notice', notice: 'rejected' });
  }

  /** A message from the server for this kiosk. */
  received(message: DownMessage): void {
    switch (message.type) {
      case 'kb.snapshot':
        this.deps.dispatch({ type: 'kb', kb: message.body });
        return;
      case 'escalation.updated':
      case 'escalation.waiting':
      case 'chat.message':
      case 'ticket.updated':
        this.deps.dispatch({ type: message.type, body: message.body } as KioskEvent);
        return;
      default:
        return;
    }
  }

  /**
   * The guest left before anyone claimed the request: withdraw it so nobody walks to an empty kiosk.
   * A claimed one stays (the member of staff may already be on the way) until staff resolve it.
   */
  private async withdrawUnclaimed(reason: 'idle' | 'finished'): Promise<void> {
    const handoff = this.deps.getState().handoff;
    if (!handoff || (handoff.status !== 'queued' && handoff.status !== 'pending')) return;
    await this.deps.sender.enqueue('escalation.cancel', {
      escalationId: handoff.id,
      reason: reason === 'idle' ? 'guest left the kiosk (idle timeout)' : 'guest finished before a claim',
    });
  }

  private knowledge(kb: KnowledgeBase | null): KnowledgeView {
    if (kb !== this.kbSeen) {
      this.kbSeen = kb;
      this.view = kb ? knowledgeFromKb(kb) : NO_KNOWLEDGE;
    }
    return this.view;
  }

  private kbSeen: KnowledgeBase | null = null;
  private view: KnowledgeView = NO_KNOWLEDGE;

  private remember(
    policy: KioskState['dialogue']['policy'],
    sentiment: Sentiment | null,
    offerPerson: boolean,
  ) {
    const previous = this.deps.getState().dialogue;
    this.deps.dispatch({
      type: 'dialogue',
      dialogue: { policy, sentiment: sentiment ?? previous.sentiment, offerPerson },
    });
  }

  private async pick(intent: IntentId): Promise<void> {
    const state = this.deps.getState();
    this.deps.dispatch({ type: 'clarify', options: [] });
    const prediction: UtterancePrediction = {
      lang: state.lang,
      intent,
      confidence: 1,
      topK: [{ intent, probability: 1 }],
      sentiment: state.dialogue.sentiment ?? 'neutral',
      department: null,
      slots: {},
    };
    const result = step(state.dialogue.policy, {
      prediction,
      knowledge: this.knowledge(state.kb),
      nowMs: this.deps.now(),
    });
    this.remember(result.state, null, result.decision.offerHuman);
    await this.act(result.decision, state.dialogue.sentiment, 1);
  }

  /** Carries out the policy's decision: answer, clarify, start a flow, or hand over to a person. */
  private async act(decision: Decision, sentiment: Sentiment | null, confidence: number): Promise<void> {
    const intent = decision.intent;
    switch (decision.action) {
      case 'answer':
        await this.say(decision.answer, intent !== 'out_of_scope', intent, confidence);
        return;
      case 'clarify':
        this.deps.dispatch({ type: 'clarify', options: [...decision.choices] });
        return;
      case 'flow': {
        if (decision.flow === null) return;
        this.deps.dispatch({
          type: 'flow',
          flow: decision.flow,
          slots: decision.slots,
          department: decision.department,
        });
        // No journey screen took the flow: answer what the knowledge base says for it, and offer a
        // person where it says nothing. Never a dead end.
        if (this.deps.getState().screen !== 'ask') return;
        await this.say(decision.answer, decision.answer !== null, intent, confidence);
        if (decision.answer === null) this.remember(this.deps.getState().dialogue.policy, null, true);
        return;
      }
      case 'escalate': {
        const reason = decision.escalation ?? 'no_answer';
        // Handing over after no progress is not an answer (the server counts those too).
        const answered = TRIGGER[reason] !== 'no_answer';
        if (decision.answer) await this.say(decision.answer, answered, intent, confidence);
        await this.requestPerson(TRIGGER[reason], {
          intent,
          department: decision.department,
          sentiment,
          ...(decision.slots.place ? { place: decision.slots.place } : {}),
        });
        return;
      }
    }
  }

  private async say(text: string | null, answered: boolean, intent?: IntentId, confidence?: number) {
    const state = this.deps.getState();
    const line: ChatLine = {
      id: this.deps.newId(),
      role: 'assistant',
      // Null: the screen shows "not understood" in the guest's language; the server gets a marker.
      text: text ?? '',
      at: this.deps.now(),
      ...(intent ? { intent } : {}),
    };
    this.deps.dispatch({ type: 'assistant_said', line });
    await this.turn({ ...line, text: text ?? dict(state.lang).notUnderstood }, answered, confidence);
  }

  private async turn(line: ChatLine, answered: boolean, confidence?: number): Promise<void> {
    const state = this.deps.getState();
    if (!state.conversationId) return;
    await this.deps.sender.enqueue('conversation.turn', {
      conversationId: state.conversationId,
      turn: { ...toTurn(line), ...(confidence !== undefined ? { confidence } : {}) },
      answered,
      lang: state.lang,
    });
  }
}
