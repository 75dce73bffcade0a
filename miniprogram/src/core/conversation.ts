import type {
  DialogueStateWire,
  DownMessage,
  EscalationStatus,
  EscalationTrigger,
  HandoverViewWire,
  IntentId,
  Lang,
  LocalizedText,
  TicketView,
  UnderstandAnswer,
} from '@frontdesk/protocol';

/**
 * The conversation on the phone as one pure reducer: questions and answers, clarification chips,
 * the request for a person and the live chat with whoever claimed it, and a conversation resumed
 * from a kiosk. Later journeys (fault report, pre-check-in, my requests) add their own events here.
 */

/** What the assistant says when the answer has no text of its own (looked up in the dictionary). */
export type Saying = 'clarify' | 'escalating' | 'flowOnKiosk' | 'noAnswer';

export interface Line {
  id: string;
  role: 'guest' | 'assistant' | 'staff';
  /** The text as typed or answered; null for a `say` line. */
  text: string | null;
  say?: Saying;
  /** Staff lines: who wrote it. */
  name?: string | null;
  at: number;
}

export interface EscalationState {
  /** The phone's id until the server's ack names the escalation it joined. */
  id: string;
  /** `queued`: written to the outbox, not yet acknowledged. */
  status: 'queued' | EscalationStatus;
  position: number | null;
  assignee: string | null;
  /** Nobody has claimed it for a while: the page reassures the guest. */
  waiting: boolean;
}

export interface Notice {
  code: string;
  text: LocalizedText;
}

export interface ConversationState {
  lang: Lang;
  conversationId: string | null;
  lines: Line[];
  /** Clarification chips: intents the guest may have meant. */
  choices: IntentId[];
  offerHuman: boolean;
  /** Sent back with the next question so the server carries the conversation on. */
  dialogue: DialogueStateWire | null;
  asking: boolean;
  escalation: EscalationState | null;
  ticket: TicketView | null;
  /** Resumed from a kiosk's continue-on-phone code. */
  resumed: boolean;
  notice: Notice | null;
}

export type ConversationEvent =
  | { type: 'lang'; lang: Lang }
  | { type: 'asked'; id: string; text: string; at: number; conversationId: string }
  | { type: 'answered'; id: string; at: number; answer: UnderstandAnswer }
  | { type: 'failed'; notice: Notice }
  | { type: 'escalation_requested'; escalationId: string }
  | { type: 'escalation_acked'; requestedId: string; escalationId: string }
  | { type: 'guest_chat'; id: string; text: string; at: number }
  | { type: 'resumed'; handover: HandoverViewWire }
  | { type: 'down'; message: DownMessage }
  | { type: 'dismiss' };

export function initialConversation(lang: Lang): ConversationState {
  return {
    lang,
    conversationId: null,
    lines: [],
    choices: [],
    offerHuman: false,
    dialogue: null,
    asking: false,
    escalation: null,
    ticket: null,
    resumed: false,
    notice: null,
  };
}

/** The wire's escalation triggers for the answer policy's reasons, as on the kiosk. */
const TRIGGER: Record<string, EscalationTrigger> = {
  emergency: 'emergency',
  asked_for_person: 'asked_for_person',
  complaint: 'negative_sentiment',
};

/** What to raise for an answer whose action is `escalate` (null for any other action). */
export function escalationFor(answer: UnderstandAnswer): EscalationTrigger | null {
  if (answer.action !== 'escalate') return null;
  return TRIGGER[answer.escalation ?? ''] ?? 'no_answer';
}

/** An open request for a person: asking again shows it instead of raising another. */
export function escalationOpen(e: EscalationState | null): e is EscalationState {
  return e !== null && e.status !== 'resolved' && e.status !== 'cancelled';
}

function sayingFor(answer: UnderstandAnswer): Saying | null {
  if (answer.action === 'clarify') return 'clarify';
  if (answer.action === 'escalate') return 'escalating';
  if (answer.action === 'flow') return 'flowOnKiosk';
  return answer.answer ? null : 'noAnswer';
}

function answered(s: ConversationState, e: Extract<ConversationEvent, { type: 'answered' }>) {
  const a = e.answer;
  const say = sayingFor(a);
  const line: Line = say
    ? { id: e.id, role: 'assistant', text: a.action === 'answer' ? null : a.answer, say, at: e.at }
    : { id: e.id, role: 'assistant', text: a.answer, at: e.at };
  return {
    ...s,
    asking: false,
    lines: [...s.lines, line],
    choices: a.action === 'clarify' ? [...a.choices] : [],
    offerHuman: a.offerHuman || a.action === 'flow' || a.action === 'escalate',
    dialogue: a.state,
  };
}

