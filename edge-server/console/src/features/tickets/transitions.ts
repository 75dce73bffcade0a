import type { TicketStatus } from '@frontdesk/protocol';

export type SettableStatus = 'assigned' | 'in_progress' | 'resolved' | 'cancelled';

/**
 * Which statuses a member of staff may set next, as the server's ticket rules allow
 * (edge-server/src/domain/tickets.ts TICKET_TRANSITIONS; `open` is the
 * server's to set); closed tickets offer nothing.
 */
export function nextStatuses(status: TicketStatus): SettableStatus[] {
  switch (status) {
    case 'open':
      return ['assigned', 'in_progress', 'cancelled'];
    case 'assigned':
      return ['in_progress', 'resolved', 'cancelled'];
    case 'in_progress':
      return ['resolved', 'cancelled', 'assigned'];
    case 'resolved':
    case 'cancelled':
      return [];
  }
}
