import type {
  DownMessage,
  ErrorCode,
  KnowledgeBase,
  Lang,
  StaffEscalationView,
  StaffUpType,
  TicketView,
  DownBody,
} from '@frontdesk/protocol';
import type { Me } from '../features/inbox/inbox.js';
import type { Route } from './route.js';

export type Connection = 'connecting' | 'online' | 'offline';
export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';
export type QueueSnapshot = DownBody<'queue.snapshot'>;

export interface Session {
  token: string;
  /** When this handheld received the token, on its own clock (absent in sessions saved before). */
  issuedAt?: number;
  /** When the token expires, on this handheld's clock (see `sessionFrom`). */
  expiresAt: number;
  staff: Me;
  mqttWs: string;
}

export interface ChatLine {
  id: string;
  from: 'guest' | 'staff';
  name: string | null;
  text: string;
  at: number;
  /** Mine and not yet acknowledged by the server. */
  pending?: boolean;
  /** Refused by the server (the text stays on screen). */
  failed?: boolean;
}

/** A request waiting in the outbox for its ack: what the UI shows as pending. */
export interface PendingAction {
  id: string;
  type: StaffUpType;
  body: Record<string, unknown>;
  ts: number;
}

export interface Rejection {
  ref: string | null;
  code: ErrorCode;
  message: string;
  messageZh: string;
}

export type SignInProblem = 'wrong' | 'expired' | 'network' | null;

export interface ConsoleState {
  lang: Lang;
  session: Session | null;
  /** The staff id typed on the sign-in form: kept across an expired session. */
  signInId: string;
  signInProblem: SignInProblem;
  connection: Connection;
  onDuty: boolean;
  place: string | null;
  kb: KnowledgeBase | null;
  escalations: Record<string, StaffEscalationView>;
  tickets: Record<string, TicketView>;
  /** Escalations the server offered to me (escalation.offered) and has not withdrawn. */
  offered: string[];
  chats: Record<string, ChatLine[]>;
  /** Claims that lost the race, by escalation id. */
  lostClaims: string[];
  pending: PendingAction[];
  lastRejection: Rejection | null;
  queue: QueueSnapshot | null;
  route: Route;
  notifications: NotifyPermission;
}

export function initialState(lang: Lang = 'zh', route: Route = { screen: 'inbox' }): ConsoleState {
  return {
    lang,
    session: null,
    signInId: '',
    signInProblem: null,
    connection: 'offline',
    onDuty: false,
    place: null,
    kb: null,
    escalations: {},
    tickets: {},
    offered: [],
    chats: {},
    lostClaims: [],
    pending: [],
    lastRejection: null,
    queue: null,
    route,
    notifications: 'unsupported',
  };
}

export type ConsoleEvent =
  | { type: 'lang'; lang: Lang }
  | { type: 'route'; route: Route }
  | { type: 'signed_in'; session: Session }
  | { type: 'sign_in_failed'; problem: Exclude<SignInProblem, null>; id: string }
  | { type: 'session_expired' }
  /** A new token for the same member (a refresh or a password change): the work on screen stays. */
  | { type: 'session_refreshed'; session: Session }
  | { type: 'signed_out' }
  | { type: 'connection'; connection: Connection }
  | { type: 'duty'; onDuty: boolean; place: string | null }
  | { type: 'kb'; kb: KnowledgeBase }
  /** `open`: the list is every open one on the server, so an open one missing from it has closed. */
  | { type: 'escalations'; list: StaffEscalationView[]; open?: boolean }
  | { type: 'tickets'; list: TicketView[]; open?: boolean }
  | { type: 'chat_history'; escalationId: string; lines: ChatLine[] }
  | { type: 'queued'; action: PendingAction }
  | { type: 'pending_restored'; actions: PendingAction[] }
  | { type: 'server'; message: DownMessage }
  | { type: 'notifications'; permission: NotifyPermission }
  | { type: 'dismiss_rejection' };
