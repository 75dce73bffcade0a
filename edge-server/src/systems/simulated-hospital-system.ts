import type { DepartmentId } from '@frontdesk/protocol';
import type { Appointment, HospitalSystem } from './hospital-system.js';
import type { Outcome } from './property-system.js';
import type { SimulationDb } from './simulation-db.js';

export interface SimulatedAppointment extends Appointment {
  residentId: string;
  qrPayload: string;
}

/** Letters of the queue labels, per department (A012 for internal medicine's twelfth patient). */
const QUEUE_PREFIX: Record<DepartmentId, string> = {
  emergency: 'E',
  internal_medicine: 'A',
  respiratory: 'B',
  cardiology: 'C',
  gastroenterology: 'D',
  neurology: 'N',
  surgery: 'S',
  orthopedics: 'G',
  urology: 'U',
  obstetrics_gynecology: 'F',
  pediatrics: 'P',
  dermatology: 'K',
  ophthalmology: 'Y',
  ent: 'H',
  stomatology: 'T',
};

export function queueLabel(department: DepartmentId, n: number): string {
  return `${QUEUE_PREFIX[department]}${String(n).padStart(3, '0')}`;
}

type Row = Record<string, unknown>;

/**
 * An HIS that behaves like one: appointments by QR code or resident ID, and check-in that takes the
 * next number of the department's queue for the day (one counter per department per day).
 */
export class SimulatedHospitalSystem implements HospitalSystem {
  constructor(private readonly db: SimulationDb) {}

  seed(appointments: SimulatedAppointment[]): void {
    const put = this.db.prepare(
      'INSERT OR IGNORE INTO his_appointments (id, site, qr_payload, resident_id, data) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const a of appointments)
        put.run(a.id, a.site, a.qrPayload, a.residentId.toUpperCase(), JSON.stringify(a));
    })();
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM his_appointments LIMIT 1').get() === undefined;
  }

  appointment(id: string): SimulatedAppointment | null {
    const row = this.db.prepare('SELECT data FROM his_appointments WHERE id = ?').get(id) as Row | undefined;
    return row ? (JSON.parse(row.data as string) as SimulatedAppointment) : null;
  }

  async findByQr(site: string, payload: string): Promise<Appointment | null> {
    const row = this.db
      .prepare('SELECT data FROM his_appointments WHERE site = ? AND qr_payload = ?')
      .get(site, payload.trim()) as Row | undefined;
    return row ? toView(JSON.parse(row.data as string) as SimulatedAppointment) : null;
  }

  async findByResidentId(site: string, residentId: string): Promise<Appointment[]> {
    const rows = this.db
      .prepare('SELECT data FROM his_appointments WHERE site = ? AND resident_id = ?')
      .all(site, residentId.toUpperCase()) as Row[];
    return rows
      .map((r) => toView(JSON.parse(r.data as string) as SimulatedAppointment))
      .sort((a, b) => a.date.localeCompare(b.date) || a.slot.localeCompare(b.slot));
  }

  async checkIn(
    site: string,
    appointmentId: string,
    request: { requestKey: string; today: string },
  ): Promise<Outcome<Appointment>> {
    return this.db.transaction((): Outcome<Appointment> => {
      const a = this.appointment(appointmentId);
      if (!a || a.site !== site) return { ok: false, problem: 'APPOINTMENT_NOT_FOUND' };
      // Checked in already (this request or an earlier one): the number it got, never a second one.
      if (a.status === 'checked_in') return { ok: true, value: toView(a) };
      if (a.status === 'cancelled') return { ok: false, problem: 'APPOINTMENT_CANCELLED' };
      if (a.date !== request.today) return { ok: false, problem: 'APPOINTMENT_NOT_TODAY' };
      const row = this.db
        .prepare('SELECT last FROM his_queue_counters WHERE site = ? AND department = ? AND day = ?')
        .get(site, a.department, a.date) as { last: number } | undefined;
      const n = (row?.last ?? 0) + 1;
      this.db
        .prepare(
          'INSERT INTO his_queue_counters (site, department, day, last) VALUES (?, ?, ?, ?) ON CONFLICT (site, department, day) DO UPDATE SET last = excluded.last',
        )
        .run(site, a.department, a.date, n);
      const next: SimulatedAppointment = {
        ...a,
        status: 'checked_in',
        queueNumber: n,
        queueLabel: queueLabel(a.department, n),
      };
      this.db.prepare('UPDATE his_appointments SET data = ? WHERE id = ?').run(JSON.stringify(next), a.id);
      this.db
        .prepare('INSERT OR IGNORE INTO his_operations (request_key, appointment_id) VALUES (?, ?)')
        .run(request.requestKey, a.id);
      return { ok: true, value: toView(next) };
    })();
  }
}

function toView(a: SimulatedAppointment): Appointment {
  return {
    id: a.id,
    site: a.site,
    patientName: a.patientName,
    department: a.department,
    doctor: a.doctor,
    date: a.date,
    slot: a.slot,
    status: a.status,
    queueNumber: a.queueNumber,
    queueLabel: a.queueLabel,
  };
}
