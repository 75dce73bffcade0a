import type {
  BoardTicketView,
  DeviceUpBody,
  RoutingRule,
  SiteKind,
  TicketStatus,
  TicketView,
} from '@frontdesk/protocol';
import { actorRef, fail, isSupervisor, type Actor, type DomainError } from './result.js';
import { nearestWithSkill, skillFor, type Candidate } from './routing.js';
import {
  TICKET_CATEGORY_PRIORITY,
  ticketDeadline,
  withTicketSla,
  type TicketPolicies,
} from './ticket-sla.js';
import type { Photo, Role, StaffMember, Ticket, TicketEvent } from './types.js';

export type TicketCreateBody = DeviceUpBody<'ticket.create'>;

export interface TicketDecision {
  ok: true;
  ticket: Ticket;
  event: TicketEvent;
}
export type TicketResult = TicketDecision | DomainError;

export interface TicketContext {
  now: number;
  site: string;
  siteKind: SiteKind;
  rules: readonly RoutingRule[];
  deviceId: string;
  devicePlace?: string | null;
  /** Built for the ticket's place, as for an escalation. */
  candidates: readonly Candidate[];
  /** The ticket SLA per priority; the defaults where absent. */
  policies?: TicketPolicies;
}

/** The allowed moves; resolved and cancelled are final. */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ['assigned', 'in_progress', 'cancelled'],
  assigned: ['in_progress', 'open', 'cancelled', 'resolved'],
  in_progress: ['resolved', 'cancelled', 'assigned'],
  resolved: [],
  cancelled: [],
};

/**
 * Whether a new ticket may carry these photos: each must be on the server, uploaded by this device
 * for its site. `stored` holds the photos of the ids that exist. Unknown and foreign ids get the same
 * answer, so a device learns nothing about another's photos; a ticket must not point staff of one
 * site at a photo from another, nor a device at a photo it never took. Null when all are fine.
 */
export function checkTicketPhotos(
  photoIds: readonly string[],
  stored: ReadonlyMap<string, Pick<Photo, 'site' | 'deviceId'>>,
  device: { id: string; site: string },
): DomainError | null {
  for (const id of photoIds) {
    const photo = stored.get(id);
    if (!photo || photo.site !== device.site || photo.deviceId !== device.id)
      return fail('UNKNOWN_PHOTO', `no photo ${id} uploaded by this device; upload it before the ticket`);
  }
  return null;
}

export function createTicket(body: TicketCreateBody, ctx: TicketContext): TicketDecision {
  const skill = skillFor(ctx.rules, ctx.siteKind, { category: body.category });
  const assigneeId = nearestWithSkill(ctx.site, skill, ctx.candidates);
  const status: TicketStatus = assigneeId === null ? 'open' : 'assigned';
  const ticket: Ticket = withTicketSla(
    {
      id: body.ticketId,
      site: ctx.site,
      deviceId: ctx.deviceId,
      conversationId: body.conversationId ?? null,
      status,
      category: body.category,
      skill,
      place: body.place ?? ctx.devicePlace ?? null,
      room: body.room ?? null,
      description: body.description,
      ocrText: body.ocrText ?? null,
      faultCode: body.faultCode ?? null,
      photoIds: body.photoIds,
      lang: body.lang,
      assigneeId,
      note: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      unstaffed: assigneeId === null,
    },
    ctx.policies,
  );
  return {
    ok: true,
    ticket,
    event: {
      ticketId: ticket.id,
      from: null,
      to: status,
      at: ctx.now,
      actor: `device:${ctx.deviceId}`,
      note: null,
    },
  };
}

/**
 * Moves a ticket along its lifecycle. Who may: the guest device cancels its own ticket; a member of
 * staff works on tickets that are unassigned or theirs; supervisors, admins and the system do anything
 * the lifecycle allows. Moving to `assigned` assigns `assigneeId` (default: the acting member);
 * assigning someone else takes a supervisor. Back to `open` unassigns.
 */
