import type { AppointmentView, DepartmentId, JourneyProblemCode } from '@frontdesk/protocol';
import type { FlowEvent, JourneyFailure } from '../journey/journey.js';

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
  | { type: 'appointment.start' }
  | { type: 'appointment.method'; method: AppointmentMethod }
  | { type: 'appointment.looking' }
  | { type: 'appointment.found'; appointments: AppointmentView[]; problem: JourneyProblemCode | null }
  | { type: 'appointment.select'; appointmentId: string }
  | { type: 'appointment.checking_in' }
  | {
      type: 'appointment.checked_in';
      queueNumber: number | null;
      queueLabel: string | null;
      department: DepartmentId | null;
      place: string | null;
      problem: JourneyProblemCode | null;
    }
  | { type: 'appointment.failed'; failure: JourneyFailure };

export function startAppointment(): AppointmentState {
  return { step: 'find', method: 'qr', appointments: [], selectedId: null, result: null, failure: null };
}

export function isAppointmentEvent(event: { type: string }): event is AppointmentEvent {
  return event.type.startsWith('appointment.');
}

function step(a: AppointmentState, event: AppointmentEvent): AppointmentState {
  switch (event.type) {
    case 'appointment.start':
      return startAppointment();
    case 'appointment.method':
      return { ...a, method: event.method, step: 'find', failure: null };
    case 'appointment.looking':
      return { ...a, step: 'looking', failure: null };
    case 'appointment.found': {
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
    case 'appointment.select':
      if (!a.appointments.some((x) => x.id === event.appointmentId)) return a;
      return { ...a, selectedId: event.appointmentId };
    case 'appointment.checking_in':
      return { ...a, step: 'checking_in', failure: null };
    case 'appointment.checked_in':
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
    case 'appointment.failed':
      return { ...a, step: 'failed', failure: event.failure };
  }
}

/** The appointment slice: the `appointment_checkin` flow and `appointment.start` open it. */
export function reduceAppointment(
  a: AppointmentState | null,
  event: AppointmentEvent | FlowEvent,
): AppointmentState | null {
  if (event.type === 'flow') return event.flow === 'appointment_checkin' ? startAppointment() : a;
  if (event.type === 'appointment.start') return startAppointment();
  return a && step(a, event);
}
