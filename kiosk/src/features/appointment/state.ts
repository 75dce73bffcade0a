import type { FlowId } from '@frontdesk/models';
import type { AppointmentView, DepartmentId, JourneyProblemCode } from '@frontdesk/protocol';
import type { KioskState } from '../../app/state.js';
import type { JourneyFailure } from '../checkin/state.js';

/** The hospital appointment check-in journey's slice of the kiosk state, and its pure reducer. */
export type AppointmentMethod = 'qr' | 'resident_id';
export type AppointmentStep = 'find' | 'looking' | 'confirm' | 'checking_in' | 'done' | 'failed';

export interface AppointmentState {
  step: AppointmentStep;
  method: AppointmentMethod;
  appointments: AppointmentView[];
  selectedId: string | null;
  result: {
    queueNumber: number;
    queueLabel: string;
    department: DepartmentId;
    /** The department's place id, for "show the way". */
    place: string | null;
  } | null;
  failure: JourneyFailure | null;
}

export type AppointmentEvent =
  | { kind: 'start' }
  | { kind: 'method'; method: AppointmentMethod }
  | { kind: 'looking' }
  | { kind: 'found'; appointments: AppointmentView[]; problem: JourneyProblemCode | null }
  | { kind: 'select'; appointmentId: string }
  | { kind: 'checking_in' }
  | {
      kind: 'checked_in';
      queueNumber: number | null;
      queueLabel: string | null;
      department: DepartmentId | null;
      place: string | null;
      problem: JourneyProblemCode | null;
    }
  | { kind: 'failed'; failure: JourneyFailure };

export function startAppointment(): AppointmentState {
  return { step: 'find', method: 'qr', appointments: [], selectedId: null, result: null, failure: null };
}

export function appointmentOnFlow(state: KioskState, flow: FlowId): KioskState {
  if (flow !== 'appointment_checkin') return state;
  return { ...state, screen: 'appointment', appointment: startAppointment() };
}

function step(a: AppointmentState, event: AppointmentEvent): AppointmentState {
  switch (event.kind) {
    case 'start':
      return startAppointment();
    case 'method':
      return { ...a, method: event.method, step: 'find', failure: null };
    case 'looking':
      return { ...a, step: 'looking', failure: null };
    case 'found': {
      const usable = event.appointments.filter((x) => x.status !== 'cancelled');
      if (event.problem || usable.length === 0)
        return {
          ...a,
          step: 'failed',
          appointments: [],
          failure: { kind: 'problem', code: event.problem ?? 'APPOINTMENT_NOT_FOUND' },
        };
      return { ...a, step: 'confirm', appointments: usable, selectedId: usable[0]?.id ?? null };
    }
    case 'select':
      if (!a.appointments.some((x) => x.id === event.appointmentId)) return a;
      return { ...a, selectedId: event.appointmentId };
    case 'checking_in':
      return { ...a, step: 'checking_in', failure: null };
    case 'checked_in':
      if (event.problem || event.queueNumber === null || !event.queueLabel || !event.department)
        return {
          ...a,
          step: 'failed',
          failure: { kind: 'problem', code: event.problem ?? 'APPOINTMENT_NOT_FOUND' },
        };
      return {
        ...a,
        step: 'done',
        result: {
          queueNumber: event.queueNumber,
          queueLabel: event.queueLabel,
          department: event.department,
          place: event.place,
        },
      };
    case 'failed':
      return { ...a, step: 'failed', failure: event.failure };
  }
}

export function reduceAppointment(state: KioskState, event: AppointmentEvent): KioskState {
  if (event.kind === 'start') return { ...state, screen: 'appointment', appointment: startAppointment() };
  if (!state.appointment) return state;
  return { ...state, appointment: step(state.appointment, event) };
}
