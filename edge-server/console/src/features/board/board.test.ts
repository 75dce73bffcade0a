import { describe, expect, it } from 'vitest';
import type { BoardTicketView } from '@frontdesk/protocol';
import { escalation, T0 } from '../../../test/fixtures.js';
import { boardTickets, boardView } from './board.js';

const boardTicket = (id: string, over: Partial<BoardTicketView> = {}): BoardTicketView => ({
  id,
  status: 'assigned',
  category: 'hvac',
  skill: 'maintenance',
  priority: 'routine',
  assignee: { id: 'chen-jie', name: '陈杰' },
  dueAt: T0 + 3_600_000,
  unstaffed: false,
  escalated: false,
  createdAt: T0 - 60_000,
  updatedAt: T0 - 60_000,
  ...over,
});

const member = (id: string, over: Partial<{ online: boolean; onDuty: boolean; load: number }> = {}) => ({
  id,
  name: id,
  role: 'staff' as const,
  skills: ['front_desk' as const],
  online: true,
  onDuty: true,
  place: null,
  load: 0,
  ...over,
});

describe('supervisor board', () => {
  const snapshot = {
    site: 'grand-hotel',
    escalations: [
      escalation({ id: 'a', claimDueAt: T0 + 30_000 }),
      escalation({ id: 'b', claimDueAt: T0 - 5_000, level: 1 }),
      escalation({ id: 'c', claimDueAt: T0 + 600_000 }),
      escalation({ id: 'd', status: 'claimed', assignee: { id: 'li-na', name: '李娜' }, claimDueAt: null }),
      escalation({ id: 'e', priority: 'emergency', skill: 'security', claimDueAt: T0 + 10_000 }),
      escalation({ id: 'f', status: 'resolved' }),
    ],
    tickets: [boardTicket('t-ok')],
    staff: [member('z-off', { online: false, onDuty: false }), member('busy', { load: 2 }), member('idle')],
  };

  it('counts waiting and claimed per skill and priority, most urgent first', () => {
    expect(boardView(snapshot, T0).queues).toEqual([
      { skill: 'security', priority: 'emergency', waiting: 1, claimed: 0 },
      { skill: 'front_desk', priority: 'routine', waiting: 3, claimed: 1 },
    ]);
  });

  it('lists breached and about-to-breach claims, most overdue first', () => {
    expect(boardView(snapshot, T0).atRisk.map((r) => [r.escalation.id, r.sla.state])).toEqual([
      ['b', 'breached'],
      ['e', 'soon'],
      ['a', 'soon'],
    ]);
  });

  it('lists re-escalations and puts online, on-duty, busiest staff first', () => {
    const view = boardView(snapshot, T0);
    expect(view.reescalated.map((e) => e.id)).toEqual(['b']);
    expect(view.staff.map((s) => s.id)).toEqual(['busy', 'idle', 'z-off']);
    expect(view.open.map((e) => e.id)).toEqual(['e', 'b', 'a', 'c', 'd']);
  });

  it('shows the snapshot’s tickets with the escalations', () => {
    expect(boardView(snapshot, T0).tickets.open.map((t) => t.id)).toEqual(['t-ok']);
    expect(boardView(snapshot, T0).tickets.atRisk).toEqual([]);
  });
});

describe('board tickets', () => {
  const list = [
    boardTicket('routine-later'),
    boardTicket('high-soon', { priority: 'high', dueAt: T0 + 30_000, createdAt: T0 - 1000 }),
    boardTicket('breached', { status: 'open', assignee: null, dueAt: T0 - 10_000 }),
    boardTicket('escalated', {
      dueAt: null,
      escalated: true,
      unstaffed: true,
      status: 'open',
      assignee: null,
    }),
    boardTicket('started', { status: 'in_progress', dueAt: null }),
    boardTicket('done', { status: 'resolved', dueAt: T0 - 99_000 }),
  ];

  it('lists re-escalated, breached and about-to-breach tickets: re-escalated first, then most overdue', () => {
    expect(boardTickets(list, T0).atRisk.map((r) => [r.ticket.id, r.sla.state])).toEqual([
      ['escalated', 'none'],
      ['breached', 'breached'],
      ['high-soon', 'soon'],
    ]);
  });

  it('lists every open ticket by priority, then deadline, then age; closed ones are left out', () => {
    expect(boardTickets(list, T0).open.map((t) => t.id)).toEqual([
      'high-soon',
      'breached',
      'routine-later',
      'escalated',
      'started',
    ]);
  });
});
