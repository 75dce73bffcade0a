/**
 * A photo of the repair on a ticket, taken by the staff who hold it: its assignee, or a supervisor
 * (or admin) of its site. Pure: the caller has checked the site and stored the photo.
 */
import { fail, isSupervisor, type Actor, type DomainError } from './result.js';
import type { TicketDecision } from './tickets.js';
import type { Ticket } from './types.js';

/** Enough for before/after shots of a repair; a ticket is not a photo album. */
export const MAX_REPAIR_PHOTOS = 6;

/** Whether `actor` holds the ticket enough to add a repair photo to it; null when it may. */
export function repairPhotoRefusal(t: Ticket, actor: Extract<Actor, { kind: 'staff' }>): DomainError | null {
  if (t.assigneeId !== actor.id && !isSupervisor(actor.role))
    return fail(
      'FORBIDDEN',
      `ticket ${t.id} is not yours: only its assignee or a supervisor adds repair photos`,
    );
  if (t.status === 'cancelled') return fail('INVALID_STATE', `ticket ${t.id} was cancelled`);
  const count = t.repairPhotoIds?.length ?? 0;
  if (count >= MAX_REPAIR_PHOTOS)
    return fail('INVALID_STATE', `ticket ${t.id} has ${MAX_REPAIR_PHOTOS} repair photos already`);
  return null;
}

/**
 * Adds repair photo `photoId`: the ticket lists it and its history gets an entry (the status does
 * not change). The same photo twice is one entry.
 */
export function addRepairPhoto(
  t: Ticket,
  photoId: string,
  actor: Extract<Actor, { kind: 'staff' }>,
  now: number,
): TicketDecision | DomainError {
  const refused = repairPhotoRefusal(t, actor);
  if (refused) return refused;
  const before = t.repairPhotoIds ?? [];
  if (before.includes(photoId)) return fail('CONFLICT', `photo ${photoId} is on ticket ${t.id} already`);
  return {
    ok: true,
    ticket: { ...t, repairPhotoIds: [...before, photoId], updatedAt: now },
    event: {
      ticketId: t.id,
      from: t.status,
      to: t.status,
      at: now,
      actor: `staff:${actor.id}`,
      note: 'repair photo',
      photoId,
    },
  };
}
