import type { DownBody } from '@frontdesk/protocol';
import type { ChatLine } from '../../app/vocabulary.js';

/** The handoff to a person: the request, its place in the queue, who took it, and the chat with them. */
export type HandoffStatus = 'queued' | 'pending' | 'claimed' | 'resolved' | 'cancelled';

export interface Handoff {
  /** The kiosk's id until the server's ack names the escalation it joined. */
  id: string;
  status: HandoffStatus;
  position: number | null;
  assignee: string | null;
  reassured: boolean;
  chat: ChatLine[];
}

export type HandoffEvent =
  | { type: 'handoff_requested'; escalationId: string }
  | { type: 'handoff_acked'; requestedId: string; escalationId: string }
  | { type: 'escalation.updated'; body: DownBody<'escalation.updated'> }
  | { type: 'escalation.waiting'; body: DownBody<'escalation.waiting'> }
  | { type: 'chat.message'; body: DownBody<'chat.message'> }
  | { type: 'guest_chat'; line: ChatLine };

const TYPES: ReadonlySet<string> = new Set<HandoffEvent['type']>([
  'handoff_requested',
  'handoff_acked',
  'escalation.updated',
  'escalation.waiting',
  'chat.message',
  'guest_chat',
]);

export function isHandoffEvent(event: { type: string }): event is HandoffEvent {
  return TYPES.has(event.type);
}

/** An open handoff (not resolved or cancelled): asking again shows it instead of starting another. */
export function handoffOpen(h: Handoff | null): h is Handoff {
  return h !== null && h.status !== 'resolved' && h.status !== 'cancelled';
}

function ours(handoff: Handoff | null, escalationId: string): handoff is Handoff {
  // Until the ack arrives the server may know the escalation under another id (it joined an open one).
  return handoff !== null && (handoff.id === escalationId || handoff.status === 'queued');
}

export function reduceHandoff(h: Handoff | null, event: HandoffEvent): Handoff | null {
  switch (event.type) {
    case 'handoff_requested':
      if (handoffOpen(h)) return h;
      return {
        id: event.escalationId,
        status: 'queued',
        position: null,
        assignee: null,
        reassured: false,
        chat: [],
      };
    case 'handoff_acked':
      if (!h || h.id !== event.requestedId) return h;
      return { ...h, id: event.escalationId, status: h.status === 'queued' ? 'pending' : h.status };
    case 'escalation.updated': {
      const e = event.body.escalation;
      if (!ours(h, e.id)) return h;
      return {
        ...h,
        id: e.id,
        status: e.status,
        position: e.position,
        assignee: e.assignee?.name ?? h.assignee,
      };
    }
    case 'escalation.waiting':
      if (!ours(h, event.body.escalationId)) return h;
      return { ...h, reassured: true };
    case 'chat.message': {
      const m = event.body;
      if (!ours(h, m.escalationId) || m.from !== 'staff') return h;
      if (h.chat.some((l) => l.id === m.messageId)) return h;
      const line: ChatLine = { id: m.messageId, role: 'staff', text: m.text, at: m.at, name: m.name };
      return { ...h, chat: [...h.chat, line] };
    }
    case 'guest_chat':
      return h && { ...h, chat: [...h.chat, event.line] };
  }
}
