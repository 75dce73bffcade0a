import { describe, expect, it } from 'vitest';
import type { AppointmentView, KnowledgeBase } from '@frontdesk/protocol';
import { initialState, reduce, type KioskState } from '../../app/state.js';
import { KioskStore } from '../../app/store.js';
import { triageView } from '../triage/state.js';
import { AppointmentController } from './controller.js';

const appt: AppointmentView = {
  id: 'apt-2001',
  patientName: '刘*',
  department: 'internal_medicine',
  doctor: { zh: '陈医生', en: 'Dr Chen' },
  date: '2026-12-02',
  slot: '09:00–09:30',
  status: 'booked',
  queueLabel: null,
};
const kb = {
  site: 'city-hospital',
  kind: 'hospital',
  version: 1,
  places: [
    {
      id: 'c-cardiology',
      name: { zh: '心血管内科', en: 'Cardiology' },
      floor: '2F',
      department: 'cardiology',
    },
  ],
  faq: [{ intent: 'hospital.registration', answer: { zh: '挂号在一楼', en: 'Register on 1F' } }],
} as unknown as KnowledgeBase;
const awake = (): KioskState =>
  reduce(reduce(initialState('zh'), { type: 'kb', kb }), { type: 'wake', conversationId: 'conv-1' });

describe('appointment journey', () => {
  it('finds, confirms and shows the queue number; "show the way" starts wayfinding to the department', async () => {
    const store = new KioskStore(awake());
    const sent: string[] = [];
    const c = new AppointmentController({
      requests: {
        request: (async (type: string) => {
          sent.push(type);
          return type === 'appointment.find'
            ? {
                requestId: 'r',
                appointments: [appt, { ...appt, id: 'apt-x', status: 'cancelled' }],
                problem: null,
              }
            : {
                requestId: 'r',
                appointmentId: 'apt-2001',
                department: 'internal_medicine',
                queueNumber: 3,
                queueLabel: 'A003',
                place: 'c-internal-medicine',
                problem: null,
              };
        }) as never,
      },
      dispatch: store.dispatch,
      getState: () => store.state,
      now: () => 0,
      requestPerson: async () => undefined,
    });
    store.dispatch({ type: 'flow', flow: 'appointment_checkin', slots: {}, department: null });
    expect(store.state.screen).toBe('appointment');
    await c.findByResidentId('11010519491231002x');
    expect(store.state.appointment).toMatchObject({ step: 'confirm', selectedId: 'apt-2001' });
    expect(store.state.appointment?.appointments).toHaveLength(1);
    await c.confirm();
    expect(sent).toEqual(['appointment.find', 'appointment.checkin']);
    expect(store.state.appointment?.result).toMatchObject({
      queueLabel: 'A003',
      place: 'c-internal-medicine',
    });
    const events: unknown[] = [];
    const spy = new AppointmentController({
      requests: { request: (async () => ({})) as never },
      dispatch: (e) => events.push(e),
      getState: () => store.state,
      now: () => 0,
      requestPerson: async () => undefined,
    });
    spy.showTheWay('c-internal-medicine');
    expect(events).toEqual([
      { type: 'flow', flow: 'wayfinding', slots: { place: 'c-internal-medicine' }, department: null },
    ]);
  });

  it('a problem from the HIS stops with the reason', () => {
    let s = reduce(awake(), { type: 'flow', flow: 'appointment_checkin', slots: {}, department: null });
    s = reduce(s, {
      type: 'appointment.found',
      appointments: [],
      problem: 'APPOINTMENT_NOT_TODAY',
    });
    expect(s.appointment).toMatchObject({ step: 'failed', failure: { code: 'APPOINTMENT_NOT_TODAY' } });
  });
});

describe('triage', () => {
  it('reacts to the triage flow with its department, and shows the way and how to register', () => {
    const s = reduce(awake(), { type: 'flow', flow: 'triage', slots: {}, department: 'cardiology' });
    expect(s).toMatchObject({ screen: 'triage', triage: { department: 'cardiology' } });
    expect(triageView('cardiology', kb, 'zh')).toEqual({
      department: 'cardiology',
      place: 'c-cardiology',
      placeName: '2F · 心血管内科',
      registration: '挂号在一楼',
      emergency: false,
    });
    expect(triageView('ent', kb, 'en')).toMatchObject({ place: null, registration: 'Register on 1F' });
    expect(reduce(s, { type: 'triage.describe' })).toMatchObject({ screen: 'ask', triage: null });
    // A flow another feature owns leaves triage alone.
    const other = reduce(awake(), { type: 'flow', flow: 'wayfinding', slots: {}, department: null });
    expect(other.triage).toBeNull();
    expect(other.screen).toBe('wayfinding');
  });
});
