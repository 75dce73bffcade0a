/**
 * The entities of the edge server's domain. Plain data: the store persists them as they are and the
 * pure functions beside this file decide how they change. Times are ms since the epoch.
 */
import type {
  DepartmentId,
  EscalationEventKind,
  EscalationStatus,
  EscalationTrigger,
  FaultCategory,
  IntentId,
  Lang,
  Priority,
  Sentiment,
  Skill,
  SiteKind,
  TicketStatus,
  Turn,
} from '@frontdesk/protocol';

export type Role = 'staff' | 'supervisor' | 'admin';

export interface Site {
  id: string;
  kind: SiteKind;
}

export interface StaffMember {
  id: string;
  site: string;
  name: string;
  role: Role;
  skills: Skill[];
  /** Senior staff are offered VIP guests' requests first where the site's KB says so. */
  senior?: boolean;
  /** scrypt hash, `scrypt$N$r$p$salt$hash` (base64url); never leaves the store. */
  passwordHash: string;
  /** The same password as Mosquitto's PBKDF2-SHA512 `$7$` hash, for an external broker's password file. */
  brokerHash?: string | null;
  disabled: boolean;
  createdAt: number;
  /**
   * The generation of their session tokens (absent: 0). A password change moves to the next one:
   * every token of an older generation is refused, on every device (auth/staff-sessions.ts).
   */
  sessionGeneration?: number;
}

/** Whether a member of staff can take work now; kept from console connections and MQTT wills. */
export interface StaffPresence {
  staffId: string;
  online: boolean;
  onDuty: boolean;
  /** Knowledge-base place id where they are (or were last). */
  place: string | null;
  updatedAt: number;
}

export interface Device {
  id: string;
  site: string;
  kind: 'kiosk' | 'phone';
  name: string;
  /** Where a kiosk stands: a place id of the site's knowledge base. */
  place: string | null;
  secretHash: string;
  /** The same secret as Mosquitto's PBKDF2-SHA512 `$7$` hash, for an external broker's password file. */
  brokerHash?: string | null;
  /** Phone session tokens expire; kiosk credentials do not. */
  expiresAt: number | null;
  revoked: boolean;
  createdAt: number;
}

export interface Conversation {
  id: string;
  site: string;
  deviceId: string;
  lang: Lang;
  turns: Turn[];
  /** Assistant turns in a row that did not answer; three escalate. */
  unansweredStreak: number;
  /** The guest, once a booking lookup in this conversation identified them. */
  guest?: { bookingId: string; tier: 'standard' | 'vip' } | null;
  startedAt: number;
  updatedAt: number;
}

/** The SLA for one priority: how long an escalation may wait unclaimed at each level. */
export interface EscalationPolicy {
  priority: Priority;
  /** Unclaimed this long at a level → re-escalate to the next level. */
  claimWithinMs: number;
  /** Unclaimed this long since raised → tell the guest they have not been forgotten. */
  reassureAfterMs: number;
}

/** An escalation as it is applied: the policy's clock running on one request for a person. */
export interface Escalation {
  id: string;
  site: string;
  deviceId: string;
  conversationId: string;
  trigger: EscalationTrigger;
  priority: Priority;
  skill: Skill;
  /** 0 = staff with the skill, 1 = supervisors, 2 = everyone on duty. */
  level: number;
  status: EscalationStatus;
  place: string | null;
  lang: Lang;
  summary: string;
  intent: IntentId | null;
  department: DepartmentId | null;
  sentiment: Sentiment | null;
  vip: boolean;
  transcript: Turn[];
  intents: IntentId[];
  photoIds: string[];
  /** Staff the escalation is currently offered to (notified). */
  offeredTo: string[];
  assigneeId: string | null;
  createdAt: number;
  /** When the current level started; the claim deadline counts from here. */
  levelStartedAt: number;
  claimedAt: number | null;
  closedAt: number | null;
  /** Null while the guest has not yet been reassured. */
  reassuredAt: number | null;
  resolutionNote: string | null;
  /** Nobody on duty had the skill when it was offered: it went to the supervisors (absent: false). */
  unstaffed?: boolean;
}

// The event kinds are part of the shared vocabulary (audit actions are named after them).
export { ESCALATION_EVENT_KINDS, type EscalationEventKind } from '@frontdesk/protocol';

/** Append-only history of an escalation; `actor` is `system`, `device:<id>` or `staff:<id>`. */
export interface EscalationEvent {
  escalationId: string;
  kind: EscalationEventKind;
  at: number;
  actor: string;
  data: Record<string, unknown>;
}

export interface ChatMessage {
  id: string;
  escalationId: string;
  from: 'guest' | 'staff';
  staffId: string | null;
  name: string | null;
  text: string;
  at: number;
}

export interface Ticket {
  id: string;
  site: string;
  deviceId: string;
  conversationId: string | null;
  status: TicketStatus;
  category: FaultCategory;
  skill: Skill;
  place: string | null;
  room: string | null;
  description: string;
  ocrText: string | null;
  faultCode: string | null;
  photoIds: string[];
  /** Photos of the repair that staff added (absent: none). */
  repairPhotoIds?: string[];
  lang: Lang;
  assigneeId: string | null;
  note: string | null;
  createdAt: number;
  updatedAt: number;
  /** Nobody on duty had the skill: the supervisors were told (absent: false). */
  unstaffed?: boolean;
  /** From the category (`ticket-sla.ts`); absent on tickets older than the ticket SLA. */
  priority?: Priority;
  /** Someone must start on it by then, or it re-escalates to the supervisors. */
  dueAt?: number | null;
  /** When it re-escalated to the supervisors; null or absent: not yet. */
  escalatedAt?: number | null;
}

export interface TicketEvent {
  ticketId: string;
  from: TicketStatus | null;
  to: TicketStatus;
  at: number;
  actor: string;
  note: string | null;
  /** A photo of the repair added to the ticket (`POST /api/tickets/:id/photos`). */
  photoId?: string;
}

export interface Rating {
  id: string;
  site: string;
  deviceId: string;
  conversationId: string;
  escalationId: string | null;
  ticketId: string | null;
  score: number;
  at: number;
}

export interface Photo {
  id: string;
  site: string;
  deviceId: string;
  /** sha256 of the bytes, hex: also the file name on disk. */
  sha256: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: number;
  createdAt: number;
}

/**
 * A kiosk's offer to continue on the guest's phone. Only the code's hash is kept; the first phone
 * that presents the code is attached and may then follow these entities (and only these).
 */
export interface Handover {
  /** sha256 hex of the code in the QR. */
  codeHash: string;
  site: string;
  deviceId: string;
  conversationId: string;
  escalationId: string | null;
  ticketId: string | null;
  createdAt: number;
  expiresAt: number;
  /** The phone session it was attached to; null until a phone presents the code. */
  phoneDeviceId: string | null;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  /** Already masked: no ID or phone numbers. */
  detail: Record<string, unknown>;
  /**
   * The site the entry belongs to (its actor's or subject's); null for server-level entries (retention,
   * demo seeding, lockouts of unknown ids or addresses), which a site's administrator never sees.
   */
  site: string | null;
}
