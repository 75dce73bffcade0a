/**
 * Staff chat with a guest: who may write, and which staff consoles see a line besides the guest's
 * screens. Pure: the caller loads the escalation and the site's members.
 */
import { fail, isSupervisor, type DomainError } from './result.js';
import { supervisorsOf } from './staffing.js';
import type { Escalation, Role, StaffMember } from './types.js';

const OPEN: ReadonlySet<Escalation['status']> = new Set(['pending', 'claimed']);

/**
 * Null when `by` (a member of the escalation's site) may write to its guest: the assignee while it is
 * claimed; a supervisor or admin while it is open, claimed by anyone or nobody (joining the
 * conversation). Plain staff who do not hold it are told to claim it first.
 */
export function staffChatRefusal(e: Escalation, by: { id: string; role: Role }): DomainError | null {
  if (isSupervisor(by.role))
    return OPEN.has(e.status) ? null : fail('INVALID_STATE', `escalation ${e.id} is already ${e.status}`);
  if (e.status !== 'claimed' || e.assigneeId !== by.id)
    return fail('FORBIDDEN', 'claim the escalation before chatting with the guest');
  return null;
}

/**
 * The staff who see a chat line of an escalation: those working on it (the assignee, or while it is
 * pending those it is offered to), the site's supervisors (who may join any open conversation) and,
 * for a staff line, the writer's own other consoles. `members` are the site's members.
 */
export function chatAudience(
  e: Escalation,
  members: readonly StaffMember[],
  writerId: string | null,
): string[] {
  const working = e.assigneeId ? [e.assigneeId] : e.offeredTo;
  const site = new Set(members.filter((m) => m.site === e.site).map((m) => m.id));
  const ids = [...working, ...supervisorsOf(e.site, members), ...(writerId ? [writerId] : [])];
  // Only members of the escalation's own site, whatever the offer list says.
  return [...new Set(ids)].filter((id) => site.has(id));
}
