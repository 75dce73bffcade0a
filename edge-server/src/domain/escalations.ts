import type { DeviceUpBody, RoutingRule, SiteKind } from '@frontdesk/protocol';
import { higherPriority, priorityFor } from './policy.js';
import { actorRef, fail, isSupervisor, type Actor, type DomainError } from './result.js';
import { chooseAssignees, MAX_LEVEL, rulePriority, skillFor, type Candidate } from './routing.js';
import { isStaffed, offerToSkilled, seniorsFirst } from './staffing.js';
import type { Escalation, EscalationEvent, EscalationEventKind, EscalationPolicy, Role } from './types.js';

export type EscalationRaiseBody = DeviceUpBody<'escalation.raise'>;

/** A decision on an escalation: its new state and the events to append, in order. */
export interface EscalationDecision {
  ok: true;
  escalation: Escalation;
  events: EscalationEvent[];
}
export type EscalationResult = EscalationDecision | DomainError;

export interface RaiseContext {
  now: number;
  site: string;
  siteKind: SiteKind;
  rules: readonly RoutingRule[];
  deviceId: string;
  /** Where the device stands: the escalation's place when the guest did not name one. */
  devicePlace?: string | null;
  /** Built for the escalation's place (see `escalationPlace`). */
  candidates: readonly Candidate[];
  /** The site's KB says VIP guests go to senior staff first. */
  preferSenior?: boolean;
}

function event(
  e: Escalation,
  kind: EscalationEventKind,
  at: number,
  actor: string,
  data: Record<string, unknown> = {},
): EscalationEvent {
  return { escalationId: e.id, kind, at, actor, data };
}

/** The place an escalation is about: the one the guest named, else where their kiosk stands. */
export function escalationPlace(
  body: Pick<EscalationRaiseBody, 'place'>,
  devicePlace?: string | null,
): string | null {
  return body.place ?? devicePlace ?? null;
}

export function raiseEscalation(body: EscalationRaiseBody, ctx: RaiseContext): EscalationDecision {
  const routingInput = { trigger: body.trigger, intent: body.intent ?? null };
  const computed = priorityFor({
    trigger: body.trigger,
    intent: body.intent,
    sentiment: body.sentiment,
    vip: body.vip,
  });
  const fromRule = rulePriority(ctx.rules, routingInput);
  const priority = fromRule ? higherPriority(computed, fromRule) : computed;
  const skill = skillFor(ctx.rules, ctx.siteKind, routingInput);
  const offer = chooseAssignees(
    { site: ctx.site, skill },
    body.vip && ctx.preferSenior ? seniorsFirst(ctx.site, skill, ctx.candidates) : ctx.candidates,
    0,
  );
  const escalation: Escalation = {
    id: body.escalationId,
    site: ctx.site,
    deviceId: ctx.deviceId,
    conversationId: body.conversationId,
    trigger: body.trigger,
    priority,
    skill,
    level: offer.level,
    status: 'pending',
    place: escalationPlace(body, ctx.devicePlace),
    lang: body.lang,
    summary: body.summary,
    intent: body.intent ?? null,
    department: body.department ?? null,
    sentiment: body.sentiment ?? null,
    vip: body.vip,
    transcript: body.transcript,
    intents: body.intents,
    photoIds: body.photoIds,
    offeredTo: offer.staffIds,
    assigneeId: null,
    createdAt: ctx.now,
    levelStartedAt: ctx.now,
    claimedAt: null,
    closedAt: null,
    reassuredAt: null,
    resolutionNote: null,
    unstaffed: !isStaffed(ctx.site, skill, ctx.candidates),
  };
  const device = `device:${ctx.deviceId}`;
  return {
    ok: true,
    escalation,
    events: [
      event(escalation, 'raised', ctx.now, device, { priority, skill, trigger: body.trigger }),
      event(escalation, 'offered', ctx.now, 'system', {
        level: offer.level,
        staffIds: offer.staffIds,
        ...(escalation.unstaffed ? { unstaffed: true } : {}),
      }),
    ],
  };
}

