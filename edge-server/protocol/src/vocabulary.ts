/**
 * The server's shared vocabulary: priorities, statuses, escalation event kinds and the names of
 * audit-trail actions. One list each, so an audit entry is never named by building a string.
 * Adding a name is fine; renaming one is not (the audit trail keeps the old ones).
 */
export const PRIORITIES = ['emergency', 'high', 'routine'] as const;
export const ESCALATION_STATUSES = ['pending', 'claimed', 'resolved', 'cancelled'] as const;
export const TICKET_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'cancelled'] as const;

export const ESCALATION_EVENT_KINDS = [
  'raised',
  'offered',
  'claimed',
  'released',
  're_escalated',
  'reassured',
  'resolved',
  'cancelled',
  'transferred',
] as const;
export type EscalationEventKind = (typeof ESCALATION_EVENT_KINDS)[number];

/** The audit action of each escalation event, when a person (or the SLA clock) caused it. */
export const ESCALATION_AUDIT_ACTIONS = {
  raised: 'escalation.raised',
  offered: 'escalation.offered',
  claimed: 'escalation.claimed',
  released: 'escalation.released',
  re_escalated: 'escalation.re_escalated',
  reassured: 'escalation.reassured',
  resolved: 'escalation.resolved',
  cancelled: 'escalation.cancelled',
  transferred: 'escalation.transferred',
} as const satisfies Record<EscalationEventKind, string>;

/** The audit action of a ticket moving to each status. */
export const TICKET_AUDIT_ACTIONS = {
  open: 'ticket.open',
  assigned: 'ticket.assigned',
  in_progress: 'ticket.in_progress',
  resolved: 'ticket.resolved',
  cancelled: 'ticket.cancelled',
} as const satisfies Record<(typeof TICKET_STATUSES)[number], string>;

/** Every action the audit trail records. */
export const AUDIT_ACTIONS = [
  ...Object.values(ESCALATION_AUDIT_ACTIONS),
  ...Object.values(TICKET_AUDIT_ACTIONS),
  'escalation.raise',
  'ticket.create',
  /** A ticket nobody started within its SLA, re-escalated to the supervisors. */
  'ticket.re_escalated',
  'chat.send',
  'staff.on_duty',
  'staff.off_duty',
  'staff.login',
  'staff.login_failed',
  /** A member signed out: that one session token is revoked. */
  'staff.logout',
  /** A session token exchanged for a fresh one; the old one is revoked after a short grace. */
  'staff.refresh',
  /** A member changed their own password: every other session of theirs ended. */
  'staff.password',
  /** A photo of the repair added to a ticket by staff. */
  'ticket.photo',
  /** A sign-in id or address locked out after repeated failures (one row per lockout, not per attempt). */
  'auth.locked',
  'staff.create',
  'handover.offer',
  'handover.attach',
  'phone.session',
  'device.register',
  'device.revoke',
  'kb.publish',
  /** An earlier knowledge-base version published again as a new version. */
  'kb.revert',
  'photo.upload',
  'photo.view',
  'photo.read',
  'acl.denied_publish',
  'acl.denied_subscribe',
  'checkin.complete',
  'checkout.complete',
  'appointment.checkin',
  'retention.purge',
  'demo.seed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The audit action of an MQTT publish or subscribe the ACL refused. */
export const ACL_DENIED_AUDIT_ACTIONS = {
  publish: 'acl.denied_publish',
  subscribe: 'acl.denied_subscribe',
} as const satisfies Record<'publish' | 'subscribe', AuditAction>;
