import { describe, expect, it } from 'vitest';
import { MAX_REPAIR_PHOTOS, addRepairPhoto } from './repair-photos.js';
import type { Ticket } from './types.js';

const ticketFixture = (over: Partial<Ticket> = {}): Ticket => ({
  id: 't-1',
  site: 'grand-hotel',
  deviceId: 'kiosk-1',
  conversationId: null,
  status: 'in_progress',
  category: 'hvac',
  skill: 'maintenance',
  place: null,
  room: '1203',
  description: 'air conditioner shows E4',
  ocrText: null,
  faultCode: null,
  photoIds: [],
  lang: 'en',
  assigneeId: null,
  note: null,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

const P = 'a'.repeat(64);
const staff = (id: string, role: 'staff' | 'supervisor' | 'admin' = 'staff') =>
  ({ kind: 'staff', id, role }) as const;

describe('a repair photo on a ticket', () => {
  it('is added by the assignee: listed, with a history entry that keeps the status', () => {
    const t = ticketFixture({ status: 'in_progress', assigneeId: 'chen-jie' });
    const d = addRepairPhoto(t, P, staff('chen-jie'), 5000);
    expect(d).toMatchObject({
      ok: true,
      ticket: { repairPhotoIds: [P], updatedAt: 5000, status: 'in_progress' },
      event: { from: 'in_progress', to: 'in_progress', at: 5000, actor: 'staff:chen-jie', photoId: P },
    });
  });

  it('is refused to staff who do not hold it, allowed to supervisors and admins', () => {
    const t = ticketFixture({ status: 'assigned', assigneeId: 'wang-wei' });
    expect(addRepairPhoto(t, P, staff('chen-jie'), 1)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(addRepairPhoto({ ...t, assigneeId: null }, P, staff('chen-jie'), 1)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(addRepairPhoto(t, P, staff('zhao-lei', 'supervisor'), 1).ok).toBe(true);
    expect(addRepairPhoto(t, P, staff('sun-li', 'admin'), 1).ok).toBe(true);
  });

  it('is refused on a cancelled ticket, twice, and past the limit; a resolved ticket takes one', () => {
    const mine = { assigneeId: 'chen-jie' };
    const me = staff('chen-jie');
    expect(addRepairPhoto(ticketFixture({ ...mine, status: 'cancelled' }), P, me, 1)).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(addRepairPhoto(ticketFixture({ ...mine, repairPhotoIds: [P] }), P, me, 1)).toMatchObject({
      code: 'CONFLICT',
    });
    const full = Array.from({ length: MAX_REPAIR_PHOTOS }, (_, i) => String(i).repeat(64));
    expect(addRepairPhoto(ticketFixture({ ...mine, repairPhotoIds: full }), P, me, 1)).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(addRepairPhoto(ticketFixture({ ...mine, status: 'resolved' }), P, me, 1).ok).toBe(true);
  });
});
