import type { DownMessage, StaffEscalationView, TicketView } from '@frontdesk/protocol';
import type { ChatLine, ConsoleEvent, ConsoleState, PendingAction } from './state.js';

const CLOSED: ReadonlySet<string> = new Set(['resolved', 'cancelled']);

/**
 * A list fetched over HTTP may answer after a live update that is newer: a closed escalation never
 * reopens (the server has no such transition), and a ticket older than the one we have is stale.
 */
function upsertEscalation(state: ConsoleState, e: StaffEscalationView): ConsoleState {
  const have = state.escalations[e.id];
  if (have && CLOSED.has(have.status) && !CLOSED.has(e.status)) return state;
  return { ...state, escalations: { ...state.escalations, [e.id]: e } };
}

function upsertTicket(state: ConsoleState, t: TicketView): ConsoleState {
  const have = state.tickets[t.id];
  if (have && have.updatedAt > t.updatedAt) return state;
  return { ...state, tickets: { ...state.tickets, [t.id]: t } };
}

function appendChat(state: ConsoleState, escalationId: string, line: ChatLine): ConsoleState {
  const lines = state.chats[escalationId] ?? [];
  if (lines.some((l) => l.id === line.id)) return state;
  return { ...state, chats: { ...state.chats, [escalationId]: [...lines, line] } };
}