function closedError(e: Escalation): DomainError | null {
  return e.status === 'resolved' || e.status === 'cancelled'
    ? fail('INVALID_STATE', `escalation ${e.id} is already ${e.status}`)
    : null;
}

export function claimEscalation(e: Escalation, staffId: string, now: number): EscalationResult {
  const closed = closedError(e);
  if (closed) return closed;
  if (e.status === 'claimed') {
    // The same member claiming again (a double tap, a redelivery) changes nothing.
    if (e.assigneeId === staffId) return { ok: true, escalation: e, events: [] };
    return fail('CONFLICT', `escalation ${e.id} is already claimed by someone else`);
  }
  const escalation: Escalation = {
    ...e,
    status: 'claimed',
    assigneeId: staffId,
    claimedAt: now,
    offeredTo: [],
  };
  return {
    ok: true,
    escalation,
    // `withdrawnFrom` tells the notifier whose lists to clear.
    events: [event(e, 'claimed', now, `staff:${staffId}`, { level: e.level, withdrawnFrom: e.offeredTo })],
  };
}

/** The assignee hands it back: pending again, offered afresh at the same level, the timer restarted. */
export function releaseEscalation(
  e: Escalation,
  staffId: string,
  now: number,
  candidates: readonly Candidate[],
): EscalationResult {
  const closed = closedError(e);
  if (closed) return closed;
  if (e.status !== 'claimed') return fail('INVALID_STATE', `escalation ${e.id} is not claimed`);
  if (e.assigneeId !== staffId) return fail('FORBIDDEN', `only the assignee may release escalation ${e.id}`);
  const offer = chooseAssignees(e, candidates, e.level, staffId);
  const escalation: Escalation = {
    ...e,
    status: 'pending',
    assigneeId: null,
    claimedAt: null,
    level: offer.level,
    levelStartedAt: now,
    // At the last level the releaser stays on the list without being notified again: they know of it,
    // and the last level's rule of offering it to anyone not on the list would bounce it straight back.
    offeredTo:
      offer.level === MAX_LEVEL && !offer.staffIds.includes(staffId)
        ? [...offer.staffIds, staffId]
        : offer.staffIds,
  };
  return {
    ok: true,
    escalation,
    events: [
      event(e, 'released', now, `staff:${staffId}`, { level: e.level }),
      event(e, 'offered', now, 'system', { level: offer.level, staffIds: offer.staffIds }),
    ],
  };
}

/**
 * The assignee closes it with a note. A supervisor or admin may close any open escalation, claimed or
 * not (they dealt with it in person, or it is a duplicate).
 */
export function resolveEscalation(
  e: Escalation,
  staffId: string,
  note: string,
  now: number,
  role: Role = 'staff',
): EscalationResult {
  const closed = closedError(e);
  if (closed) return closed;
  const isAssignee = e.status === 'claimed' && e.assigneeId === staffId;
  if (!isAssignee && !isSupervisor(role)) {
    return fail('FORBIDDEN', `only the assignee or a supervisor may resolve escalation ${e.id}`);
  }
  const escalation: Escalation = {
    ...e,
    status: 'resolved',
    closedAt: now,
    resolutionNote: note,
    offeredTo: [],
  };
  return {
    ok: true,
    escalation,
    events: [event(e, 'resolved', now, `staff:${staffId}`, { note, withdrawnFrom: e.offeredTo })],
  };
}

/**
 * The guest changed their mind while nobody had claimed it yet. Once claimed, someone is on the way:
 * the guest tells them, and they resolve it. The system may also cancel (a kiosk wiped by reset).
 */
export function cancelEscalation(
  e: Escalation,
  actor: Actor,
  now: number,
  reason: string | null = null,
): EscalationResult {
  if (actor.kind === 'staff')
    return fail('FORBIDDEN', 'staff resolve escalations; only the guest device cancels');
  if (actor.kind === 'device' && actor.id !== e.deviceId) {
    return fail('FORBIDDEN', `escalation ${e.id} belongs to another device`);
  }
  const closed = closedError(e);
  if (closed) return closed;
  if (e.status !== 'pending') return fail('INVALID_STATE', `escalation ${e.id} is already claimed`);
  const escalation: Escalation = { ...e, status: 'cancelled', closedAt: now, offeredTo: [] };
  return {
    ok: true,
    escalation,
    events: [event(e, 'cancelled', now, actorRef(actor), { reason, withdrawnFrom: e.offeredTo })],
  };
}

