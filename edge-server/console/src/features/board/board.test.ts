import { describe, expect, it } from 'vitest';
import { escalation, T0 } from '../../../test/fixtures.js';
import { boardView } from './board.js';

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
});
