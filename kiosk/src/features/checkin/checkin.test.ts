import { describe, expect, it } from 'vitest';
import type { BookingView, KnowledgeBase } from '@frontdesk/protocol';
import { initialState, reduce, type KioskEvent, type KioskState } from '../../app/state.js';
import { KioskStore } from '../../app/store.js';
import { RequestFailure } from '../../sync/requests.js';
import type { PhotoReader } from '../../vision/photo-reader.js';
import { startAppointment } from '../appointment/state.js';
import { CheckinController } from './controller.js';
import { identityComplete, identityFromText, residentIdChecksum } from './identity.js';

const booking: BookingView = {
  id: 'bk-1001',
  reference: 'YQ2026A1',
  guestName: '王芳',
  roomType: { zh: '高级大床房', en: 'Superior king room' },
  arrival: '2026-12-02',
  departure: '2026-12-04',
  nights: 2,
  status: 'booked',
  room: null,
  bill: null,
};
const today = new Date('2026-12-02T08:00:00Z');
const awake = (): KioskState =>
  [
    { type: 'kb', kb: { site: 'grand-hotel', kind: 'hotel', version: 1 } as KnowledgeBase },
    { type: 'wake', conversationId: 'conv-1' },
  ].reduce((s, e) => reduce(s, e as KioskEvent), initialState('zh'));

describe('check-in slice', () => {
  it('opens on the checkin / checkout flows, walks find → booking → identity → done, and drops the ID number', () => {
    let s = reduce(awake(), { type: 'flow', flow: 'checkin', slots: {}, department: null });
    expect(s.screen).toBe('checkin');
    expect(s.checkin?.mode).toBe('checkin');
    const ev = (event: Parameters<typeof reduce>[1]) => (s = reduce(s, event));
    ev({ type: 'checkin.looking' });
    ev({ type: 'checkin.found', booking, problem: null });
    expect(s.checkin?.step).toBe('booking');
    ev({ type: 'checkin.continue' });
    expect(s.checkin?.step).toBe('identity');
    ev({
      type: 'checkin.identity_edit',
      patch: { name: '王芳', number: '11010519491231002X', checksum: 'valid' },
    });
    ev({
      type: 'checkin.issued',
      room: { number: '801', floor: '8F' },
      key: { cardId: 'c', validUntil: 1 },
      problem: null,
    });
    expect(s.checkin).toMatchObject({ step: 'done', room: { number: '801' }, keyProblem: null });
    expect(s.checkin?.identity.number).toBe('');
    expect(
      reduce(awake(), { type: 'flow', flow: 'checkout', slots: {}, department: null }).checkin?.mode,
    ).toBe('checkout');
  });

  it('a problem from the server or no key stops with the reason (the desk takes over)', () => {
    let s = reduce(awake(), { type: 'flow', flow: 'checkin', slots: {}, department: null });
    s = reduce(s, { type: 'checkin.found', booking, problem: 'NOT_ARRIVAL_DAY' });
    expect(s.checkin).toMatchObject({
      step: 'failed',
      failure: { kind: 'problem', code: 'NOT_ARRIVAL_DAY' },
    });
    s = reduce(s, { type: 'checkin.restart' });
    s = reduce(s, { type: 'checkin.found', booking, problem: null });
    s = reduce(s, { type: 'checkin.continue' });
    s = reduce(s, {
      type: 'checkin.issued',
      room: { number: '801', floor: '8F' },
      key: null,
      problem: 'KEY_JAMMED',
    });
    expect(s.checkin).toMatchObject({ step: 'done', key: null, keyProblem: 'KEY_JAMMED' });
  });

  it('idle reset clears every personal field of the journeys', () => {
    let s = reduce(awake(), { type: 'flow', flow: 'checkin', slots: {}, department: null });
    s = reduce(s, { type: 'checkin.found', booking, problem: null });
    s = reduce(s, { type: 'checkin.continue' });
    s = reduce(s, {
      type: 'checkin.identity_edit',
      patch: { name: '王芳', number: '11010519491231002X' },
    });
    s = { ...s, appointment: startAppointment(), triage: { department: 'cardiology' } };
    const idle = reduce(s, { type: 'idle' });
    expect(idle).toMatchObject({ screen: 'attract', checkin: null, appointment: null, triage: null });
    expect(JSON.stringify(idle)).not.toMatch(/王芳|11010519491231002X|bk-1001/);
    // A late answer after the reset changes nothing.
    expect(reduce(idle, { type: 'checkin.found', booking, problem: null })).toBe(idle);
  });
});

