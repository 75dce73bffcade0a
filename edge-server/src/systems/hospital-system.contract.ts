/** The one contract every `HospitalSystem` passes. The fixture names appointments in known states. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DepartmentId } from '@frontdesk/protocol';
import type { HospitalSystem } from './hospital-system.js';

interface KnownAppointment {
  id: string;
  residentId: string;
  qrPayload: string;
  department: DepartmentId;
}

export interface HospitalFixture {
  system: HospitalSystem;
  site: string;
  today: string;
  /** Two of today's appointments in the same department; one in another. */
  today1: KnownAppointment;
  today2: KnownAppointment;
  otherDepartment: KnownAppointment;
  tomorrow: KnownAppointment;
  cancelled: KnownAppointment;
  close(): Promise<void>;
}

export function hospitalSystemContract(name: string, setup: () => Promise<HospitalFixture>): void {
  describe(`HospitalSystem contract: ${name}`, () => {
    let f: HospitalFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => f.close());

    it('finds an appointment by QR payload and by resident ID', async () => {
      expect(await f.system.findByQr(f.site, f.today1.qrPayload)).toMatchObject({
        id: f.today1.id,
        status: 'booked',
        department: f.today1.department,
      });
      expect(await f.system.findByQr(f.site, 'FDAPPT1:nope')).toBeNull();
      const byId = await f.system.findByResidentId(f.site, f.today1.residentId.toLowerCase());
      expect(byId.map((a) => a.id)).toContain(f.today1.id);
      expect(await f.system.findByResidentId('another-site', f.today1.residentId)).toEqual([]);
    });

    it('numbers the queue per department per day, and a repeated check-in keeps its number', async () => {
      const a = await f.system.checkIn(f.site, f.today1.id, { requestKey: 'q-1', today: f.today });
      const b = await f.system.checkIn(f.site, f.today2.id, { requestKey: 'q-2', today: f.today });
      const c = await f.system.checkIn(f.site, f.otherDepartment.id, { requestKey: 'q-3', today: f.today });
      expect(a.ok && b.ok && c.ok).toBe(true);
      if (!a.ok || !b.ok || !c.ok) return;
      expect([a.value.queueNumber, b.value.queueNumber]).toEqual([1, 2]);
      expect(c.value.queueNumber).toBe(1);
      expect(a.value.status).toBe('checked_in');
      expect(a.value.queueLabel).toMatch(/^[A-Z]\d{3}$/);
      const again = await f.system.checkIn(f.site, f.today1.id, { requestKey: 'q-9', today: f.today });
      expect(again).toEqual(a);
    });

    it('refuses another day, a cancelled appointment and an unknown one, with stable reasons', async () => {
      expect(await f.system.checkIn(f.site, f.tomorrow.id, { requestKey: 'q-4', today: f.today })).toEqual({
        ok: false,
        problem: 'APPOINTMENT_NOT_TODAY',
      });
      expect(await f.system.checkIn(f.site, f.cancelled.id, { requestKey: 'q-5', today: f.today })).toEqual({
        ok: false,
        problem: 'APPOINTMENT_CANCELLED',
      });
      expect(await f.system.checkIn(f.site, 'apt-none', { requestKey: 'q-6', today: f.today })).toEqual({
        ok: false,
        problem: 'APPOINTMENT_NOT_FOUND',
      });
    });
  });
}
