/**
 * What the server keeps, as interfaces by role. Implementations: `SqliteStore` (the default, one file
 * in DATA_DIR) and `MemoryStore` (tests, benchmarks). Both pass the one contract suite in
 * `contract.ts`. Every method is async and the types carry nothing of SQLite, so a PostgreSQL store can
 * be added without touching callers.
 */
import type { KnowledgeBase } from '@frontdesk/protocol';
import type { HandoverCutoffs } from '../domain/handovers.js';
import type {
  AuditEntry,
  ChatMessage,
  Conversation,
  Device,
  Escalation,
  EscalationEvent,
  Handover,
  Photo,
  Rating,
  StaffMember,
  StaffPresence,
  Ticket,
  TicketEvent,
} from '../domain/types.js';

export interface EscalationFilter {
  site?: string;
  status?: Escalation['status'][];
  assigneeId?: string;
  deviceId?: string;
  limit?: number;
}

export interface EscalationStore {
  get(id: string): Promise<Escalation | null>;
  put(escalation: Escalation): Promise<void>;
  /** Oldest first. */
  list(filter?: EscalationFilter): Promise<Escalation[]>;
  appendEvents(events: readonly EscalationEvent[]): Promise<void>;
  events(escalationId: string): Promise<EscalationEvent[]>;
}

export interface TicketFilter {
  site?: string;
  status?: Ticket['status'][];
  deviceId?: string;
  assigneeId?: string;
  limit?: number;
}

export interface TicketStore {
  get(id: string): Promise<Ticket | null>;
  put(ticket: Ticket): Promise<void>;
  list(filter?: TicketFilter): Promise<Ticket[]>;
  appendEvent(event: TicketEvent): Promise<void>;
  events(ticketId: string): Promise<TicketEvent[]>;
}

export interface ConversationStore {
  get(id: string): Promise<Conversation | null>;
  put(conversation: Conversation): Promise<void>;
  /** Deletes conversations last updated before `before` (ms); returns how many. */
  deleteUpdatedBefore(before: number): Promise<number>;
}

export interface ChatStore {
  append(message: ChatMessage): Promise<void>;
  list(escalationId: string): Promise<ChatMessage[]>;
}

export interface StaffStore {
  get(id: string): Promise<StaffMember | null>;
  put(member: StaffMember): Promise<void>;
  list(site?: string): Promise<StaffMember[]>;
  getPresence(staffId: string): Promise<StaffPresence | null>;
  putPresence(presence: StaffPresence): Promise<void>;
  listPresence(): Promise<StaffPresence[]>;
}

export interface DeviceStore {
  get(id: string): Promise<Device | null>;
  put(device: Device): Promise<void>;
  list(site?: string): Promise<Device[]>;
}

export interface KnowledgeBaseStore {
  get(site: string): Promise<KnowledgeBase | null>;
  put(kb: KnowledgeBase): Promise<void>;
  sites(): Promise<string[]>;
}

/** A published knowledge base as it was, with who published it and why. */
export interface KnowledgeBaseVersion {
  site: string;
  version: number;
  kb: KnowledgeBase;
  actor: string;
  reason: string;
  createdAt: number;
}

/** Every published version of every site's knowledge base: append-only. */
export interface KnowledgeBaseVersionStore {
  /** Appends; a version a site already has is refused (it would rewrite history). */
  append(version: KnowledgeBaseVersion): Promise<void>;
  get(site: string, version: number): Promise<KnowledgeBaseVersion | null>;
  /** Newest first, without their content; at most `limit` (default 1000). */
  list(site: string, limit?: number): Promise<Omit<KnowledgeBaseVersion, 'kb'>[]>;
}

export interface PhotoStore {
  get(id: string): Promise<Photo | null>;
  put(photo: Photo): Promise<void>;
  /** Photos stored before `before` (ms), oldest first. */
  listCreatedBefore(before: number, limit?: number): Promise<Photo[]>;
  delete(id: string): Promise<void>;
  /** How many records hold the bytes `sha256` (uploads of the same image by several devices). */
  countBySha256(sha256: string): Promise<number>;
  /** Bytes of all stored images, each distinct image once: what the photo folder holds. */
  storedBytes(): Promise<number>;
}

export interface HandoverFilter {
  escalationId?: string;
  ticketId?: string;
  phoneDeviceId?: string;
}

