/**
 * The hospital information system (HIS), as the kiosk's appointment check-in needs it. Implementations:
 * the `SimulatedHospitalSystem` (demo appointments in SQLite) and, in a deployment, an adapter to the
 * hospital's HIS. Every implementation passes the contract suite in `hospital-system.contract.ts`.
 */
import type { DepartmentId, LocalizedText } from '@frontdesk/protocol';
import type { Outcome } from './property-system.js';

export interface Appointment {
  id: string;
  site: string;
  patientName: string;
  department: DepartmentId;
  doctor: LocalizedText;
  /** YYYY-MM-DD and HH:MM–HH:MM, hospital local time. */
  date: string;
  slot: string;
  status: 'booked' | 'checked_in' | 'cancelled';
  queueNumber: number | null;
  queueLabel: string | null;
}

export interface HospitalSystem {
  /** The payload of the QR code in the appointment SMS or the mini-program. */
  findByQr(site: string, payload: string): Promise<Appointment | null>;
  /** Appointments of the patient with this (already validated) resident ID number, today's first. */
  findByResidentId(site: string, residentId: string): Promise<Appointment[]>;
  /**
   * Checks in: the next queue number of the department for the day. Idempotent by `requestKey`;
   * a second check-in of the same appointment returns its number. Problems: `APPOINTMENT_NOT_FOUND`,
   * `APPOINTMENT_NOT_TODAY`, `APPOINTMENT_CANCELLED`.
   */
  checkIn(
    site: string,
    appointmentId: string,
    request: { requestKey: string; today: string },
  ): Promise<Outcome<Appointment>>;
}

/** 王芳 → 王*, John Smith → J*** S****: enough for the patient to recognise, nothing more. */
export function maskName(name: string): string {
  return name
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) ? part : [...part].map((c, i) => (i === 0 ? c : '*')).join('')))
    .join('');
}
