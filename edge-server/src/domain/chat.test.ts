import { describe, expect, it } from 'vitest';
import { chatAudience, staffChatRefusal } from './chat.js';
import { claimEscalation, raiseEscalation } from './escalations.js';
import { candidate, member, raiseBody, T0 } from './test-fixtures.js';
import type { Escalation } from './types.js';

const staff = [candidate('fd1', { distanceM: 10 }), candidate('fd2', { distanceM: 40 })];
const members = [
  member('fd1'),
  member('fd2'),
  member('sup1', { role: 'supervisor', skills: [] }),
  member('adm1', { role: 'admin', skills: [] }),
  member('sup-off', { role: 'supervisor', skills: [], disabled: true }),
  member('sup-other', { role: 'supervisor', skills: [], site: 'hospital1' }),
];

function pending(): Escalation {
  return raiseEscalation(raiseBody(), {
    now: T0,
    site: 'hotel1',
    siteKind: 'hotel',
    rules: [],
    deviceId: 'kiosk1',
    candidates: staff,
  }).escalation;
}

function claimed(by = 'fd1'): Escalation {
  const c = claimEscalation(pending(), by, T0 + 1);
  if (!c.ok) throw new Error(c.reason);
  return c.escalation;
}

describe('staffChatRefusal', () => {
  it('the assignee writes while it is claimed; a supervisor or admin joins it claimed or pending', () => {
    expect(staffChatRefusal(claimed(), { id: 'fd1', role: 'staff' })).toBeNull();
    for (const role of ['supervisor', 'admin'] as const) {
      expect(staffChatRefusal(claimed(), { id: 'sup1', role })).toBeNull();
      expect(staffChatRefusal(pending(), { id: 'sup1', role })).toBeNull();
    }
  });

  it('plain staff who do not hold it are told to claim it; nobody writes into a closed one', () => {
    expect(staffChatRefusal(claimed(), { id: 'fd2', role: 'staff' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(staffChatRefusal(pending(), { id: 'fd1', role: 'staff' })).toMatchObject({ code: 'FORBIDDEN' });
    for (const status of ['resolved', 'cancelled'] as const) {
      const closed = { ...claimed(), status };
      expect(staffChatRefusal(closed, { id: 'sup1', role: 'supervisor' })).toMatchObject({
        code: 'INVALID_STATE',
      });
      expect(staffChatRefusal(closed, { id: 'fd1', role: 'staff' })).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('chatAudience', () => {
  it('a staff line: the assignee, the enabled supervisors and admins of the site, the writer; nobody else', () => {
    expect(chatAudience(claimed(), members, 'sup1').sort()).toEqual(['adm1', 'fd1', 'sup1']);
    expect(chatAudience(claimed(), members, 'fd1').sort()).toEqual(['adm1', 'fd1', 'sup1']);
  });

  it('a guest line on a pending escalation: those it is offered to and the supervisors', () => {
    const e = pending();
    expect(chatAudience(e, members, null).sort()).toEqual([...e.offeredTo, 'adm1', 'sup1'].sort());
  });

  it('never a member of another site, whatever the offer list says', () => {
    const e = { ...pending(), offeredTo: ['fd1', 'sup-other'] };
    expect(chatAudience(e, members, 'sup-other')).not.toContain('sup-other');
  });
});