describe('identity fields', () => {
  it('prefills from OCR text: the name and a checked resident ID, or a failing one shown as invalid', () => {
    expect(identityFromText('姓名 王芳\n公民身份号码 11010519491231002X', today)).toEqual({
      name: '王芳',
      document: 'resident_id',
      number: '11010519491231002X',
      checksum: 'valid',
    });
    expect(identityFromText('姓名 王芳\n公民身份号码 110105194912310021', today)).toMatchObject({
      checksum: 'invalid',
    });
    expect(identityFromText('PASSPORT No. E12345678 Name SMITH JOHN', today)).toMatchObject({
      document: 'passport',
      number: 'E12345678',
    });
    expect(identityFromText('', today)).toBeNull();
  });

  it('shows the checksum while typing and sends only complete, valid fields', () => {
    expect(residentIdChecksum('resident_id', '1101051949', today)).toBeNull();
    expect(residentIdChecksum('resident_id', '11010519491231002x', today)).toBe('valid');
    expect(residentIdChecksum('resident_id', '110105194912310021', today)).toBe('invalid');
    expect(residentIdChecksum('passport', '110105194912310021', today)).toBeNull();
    const draft = {
      name: '王芳',
      document: 'resident_id' as const,
      number: '11010519491231002X',
      read: 'none' as const,
    };
    expect(identityComplete({ ...draft, checksum: 'valid' })).toBe(true);
    expect(identityComplete({ ...draft, checksum: 'invalid' })).toBe(false);
    expect(identityComplete({ ...draft, document: 'passport', number: 'E12', checksum: null })).toBe(false);
  });
});

describe('CheckinController', () => {
  function setup(
    reply: (type: string, body: unknown) => Promise<unknown>,
    photoReader: PhotoReader | null = null,
  ) {
    const store = new KioskStore(awake());
    const calls: Array<{ type: string; body: unknown; options: unknown }> = [];
    const people: string[] = [];
    const c = new CheckinController({
      requests: {
        request: ((type: string, body: unknown, options?: unknown) => {
          calls.push({ type, body, options });
          return reply(type, body);
        }) as never,
      },
      dispatch: store.dispatch,
      getState: () => store.state,
      now: () => today.getTime(),
      requestPerson: async (trigger) => {
        people.push(trigger);
      },
      photoReader,
    });
    store.dispatch({ type: 'flow', flow: 'checkin', slots: {}, department: null });
    return { store, c, calls, people };
  }

  it('finds a booking and checks in with only the confirmed fields, as a final (retried) request', async () => {
    const { store, c, calls } = setup(async (type) =>
      type === 'booking.find'
        ? { requestId: 'r', booking, problem: null }
        : {
            requestId: 'r',
            bookingId: 'bk-1001',
            room: { number: '801', floor: '8F' },
            key: { cardId: 'k', validUntil: 2 },
            problem: null,
          },
    );
    await c.findByReference(' 王 ', 'yq2026a1');
    expect(calls[0]).toMatchObject({
      type: 'booking.find',
      body: { purpose: 'checkin', by: { method: 'reference', surname: '王', reference: 'YQ2026A1' } },
    });
    // The server attaches the guest it finds to this conversation.
    expect(store.state.conversationId).not.toBeNull();
    expect(calls[0]?.body).toMatchObject({ conversationId: store.state.conversationId });
    c.emit({ type: 'checkin.continue' });
    c.editIdentity({ name: '王芳' });
    c.editIdentity({ number: '11010519491231002X' });
    expect(store.state.checkin?.identity.checksum).toBe('valid');
    await c.confirmIdentity();
    expect(calls[1]).toEqual({
      type: 'checkin.complete',
      body: {
        bookingId: 'bk-1001',
        guest: { name: '王芳', document: 'resident_id', number: '11010519491231002X' },
      },
      options: { attempts: 3 },
    });
    expect(store.state.checkin?.step).toBe('done');
  });

  it('offline: says the desk is needed and hands over with flow_failure', async () => {
    const { store, c, people } = setup(async () => {
      throw new RequestFailure('offline');
    });
    await c.findByQr('FDBOOK1:x');
    expect(store.state.checkin).toMatchObject({ step: 'failed', failure: { kind: 'offline' } });
    await c.handOver();
    expect(people).toEqual(['flow_failure']);
  });

  it('reads the ID photo with the PhotoReader and prefills; a reply after the guest left is dropped', async () => {
    let release: (v: unknown) => void = () => undefined;
    const reader: PhotoReader = {
      read: async () => ({ lines: [], text: '姓名 王芳\n公民身份号码 11010519491231002X', elapsedMs: 5 }),
    };
    const { store, c } = setup(
      (type) =>
        type === 'booking.find'
          ? Promise.resolve({ requestId: 'r', booking, problem: null })
          : new Promise((r) => (release = r)),
      reader,
    );
    await c.findByReference('王', 'YQ2026A1');
    c.emit({ type: 'checkin.continue' });
    await c.readIdPhoto(new Blob(['jpeg']));
    expect(store.state.checkin?.identity).toMatchObject({ name: '王芳', checksum: 'valid', read: 'read' });
    const pending = c.confirmIdentity();
    store.dispatch({ type: 'idle' });
    store.dispatch({ type: 'wake', conversationId: 'conv-2' });
    store.dispatch({ type: 'flow', flow: 'checkin', slots: {}, department: null });
    release({
      requestId: 'r',
      bookingId: 'bk-1001',
      room: { number: '801', floor: '8F' },
      key: null,
      problem: null,
    });
    await pending;
    expect(store.state.checkin?.step).toBe('find');
  });
});
