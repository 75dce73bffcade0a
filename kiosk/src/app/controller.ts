import { dict } from '../i18n/dict.js';
import type { DownMessage, EscalationTrigger, IntentId, Turn } from '@frontdesk/protocol';
import { decide, faqAnswer } from '../pipeline/dialogue.js';
import type { IntentModel } from '../pipeline/intent-model.js';
import type { OutboxSender, Settled } from '../sync/sender.js';
import type { ChatLine, KioskEvent, KioskState } from './state.js';

export interface ControllerDeps {
  sender: Pick<OutboxSender, 'enqueue'>;
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
    if (!trimmed) return;
    const state = this.deps.getState();
    const guest: ChatLine = { id: this.deps.newId(), role: 'guest', text: trimmed, at: this.deps.now() };
    this.deps.dispatch({ type: 'guest_said', line: guest });
    const ranked = await this.deps.model.classify(trimmed, state.lang);
    const reply = decide({
      ranked,
      kb: state.kb,
      lang: state.lang,
      unansweredStreak: state.unansweredStreak,
    });
    const top = ranked[0];
    const guestLine = top ? { ...guest, intent: top.intent } : guest;
    await this.turn(guestLine, true);
    switch (reply.kind) {
      case 'answer':
        await this.say(reply.text, true, reply.intent, reply.confidence);
        return;
      case 'clarify':
        this.deps.dispatch({ type: 'clarify', options: reply.options });
        return;
      case 'no_answer':
        await this.say(null, false, reply.intent);
        return;
      case 'escalate':
        if (reply.text) await this.say(reply.text, true, reply.intent);
        await this.requestPerson(reply.trigger, reply.intent);
        return;
    }
  }

  /** The guest picked one of the clarifying choices. */
  async choose(intent: IntentId): Promise<void> {
    const state = this.deps.getState();
    this.deps.dispatch({ type: 'clarify', options: [] });
    const text = faqAnswer(state.kb, intent, state.lang);
    await this.say(text, text !== null, intent);
  }

  async noneOfThese(): Promise<void> {
    this.deps.dispatch({ type: 'clarify', options: [] });
    const state = this.deps.getState();
    if (state.unansweredStreak + 1 >= 3) await this.requestPerson('no_answer');
    else await this.say(null, false);
  }

  async requestPerson(trigger: EscalationTrigger = 'asked_for_person', intent?: IntentId): Promise<void> {
    const state = this.deps.getState();
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
      ...(intent ? { intent } : {}),
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
    this.deps.dispatch({ type: 'assistant_said', line, answered });
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
