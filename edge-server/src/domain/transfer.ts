/**
 * Handing an escalation on: its assignee, or a supervisor or admin of its site, transfers it to one
 * member of staff of the site (who becomes its assignee) or to a skill (pending again, offered to the
 * nearest with the skill, or to the supervisors when nobody with it is on duty).
 */
import type { Skill } from '@frontdesk/protocol';
import { fail, isSupervisor, type DomainError } from './result.js';
import { chooseAssignees, type Candidate } from './routing.js';
import { isStaffed } from './staffing.js';
import type { Escalation, EscalationEvent, Role, StaffMember } from './types.js';

export type TransferTarget = { staffId: string } | { skill: Skill };

export interface TransferInput {
  by: { id: string; role: Role };
  to: TransferTarget;
  note: string | null;
  now: number;
  /** The member named by `to.staffId`, as the store has it (null: unknown). */
  target: StaffMember | null;
  /** Built for the escalation's place. */
  candidates: readonly Candidate[];
}

export type TransferResult = { ok: true; escalation: Escalation; events: EscalationEvent[] } | DomainError;

function refused(e: Escalation, input: TransferInput): DomainError | null {
  if (e.status === 'resolved' || e.status === 'cancelled')
    return fail('INVALID_STATE', `escalation ${e.id} is already ${e.status}`);
  const isAssignee = e.status === 'claimed' && e.assigneeId === input.by.id;
  if (!isAssignee && !isSupervisor(input.by.role))
    return fail('FORBIDDEN', `only the assignee or a supervisor may transfer escalation ${e.id}`);
  if ('staffId' in input.to) {
    const t = input.target;
    if (!t || t.id !== input.to.staffId || t.site !== e.site || t.disabled)
      return fail('UNKNOWN_TARGET', `no member of staff ${input.to.staffId} at this site`);
    if (e.status === 'claimed' && e.assigneeId === t.id)
      return fail('INVALID_STATE', `escalation ${e.id} is already with ${t.id}`);
  }
  return null;
}

export function transferEscalation(e: Escalation, input: TransferInput): TransferResult {
  const denied = refused(e, input);
  if (denied) return denied;
  const { now, to } = input;
  let escalation: Escalation;
  if ('staffId' in to) {
    escalation = { ...e, status: 'claimed', assigneeId: to.staffId, claimedAt: now, offeredTo: [] };
  } else {
    const offer = chooseAssignees({ site: e.site, skill: to.skill }, input.candidates, 0, e.assigneeId);
    escalation = {
      ...e,
      status: 'pending',
      skill: to.skill,
      assigneeId: null,
      claimedAt: null,
      level: offer.level,
      levelStartedAt: now,
      offeredTo: offer.staffIds,
      unstaffed: !isStaffed(e.site, to.skill, input.candidates),
    };
  }
  const staffIds = 'staffId' in to ? [to.staffId] : escalation.offeredTo;
  // Those who had it and do not have it now hear that it left them.
  const withdrawnFrom = [...new Set([...e.offeredTo, ...(e.assigneeId ? [e.assigneeId] : [])])].filter(
    (id) => !staffIds.includes(id),
  );
  const actor = `staff:${input.by.id}`;
  return {
    ok: true,
    escalation,
    events: [
      {
        escalationId: e.id,
        kind: 'transferred',
        at: now,
        actor,
        data: { from: e.assigneeId, to, note: input.note, withdrawnFrom },
      },
      {
        escalationId: e.id,
        kind: 'offered',
        at: now,
        actor: 'system',
        data: { level: escalation.level, staffIds },
      },
    ],
  };
}