/**
 * The timer decisions, applied at `now`:
 * - unclaimed for `reassureAfterMs` since raised → one `reassured` event (the guest sees "still waiting");
 * - unclaimed for `claimWithinMs` at a level below the last → next level, its timer starting now (the
 *   new people only just heard of it, so they get the whole window even when the tick runs late);
 * - at the last level → offered to anyone who has come on duty since.
 * Ticking again at the same `now` changes nothing: every rule compares with a time it moved to `now`.
 */
export function tickEscalation(
  e: Escalation,
  policy: EscalationPolicy,
  now: number,
  candidates: readonly Candidate[],
): EscalationDecision {
  if (e.status !== 'pending') return { ok: true, escalation: e, events: [] };
  let escalation = e;
  const events: EscalationEvent[] = [];

  if (escalation.reassuredAt === null && now - escalation.createdAt >= policy.reassureAfterMs) {
    escalation = { ...escalation, reassuredAt: now };
    events.push(event(e, 'reassured', now, 'system', { waitedMs: now - e.createdAt }));
  }

  // `levelStartedAt < now` keeps a second tick at the same instant from climbing again even with a
  // (misconfigured) zero claim window.
  if (
    escalation.level < MAX_LEVEL &&
    escalation.levelStartedAt < now &&
    now - escalation.levelStartedAt >= policy.claimWithinMs
  ) {
    const offer = chooseAssignees(escalation, candidates, escalation.level + 1);
    events.push(
      event(e, 're_escalated', now, 'system', {
        from: escalation.level,
        to: offer.level,
        waitedMs: now - escalation.levelStartedAt,
      }),
      event(e, 'offered', now, 'system', { level: offer.level, staffIds: offer.staffIds }),
    );
    escalation = { ...escalation, level: offer.level, levelStartedAt: now, offeredTo: offer.staffIds };
  } else if (escalation.level >= MAX_LEVEL) {
    const current = new Set(escalation.offeredTo);
    const newcomers = chooseAssignees(escalation, candidates, MAX_LEVEL).staffIds.filter(
      (id) => !current.has(id),
    );
    if (newcomers.length > 0) {
      events.push(event(e, 'offered', now, 'system', { level: MAX_LEVEL, staffIds: newcomers }));
      escalation = { ...escalation, offeredTo: [...escalation.offeredTo, ...newcomers] };
    }
  }
  const staffed = offerToSkilled(escalation, candidates, now);
  if (staffed.events.length > 0) {
    escalation = staffed.escalation;
    events.push(...staffed.events);
  }
  return { ok: true, escalation, events };
}

/**
 * When `tickEscalation` will next have something to do by the clock alone, or null (closed, or at the
 * last level and already reassured: from then on only a change of presence matters, so the caller also
 * ticks pending escalations when someone comes on duty). It may lie in the past: tick at once.
 */
export function nextDeadline(e: Escalation, policy: EscalationPolicy): number | null {
  if (e.status !== 'pending') return null;
  const deadlines: number[] = [];
  if (e.reassuredAt === null) deadlines.push(e.createdAt + policy.reassureAfterMs);
  if (e.level < MAX_LEVEL) deadlines.push(e.levelStartedAt + policy.claimWithinMs);
  return deadlines.length > 0 ? Math.min(...deadlines) : null;
}

/** When the current level's claim window ends, for the staff view; null once nothing more will happen. */
export function claimDueAt(e: Escalation, policy: EscalationPolicy | null): number | null {
  if (!policy || e.status !== 'pending' || e.level >= MAX_LEVEL) return null;
  return e.levelStartedAt + policy.claimWithinMs;
}