function mapChatLine(
  state: ConsoleState,
  escalationId: string,
  id: string,
  f: (l: ChatLine) => ChatLine,
): ConsoleState {
  const lines = state.chats[escalationId];
  if (!lines) return state;
  return { ...state, chats: { ...state.chats, [escalationId]: lines.map((l) => (l.id === id ? f(l) : l)) } };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What a request does to the screen at once, before the server answers (optimistic, shown as pending). */
function applyQueued(state: ConsoleState, a: PendingAction): ConsoleState {
  const next = { ...state, pending: [...state.pending.filter((p) => p.id !== a.id), a] };
  switch (a.type) {
    case 'chat.send':
      return appendChat(next, str(a.body.escalationId), {
        id: a.id,
        from: 'staff',
        name: state.session?.staff.name ?? null,
        text: str(a.body.text),
        at: a.ts,
        pending: true,
      });
    case 'ticket.update': {
      const t = next.tickets[str(a.body.ticketId)];
      const status = a.body.status as TicketView['status'];
      const note = typeof a.body.note === 'string' ? a.body.note : (t?.note ?? null);
      // Its updatedAt stays the server's: this handheld's clock is not comparable with it.
      return t ? { ...next, tickets: { ...next.tickets, [t.id]: { ...t, status, note } } } : next;
    }
    case 'presence.set':
      // `place: null` clears it; absent keeps it.
      return {
        ...next,
        onDuty: a.body.onDuty === true,
        place: a.body.place === null ? null : str(a.body.place) || state.place,
      };
    case 'escalation.claim':
      return { ...next, lostClaims: next.lostClaims.filter((id) => id !== a.body.escalationId) };
    default:
      return next;
  }
}

function settle(state: ConsoleState, ref: string, failed: boolean): [ConsoleState, PendingAction | null] {
  const action = state.pending.find((p) => p.id === ref) ?? null;
  if (!action) return [state, null];
  let next: ConsoleState = { ...state, pending: state.pending.filter((p) => p.id !== ref) };
  if (action.type === 'chat.send')
    next = mapChatLine(next, str(action.body.escalationId), ref, (l) => ({
      ...l,
      pending: false,
      ...(failed ? { failed: true } : {}),
    }));
  return [next, action];
}

const OPEN_ESCALATION: ReadonlySet<string> = new Set(['pending', 'claimed']);
const OPEN_TICKET: ReadonlySet<string> = new Set(['open', 'assigned', 'in_progress']);

/** Open items the server no longer lists as open were closed while we were not told (or offline). */
function dropClosed<T extends { id: string; status: string }>(
  have: Record<string, T>,
  open: readonly T[],
  openStatuses: ReadonlySet<string>,
): Record<string, T> {
  const listed = new Set(open.map((x) => x.id));
  return Object.fromEntries(
    Object.entries(have).filter(([id, x]) => listed.has(id) || !openStatuses.has(x.status)),
  );
}

/** Staff-side events that take an escalation off my offers (someone else has it, or it is over). */
const WITHDRAWING = new Set(['claimed', 'released', 're_escalated', 'resolved', 'cancelled', 'transferred']);

/** A lost claim's error names who won (`details.assignee`): the escalation is theirs now. */
function claimedBy(state: ConsoleState, escalationId: string, details: unknown): ConsoleState {
  const a = (details as { assignee?: { id?: unknown; name?: unknown } } | undefined)?.assignee;
  const e = state.escalations[escalationId];
  if (!e || typeof a?.id !== 'string' || typeof a.name !== 'string') return state;
  const escalation = { ...e, status: 'claimed' as const, assignee: { id: a.id, name: a.name } };
  return { ...state, escalations: { ...state.escalations, [escalationId]: escalation } };
}

function onServer(state: ConsoleState, m: DownMessage): ConsoleState {
  switch (m.type) {
    case 'ack':
      return settle(state, m.body.ref, false)[0];
    case 'error': {
      const [next, action] = m.body.ref ? settle(state, m.body.ref, true) : [state, null];
      const rejection = {
        ref: m.body.ref,
        code: m.body.code,
        message: m.body.message,
        messageZh: m.body.messageZh,
      };
      if (action?.type === 'escalation.claim' && m.body.code === 'CONFLICT') {
        const id = str(action.body.escalationId);
        return {
          ...claimedBy(next, id, m.body.details),
          lastRejection: rejection,
          lostClaims: [...next.lostClaims, id],
        };
      }
      return { ...next, lastRejection: rejection };
    }
    case 'escalation.offered': {
      const e = m.body.escalation;
      const offered = state.offered.includes(e.id) ? state.offered : [...state.offered, e.id];
      return { ...upsertEscalation(state, e), offered };
    }
    case 'escalation.staff_updated': {
      const e = m.body.escalation;
      const next = upsertEscalation(state, e);
      return WITHDRAWING.has(m.body.event)
        ? { ...next, offered: next.offered.filter((id) => id !== e.id) }
        : next;
    }
    case 'chat.message':
      return appendChat(state, m.body.escalationId, {
        id: m.body.messageId,
        from: m.body.from,
        name: m.body.name,
        text: m.body.text,
        at: m.body.at,
      });
    case 'ticket.assigned':
    case 'ticket.updated':
      return upsertTicket(state, m.body.ticket);
    case 'queue.snapshot': {
      let next: ConsoleState = { ...state, queue: m.body };
      for (const e of m.body.escalations) next = upsertEscalation(next, e);
      return next;
    }
    case 'kb.snapshot':
      return { ...state, kb: m.body };
    default:
      return state;
  }
}

function signedOut(state: ConsoleState): ConsoleState {
  return {
    ...state,
    session: null,
    connection: 'offline',
    escalations: {},
    tickets: {},
    offered: [],
    chats: {},
    lostClaims: [],
    queue: null,
    onDuty: false,
  };
}

/** The console's one reducer: (state, event) → state, no I/O, no clock. */
export function reduce(state: ConsoleState, event: ConsoleEvent): ConsoleState {
  switch (event.type) {
    case 'lang':
      return { ...state, lang: event.lang };
    case 'route':
      return { ...state, route: event.route };
    case 'signed_in':
      return { ...state, session: event.session, signInId: event.session.staff.id, signInProblem: null };
    case 'sign_in_failed':
      return { ...state, signInProblem: event.problem, signInId: event.id };
    case 'session_expired':
      // The pending outbox and drafts stay in IndexedDB; they are sent after signing in again.
      return {
        ...signedOut(state),
        signInProblem: 'expired',
        signInId: state.session?.staff.id ?? state.signInId,
      };
    case 'session_refreshed':
      return state.session?.staff.id === event.session.staff.id
        ? { ...state, session: event.session }
        : state;
    case 'signed_out':
      return { ...signedOut(state), signInProblem: null, pending: [] };
    case 'connection':
      return { ...state, connection: event.connection };
    case 'duty':
      return { ...state, onDuty: event.onDuty, place: event.place };
    case 'kb':
      return { ...state, kb: event.kb };
    case 'escalations': {
      const next = event.list.reduce(upsertEscalation, state);
      return event.open
        ? { ...next, escalations: dropClosed(next.escalations, event.list, OPEN_ESCALATION) }
        : next;
    }
    case 'tickets': {
      const next = event.list.reduce(upsertTicket, state);
      return event.open ? { ...next, tickets: dropClosed(next.tickets, event.list, OPEN_TICKET) } : next;
    }
    case 'chat_history': {
      // Server history first, then what is still pending here (not yet on the server).
      const mine = (state.chats[event.escalationId] ?? []).filter(
        (l) => l.pending === true && !event.lines.some((h) => h.id === l.id),
      );
      return { ...state, chats: { ...state.chats, [event.escalationId]: [...event.lines, ...mine] } };
    }
    case 'queued':
      return applyQueued(state, event.action);
    case 'pending_restored':
      return event.actions.reduce((s, a) => applyQueued(s, a), state);
    case 'server':
      return onServer(state, event.message);
    case 'notifications':
      return { ...state, notifications: event.permission };
    case 'dismiss_rejection':
      return { ...state, lastRejection: null };
  }
}
