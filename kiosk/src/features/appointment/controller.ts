import {
  FINAL_ATTEMPTS,
  LOOKUP_ATTEMPTS,
  failureOf,
  type FlowEvent,
  type JourneyDeps,
} from '../journey/journey.js';
import type { AppointmentEvent, AppointmentState } from './state.js';

export type AppointmentDeps = JourneyDeps<
  { appointment: AppointmentState | null },
  AppointmentEvent | FlowEvent
>;

/** The hospital appointment journey's I/O: lookups and check-in with the server (request / reply). */
export class AppointmentController {
  constructor(private readonly deps: AppointmentDeps) {}

  emit(event: AppointmentEvent): void {
    this.deps.dispatch(event);
  }

  start(): void {
    this.emit({ type: 'appointment.start' });
  }

  findByQr(payload: string): Promise<void> {
    return this.find({ method: 'qr', payload });
  }

  findByResidentId(number: string): Promise<void> {
    return this.find({ method: 'resident_id', number: number.trim().toUpperCase() });
  }

  async confirm(): Promise<void> {
    const a = this.deps.getState().appointment;
    if (!a || a.step !== 'confirm' || !a.selectedId) return;
    const session = this.session();
    this.emit({ type: 'appointment.checking_in' });
    try {
      const r = await this.deps.requests.request(
        'appointment.checkin',
        { appointmentId: a.selectedId },
        { attempts: FINAL_ATTEMPTS },
      );
      if (this.same(session))
        this.emit({
          type: 'appointment.checked_in',
          queueNumber: r.queueNumber,
          queueLabel: r.queueLabel,
          department: r.department,
          place: r.place,
          problem: r.problem?.code ?? null,
        });
    } catch (error) {
      if (this.same(session)) this.emit({ type: 'appointment.failed', failure: failureOf(error) });
    }
  }

  /** "Show the way": the wayfinding feature routes to the department's place. */
  showTheWay(place: string): void {
    this.deps.dispatch({ type: 'flow', flow: 'wayfinding', slots: { place }, department: null });
  }

  handOver(): Promise<void> {
    return this.deps.requestPerson('flow_failure', 'hospital.appointment_checkin');
  }

  private async find(
    by: { method: 'qr'; payload: string } | { method: 'resident_id'; number: string },
  ): Promise<void> {
    const a = this.deps.getState().appointment;
    if (!a || a.step === 'looking') return;
    const session = this.session();
    this.emit({ type: 'appointment.looking' });
    try {
      const r = await this.deps.requests.request('appointment.find', { by }, { attempts: LOOKUP_ATTEMPTS });
      if (this.same(session))
        this.emit({
          type: 'appointment.found',
          appointments: r.appointments,
          problem: r.problem?.code ?? null,
        });
    } catch (error) {
      if (this.same(session)) this.emit({ type: 'appointment.failed', failure: failureOf(error) });
    }
  }

  private session(): string | null {
    return this.deps.getState().conversationId;
  }

  private same(session: string | null): boolean {
    const s = this.deps.getState();
    return s.conversationId === session && s.appointment !== null;
  }
}
