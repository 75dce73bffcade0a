import type { GuestEscalationView, StaffEscalationView } from '@frontdesk/protocol';
import { claimDueAt } from './escalations.js';
import { PRIORITY_RANK } from './policy.js';
import type { Escalation, EscalationPolicy } from './types.js';

/**
 * Position (1 = next) of every pending escalation among the pending ones of the same site and skill:
 * emergencies first, then oldest first; the id breaks exact ties so the order is stable.
 */
export function queuePositions(escalations: readonly Escalation[]): Map<string, number> {
  const queues = new Map<string, Escalation[]>();
  for (const e of escalations) {
    if (e.status !== 'pending') continue;
    const key = `${e.site}\u0000${e.skill}`;
    const q = queues.get(key);
    if (q) q.push(e);
    else queues.set(key, [e]);
  }
  const positions = new Map<string, number>();
  for (const q of queues.values()) {
    q.sort(
      (a, b) =>
        PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
        a.createdAt - b.createdAt ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    q.forEach((e, i) => positions.set(e.id, i + 1));
  }
  return positions;
}

function assignee(e: Escalation, assigneeName: string | null): GuestEscalationView['assignee'] {
  return e.assigneeId === null ? null : { id: e.assigneeId, name: assigneeName ?? '' };
}

/** What the guest device sees: no staff-side context. Position only while waiting. */
export function toGuestView(
  e: Escalation,
  position: number | null,
  assigneeName: string | null,
): GuestEscalationView {
  return {
    id: e.id,
    status: e.status,
    priority: e.priority,
    position: e.status === 'pending' ? position : null,
    assignee: assignee(e, assigneeName),
    createdAt: e.createdAt,
  };
}

export function toStaffView(
  e: Escalation,
  position: number | null,
  assigneeName: string | null,
  policy: EscalationPolicy | null,
): StaffEscalationView {
  return {
    ...toGuestView(e, position, assigneeName),
    site: e.site,
    deviceId: e.deviceId,
    conversationId: e.conversationId,
    trigger: e.trigger,
    skill: e.skill,
    level: e.level,
    place: e.place,
    lang: e.lang,
    summary: e.summary,
    intent: e.intent,
    department: e.department,
    transcript: e.transcript,
    intents: e.intents,
    photoIds: e.photoIds,
    claimDueAt: claimDueAt(e, policy),
    unstaffed: e.unstaffed === true,
  };
}
