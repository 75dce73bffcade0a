/**
 * Nobody on duty with the skill: the request goes to the site's supervisors at once and is flagged
 * `unstaffed`, never left silently open; when someone with the skill comes on duty it is offered (an
 * escalation) or assigned (a ticket) to them too, and the flag clears.
 */
import type { Skill } from '@frontdesk/protocol';
import { isSupervisor } from './result.js';
import { available, nearestWithSkill, type Candidate } from './routing.js';
import type { Escalation, EscalationEvent, StaffMember, Ticket, TicketEvent } from './types.js';

/** Whether anyone online and on duty at `site` has the skill. */
export function isStaffed(site: string, skill: Skill, candidates: readonly Candidate[]): boolean {
  return candidates.some((c) => available(c, site) && c.member.skills.includes(skill));
}

/**
 * The candidates to choose from for a VIP guest where senior staff come first: the senior members
 * with the skill when one of them is available, else everyone.
 */
export function seniorsFirst(
  site: string,
  skill: Skill,
  candidates: readonly Candidate[],
): readonly Candidate[] {
  const seniors = candidates.filter((c) => c.member.senior === true);
  if (!isStaffed(site, skill, seniors)) return candidates;
  // Others with the skill step aside at level 0; supervisors stay for the levels above.
  return candidates.filter((c) => c.member.senior === true || !c.member.skills.includes(skill));
}

/** The site's supervisors and admins, whoever is on duty: told of unstaffed work and every ticket change. */
export function supervisorsOf(site: string, members: readonly StaffMember[]): string[] {
  return members
    .filter((m) => m.site === site && !m.disabled && isSupervisor(m.role))
    .map((m) => m.id)
    .sort();
}

/**
 * A pending unstaffed escalation once someone with the skill is on duty: offered to the nearest of
 * them as well (the supervisors keep it too), and no longer unstaffed. Unchanged otherwise.
 */
export function offerToSkilled(
  e: Escalation,
  candidates: readonly Candidate[],
  now: number,
): { escalation: Escalation; events: EscalationEvent[] } {
  if (e.status !== 'pending' || e.unstaffed !== true) return { escalation: e, events: [] };
  const id = nearestWithSkill(e.site, e.skill, candidates);
  if (id === null) return { escalation: e, events: [] };
  const offeredTo = e.offeredTo.includes(id) ? e.offeredTo : [...e.offeredTo, id];
  const fresh = e.offeredTo.includes(id) ? [] : [id];
  return {
    escalation: { ...e, unstaffed: false, offeredTo },
    events: [
      {
        escalationId: e.id,
        kind: 'offered',
        at: now,
        actor: 'system',
        data: { level: e.level, staffIds: fresh, staffed: true },
      },
    ],
  };
}

/**
 * An open unstaffed ticket once someone with the skill is on duty: assigned to the nearest of them.
 * Null when nothing changes.
 */
export function assignToSkilled(
  t: Ticket,
  candidates: readonly Candidate[],
  now: number,
): { ticket: Ticket; event: TicketEvent } | null {
  if (t.status !== 'open' || t.unstaffed !== true) return null;
  const id = nearestWithSkill(t.site, t.skill, candidates);
  if (id === null) return null;
  return {
    ticket: { ...t, status: 'assigned', assigneeId: id, unstaffed: false, updatedAt: now },
    event: { ticketId: t.id, from: t.status, to: 'assigned', at: now, actor: 'system', note: null },
  };
}