export function transitionTicket(
  t: Ticket,
  to: TicketStatus,
  actor: Actor,
  note: string | null,
  now: number,
  assigneeId?: string,
): TicketResult {
  if (TICKET_TRANSITIONS[t.status].length === 0) {
    return fail('INVALID_STATE', `ticket ${t.id} is already ${t.status}`);
  }
  if (!TICKET_TRANSITIONS[t.status].includes(to)) {
    return fail('INVALID_STATE', `ticket ${t.id} cannot go from ${t.status} to ${to}`);
  }
  const denied = permission(t, to, actor, assigneeId);
  if (denied) return denied;

  let nextAssignee = t.assigneeId;
  if (to === 'open') nextAssignee = null;
  else if (to === 'assigned') nextAssignee = assigneeId ?? (actor.kind === 'staff' ? actor.id : null);
  else if (to === 'in_progress' && nextAssignee === null && actor.kind === 'staff') nextAssignee = actor.id;
  if (to === 'assigned' && nextAssignee === null) {
    return fail('INVALID_STATE', `ticket ${t.id}: assigning needs a member of staff`);
  }

  const ticket: Ticket = { ...t, status: to, assigneeId: nextAssignee, note: note ?? t.note, updatedAt: now };
  return {
    ok: true,
    ticket,
    event: { ticketId: t.id, from: t.status, to, at: now, actor: actorRef(actor), note },
  };
}

function permission(
  t: Ticket,
  to: TicketStatus,
  actor: Actor,
  assigneeId: string | undefined,
): DomainError | null {
  switch (actor.kind) {
    case 'system':
      return null;
    case 'device':
      if (actor.id !== t.deviceId) return fail('FORBIDDEN', `ticket ${t.id} belongs to another device`);
      return to === 'cancelled' ? null : fail('FORBIDDEN', 'a guest device may only cancel its ticket');
    case 'staff':
      if (isSupervisor(actor.role)) return null;
      if (t.assigneeId !== null && t.assigneeId !== actor.id) {
        return fail('FORBIDDEN', `ticket ${t.id} is assigned to someone else`);
      }
      if (to === 'assigned' && assigneeId !== undefined && assigneeId !== actor.id) {
        return fail('FORBIDDEN', 'only a supervisor assigns tickets to others');
      }
      return null;
  }
}

export interface TicketAssignInput {
  by: { id: string; role: Role };
  /** The member to assign it to, as the store has them; null when there is no such member. */
  target: StaffMember | null;
  note: string | null;
  now: number;
}

/**
 * A supervisor or admin (re)assigns an open ticket to a member of its site: it becomes `assigned` to
 * them whatever it was (open, assigned to someone else, in progress). The SLA deadline stays the one
 * set at creation. Who may not, and to whom not, are refused with the reason.
 */
export function assignTicket(t: Ticket, input: TicketAssignInput): TicketResult {
  const { by, target, note, now } = input;
  if (!isSupervisor(by.role)) return fail('FORBIDDEN', 'only a supervisor or admin assigns tickets');
  if (TICKET_TRANSITIONS[t.status].length === 0)
    return fail('INVALID_STATE', `ticket ${t.id} is already ${t.status}`);
  // Another site's member is as unknown as a missing one: the answer names nobody.
  if (!target || target.site !== t.site || target.disabled)
    return fail('UNKNOWN_TARGET', 'no such member of staff at this site');
  if (t.status === 'assigned' && t.assigneeId === target.id)
    return fail('INVALID_STATE', `ticket ${t.id} is already assigned to ${target.name}`);
  const ticket: Ticket = {
    ...t,
    status: 'assigned',
    assigneeId: target.id,
    note: note ?? t.note,
    updatedAt: now,
    unstaffed: false,
  };
  return {
    ok: true,
    ticket,
    event: { ticketId: t.id, from: t.status, to: 'assigned', at: now, actor: `staff:${by.id}`, note },
  };
}

/** What the supervisors' board shows of a ticket: no guest text, room or place. */
export function toBoardTicketView(t: Ticket, assigneeName: string | null): BoardTicketView {
  const v = toTicketView(t, assigneeName);
  return {
    id: v.id,
    status: v.status,
    category: v.category,
    skill: v.skill,
    priority: v.priority,
    assignee: v.assignee,
    dueAt: v.dueAt,
    unstaffed: v.unstaffed,
    escalated: v.escalated,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export function toTicketView(t: Ticket, assigneeName: string | null): TicketView {
  return {
    id: t.id,
    site: t.site,
    status: t.status,
    category: t.category,
    skill: t.skill,
    place: t.place,
    room: t.room,
    description: t.description,
    faultCode: t.faultCode,
    photoIds: t.photoIds,
    repairPhotoIds: t.repairPhotoIds ?? [],
    assignee: t.assigneeId === null ? null : { id: t.assigneeId, name: assigneeName ?? '' },
    note: t.note,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    unstaffed: t.unstaffed === true,
    priority: t.priority ?? TICKET_CATEGORY_PRIORITY[t.category],
    dueAt: ticketDeadline(t),
    escalated: t.escalatedAt !== undefined && t.escalatedAt !== null,
  };
}