/** Staff lines and the guest's lines from the other screen, once each (by message id). */
function chatLine(s: ConversationState, m: Extract<DownMessage, { type: 'chat.message' }>['body']) {
  if (!s.escalation || s.escalation.id !== m.escalationId) return s;
  if (s.lines.some((l) => l.id === m.messageId)) return s;
  const line: Line = { id: m.messageId, role: m.from, text: m.text, name: m.name, at: m.at };
  return { ...s, lines: [...s.lines, line] };
}

function fromServer(s: ConversationState, message: DownMessage): ConversationState {
  switch (message.type) {
    case 'escalation.updated': {
      const e = message.body.escalation;
      const mine = s.escalation && (s.escalation.id === e.id || s.escalation.status === 'queued');
      if (!mine) return s;
      return {
        ...s,
        escalation: {
          id: e.id,
          status: e.status,
          position: e.position,
          assignee: e.assignee?.name ?? s.escalation?.assignee ?? null,
          waiting: s.escalation?.waiting ?? false,
        },
      };
    }
    case 'escalation.waiting':
      if (s.escalation?.id !== message.body.escalationId) return s;
      return { ...s, escalation: { ...s.escalation, waiting: true } };
    case 'chat.message':
      return chatLine(s, message.body);
    case 'ticket.updated':
      if (s.ticket?.id !== message.body.ticket.id) return s;
      return { ...s, ticket: message.body.ticket };
    case 'error':
      return { ...s, notice: { code: message.body.code, text: errorText(message.body) } };
    default:
      return s;
  }
}

const errorText = (b: { message: string; messageZh: string }): LocalizedText => ({
  en: b.message,
  zh: b.messageZh,
});

/** The history a kiosk handed over: its turns, then the chat with staff, in time order. */
function resumedLines(h: HandoverViewWire): Line[] {
  const turns: Line[] = h.turns.map((t, i) => ({ id: `turn-${i}`, role: t.role, text: t.text, at: t.at }));
  const chat: Line[] = h.chat.map((m) => ({
    id: m.messageId,
    role: m.from,
    text: m.text,
    name: m.name,
    at: m.at,
  }));
  return [...turns, ...chat].sort((a, b) => a.at - b.at);
}

function resumed(s: ConversationState, h: HandoverViewWire): ConversationState {
  const e = h.escalation;
  return {
    ...s,
    conversationId: h.conversationId,
    lines: resumedLines(h),
    resumed: true,
    ticket: h.ticket,
    escalation: e
      ? {
          id: e.id,
          status: e.status,
          position: e.position,
          assignee: e.assignee?.name ?? null,
          waiting: false,
        }
      : null,
  };
}

export function reduceConversation(s: ConversationState, event: ConversationEvent): ConversationState {
  switch (event.type) {
    case 'lang':
      return { ...s, lang: event.lang };
    case 'asked': {
      const line: Line = { id: event.id, role: 'guest', text: event.text, at: event.at };
      const conversationId = s.conversationId ?? event.conversationId;
      return { ...s, conversationId, asking: true, choices: [], notice: null, lines: [...s.lines, line] };
    }
    case 'answered':
      return answered(s, event);
    case 'failed':
      return { ...s, asking: false, notice: event.notice };
    case 'escalation_requested':
      if (escalationOpen(s.escalation)) return s;
      return {
        ...s,
        offerHuman: false,
        escalation: {
          id: event.escalationId,
          status: 'queued',
          position: null,
          assignee: null,
          waiting: false,
        },
      };
    case 'escalation_acked':
      if (s.escalation?.id !== event.requestedId) return s;
      return {
        ...s,
        escalation: {
          ...s.escalation,
          id: event.escalationId,
          status: s.escalation.status === 'queued' ? 'pending' : s.escalation.status,
        },
      };
    case 'guest_chat':
      return { ...s, lines: [...s.lines, { id: event.id, role: 'guest', text: event.text, at: event.at }] };
    case 'resumed':
      return resumed(s, event.handover);
    case 'down':
      return fromServer(s, event.message);
    case 'dismiss':
      return { ...s, notice: null };
  }
}