export interface HandoverStore {
  get(codeHash: string): Promise<Handover | null>;
  put(handover: Handover): Promise<void>;
  /** Handovers attached to a phone that match every given field. */
  listAttached(filter: HandoverFilter): Promise<Handover[]>;
  /** Deletes the handovers `isHandoverPurgeable` under these cutoffs; returns how many. */
  deleteExpired(cutoffs: HandoverCutoffs): Promise<number>;
}

export interface RatingStore {
  put(rating: Rating): Promise<void>;
  list(site?: string): Promise<Rating[]>;
}

/** Requests already processed, by sender and client message id: what makes replays harmless. */
export interface ProcessedMessage {
  source: string;
  messageId: string;
  entityId: string | null;
  at: number;
  /** The reply a request/reply message got (journeys), published again when the request is retried. */
  reply?: { type: string; body: unknown };
}

export interface InboxStore {
  get(source: string, messageId: string): Promise<ProcessedMessage | null>;
  put(record: ProcessedMessage): Promise<void>;
  /** Forget records older than `before` (ms); returns how many. */
  prune(before: number): Promise<number>;
}

/**
 * A staff session token that was signed out or refreshed away. Tokens are stateless (signed), so what
 * ends one early is this row, kept only until the token would have expired anyway.
 */
export interface RevokedToken {
  /** SHA-256 of the token, hex: the token itself is a credential and is never stored. */
  tokenHash: string;
  staffId: string;
  /** From when the token is refused: now (sign-out) or after a short grace (refresh). */
  revokedAt: number;
  /** The token's own expiry: the row is deleted after it. */
  expiresAt: number;
}

export interface RevokedTokenStore {
  /** Records a revocation; revoking a token again keeps the earlier `revokedAt`. */
  revoke(token: RevokedToken): Promise<void>;
  /** When the token is (or was) revoked from, or null when it never was. */
  revokedAt(tokenHash: string): Promise<number | null>;
  /** Deletes the rows of tokens that expired before `before` (ms); returns how many. */
  deleteExpiredBefore(before: number): Promise<number>;
}

/** One row per sign-in lockout (auth/limiter.ts). */
export const AUTH_LOCKED_ACTION = 'auth.locked';
/**
 * The only audit actions that may ever be deleted, and only by the retention job: failed sign-ins
 * (`staff.login_failed` was written per attempt before lockouts were aggregated). The SQLite trigger
 * that keeps the audit trail append-only names the same list (migration 5).
 */
export const AUTH_FAILURE_ACTIONS = [AUTH_LOCKED_ACTION, 'staff.login_failed'] as const;

/** An entry to append: no sequence number yet; no `site` means a server-level entry. */
export type AuditAppend = Omit<AuditEntry, 'seq' | 'site'> & { site?: string | null };

/** Which audit entries to list; every field given must hold. */
export interface AuditFilter {
  /** Pages forward: entries after this sequence number. */
  afterSeq?: number;
  limit?: number;
  /** That site's entries only. */
  site?: string;
  /** Exactly this actor (`staff:li-na`). */
  actor?: string;
  action?: string;
  /** Subjects containing this text (`kb:`, `esc-1`). */
  subjectContains?: string;
  /** `fromAt` ≤ at < `toAt`, ms since the epoch. */
  fromAt?: number;
  toAt?: number;
}

export interface AuditLog {
  /** Appends; the entry must already be masked. Returns its sequence number. */
  append(entry: AuditAppend): Promise<number>;
  /** Newest last, filtered by `options`. */
  list(options?: AuditFilter): Promise<AuditEntry[]>;
  /**
   * Deletes failed-sign-in rows (`AUTH_FAILURE_ACTIONS`) older than `before` (ms), nothing else;
   * returns how many. Sequence numbers are never reused.
   */
  deleteAuthFailuresBefore(before: number): Promise<number>;
}

export interface Stores {
  escalations: EscalationStore;
  tickets: TicketStore;
  conversations: ConversationStore;
  chat: ChatStore;
  staff: StaffStore;
  devices: DeviceStore;
  knowledgeBases: KnowledgeBaseStore;
  kbVersions: KnowledgeBaseVersionStore;
  photos: PhotoStore;
  ratings: RatingStore;
  handovers: HandoverStore;
  inbox: InboxStore;
  audit: AuditLog;
  revokedTokens: RevokedTokenStore;
}

export interface Store extends Stores {
  /** A short name for /healthz, e.g. `sqlite` or `memory`. */
  readonly kind: string;
  /**
   * Runs `fn` atomically: everything it writes through `tx` is kept together or not at all.
   * Transactions run one at a time.
   */
  transaction<T>(fn: (tx: Stores) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
