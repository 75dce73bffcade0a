import { describe, expect, it } from 'vitest';
import type { KnowledgeBase, TicketView } from '@frontdesk/protocol';
import { initialState, reduce, type KioskEvent, type KioskState } from '../../app/state.js';
import type { PhotoReader } from '../../vision/photo-reader.js';
import { FaultController } from './controller.js';

const kb = {
  site: 'grand-hotel',
  kind: 'hotel',
  version: 1,
  places: [],
  faultCodes: [
    {
      code: 'E4',
      category: 'hvac',
      title: { zh: '空调 E4', en: 'Air conditioner E4' },
      selfFix: { zh: ['关机一分钟再开'], en: ['Turn it off for a minute, then on'] },
    },
    { code: 'TV01', category: 'appliance', title: { zh: '电视', en: 'TV' }, selfFix: { zh: [], en: [] } },
  ],
} as unknown as KnowledgeBase;

const start = (): KioskState => ({ ...initialState('en'), kb, screen: 'ask', conversationId: 'c1' });
const fold = (events: KioskEvent[], from = start()) => events.reduce(reduce, from);

describe('fault slice', () => {
  it('the fault_report flow opens the photo step with what the guest said', () => {
    const s = fold([
      { type: 'flow', flow: 'fault_report', slots: { faultCode: 'E4', room: '1203' }, department: null },
    ]);
    expect(s.screen).toBe('fault');
    expect(s.fault).toMatchObject({ step: 'photo', faultCode: 'E4', room: '1203' });
  });

  it('a code with self-fix steps shows them first; "fixed" ends, "not fixed" goes on to the ticket', () => {
    const read = fold([
      { type: 'fault.open' },
      { type: 'fault.photo', photoKey: 'p1', reading: true },
      { type: 'fault.read', ocrText: 'ERR E4', faultCode: 'E4', failed: false },
    ]);
    expect(read.fault?.step).toBe('self_fix');
    expect(reduce(read, { type: 'fault.self_fix', fixed: true }).fault?.step).toBe('fixed');
    const s = fold(
      [
        { type: 'fault.self_fix', fixed: false },
        { type: 'fault.describe', description: '  still warm air  ' },
        { type: 'fault.place', room: '1203', placeId: 'h-lobby-kiosk' },
      ],
      read,
    );
    expect(s.fault).toMatchObject({
      step: 'category',
      description: 'still warm air',
      category: 'hvac',
      categorySource: 'code',
      photoKey: 'p1',
    });
  });

  it('no code, or one without self-fix: straight to the description; the category comes from it; the guest may change it', () => {
    const s = fold([
      { type: 'fault.open' },
      { type: 'fault.photo', photoKey: null, reading: false },
      { type: 'fault.describe', description: '浴室水龙头漏水' },
      { type: 'fault.place', room: '', placeId: null },
    ]);
    expect(s.fault).toMatchObject({ step: 'category', category: 'plumbing', categorySource: 'description' });
    const changed = reduce(s, { type: 'fault.category', category: 'furniture' });
    expect(changed.fault).toMatchObject({ category: 'furniture', categorySource: 'guest' });
    // Going back and forth keeps the guest's choice.
    const again = fold([{ type: 'fault.back' }, { type: 'fault.place', room: '', placeId: null }], changed);
    expect(again.fault?.category).toBe('furniture');
    const tv = fold([
      { type: 'fault.open', faultCode: 'TV01' },
      { type: 'fault.photo', photoKey: null, reading: false },
    ]);
    expect(tv.fault?.step).toBe('describe');
  });

  it('an empty description does not advance; a failed reading is remembered', () => {
    const s = fold([
      { type: 'fault.open' },
      { type: 'fault.photo', photoKey: 'p', reading: true },
      { type: 'fault.read', ocrText: null, faultCode: null, failed: true },
      { type: 'fault.describe', description: '   ' },
    ]);
    expect(s.fault).toMatchObject({ step: 'describe', readProblem: true });
  });

  it('the live status follows ticket.updated for this ticket only', () => {
    const ticket = (id: string, status: TicketView['status']) =>
      ({ id, status, assignee: { id: 'chen-jie', name: '陈杰' } }) as TicketView;
    const s = fold([
      { type: 'fault.open' },
      { type: 'fault.submitted', ticketId: 'tk-1' },
      { type: 'ticket.updated', body: { ticket: ticket('tk-other', 'resolved') } },
    ]);
    expect(s.fault?.ticket).toBeNull();
    const u = reduce(s, { type: 'ticket.updated', body: { ticket: ticket('tk-1', 'assigned') } });
    expect(u.fault?.ticket?.status).toBe('assigned');
    expect(reduce(u, { type: 'idle' }).fault).toBeNull();
  });
});

describe('FaultController', () => {
  function setup(reader: PhotoReader | null) {
    let state = start();
    const dispatch = (e: KioskEvent) => {
      state = reduce(state, e);
    };
    const stored = new Map<string, Blob>();
    const sent: Array<{ type: string; body: Record<string, unknown>; photos: string[] }> = [];
    let n = 0;
    const c = new FaultController({
      sender: {
        enqueue: async (type, body, options) => {
          sent.push({ type, body: body as Record<string, unknown>, photos: options?.photos ?? [] });
          return 'm';
        },
      },
      photos: {
        put: async (key, blob) => void stored.set(key, blob),
        delete: async (key) => void stored.delete(key),
      },
      photoReader: reader,
      dispatch,
      getState: () => state,
      now: () => 1000,
      newId: () => `id${n++}`,
    });
    return { c, stored, sent, get: () => state, dispatch };
  }

  it('keeps the photo, reads the code on the device, and sends the ticket with the photo to upload first', async () => {
    const reader: PhotoReader = {
      read: async () => ({ lines: [], text: 'AC unit\nERR: E 4', elapsedMs: 5 }),
    };
    const { c, stored, sent, get, dispatch } = setup(reader);
    c.open();
    await c.photoTaken(new Blob(['jpeg'], { type: 'image/jpeg' }));
    expect(get().fault).toMatchObject({ step: 'self_fix', faultCode: 'E4' });
    expect([...stored.keys()]).toEqual(['photo-id0']);
    dispatch({ type: 'fault.self_fix', fixed: false });
    dispatch({ type: 'fault.describe', description: 'Still blowing warm air' });
    dispatch({ type: 'fault.place', room: '1203', placeId: null });
    const id = await c.submit('h-lobby-kiosk');
    expect(id).toBe('tk-id1');
    expect(sent).toEqual([
      {
        type: 'ticket.create',
        photos: ['photo-id0'],
        body: {
          ticketId: 'tk-id1',
          category: 'hvac',
          description: 'Still blowing warm air',
          lang: 'en',
          photoIds: [],
          place: 'h-lobby-kiosk',
          room: '1203',
          ocrText: 'AC unit\nERR: E 4',
          faultCode: 'E4',
          conversationId: 'c1',
        },
      },
    ]);
    expect(get().fault?.step).toBe('status');
    // Leaving after the ticket keeps the photo for the upload.
    await c.close();
    expect(stored.size).toBe(1);
  });

  it('without a reader the guest types; a room the protocol cannot carry goes into the description', async () => {
    const { c, sent, dispatch, get } = setup(null);
    c.open();
    await c.photoTaken(new Blob(['x']));
    expect(get().fault?.step).toBe('describe');
    dispatch({ type: 'fault.describe', description: 'Lamp is broken' });
    dispatch({ type: 'fault.place', room: 'the lounge', placeId: null });
    await c.submit(null);
    expect(sent[0]?.body).toMatchObject({
      description: 'Lamp is broken (the lounge)',
      category: 'electrical',
    });
    expect(sent[0]?.body).not.toHaveProperty('room');
    expect(sent[0]?.body).not.toHaveProperty('place');
  });

  it('a failed reading degrades to typing; leaving before the ticket deletes the photo', async () => {
    const { c, stored, get } = setup({
      read: async () => {
        throw new Error('model failed to load');
      },
    });
    c.open();
    await c.photoTaken(new Blob(['x']));
    expect(get().fault).toMatchObject({ step: 'describe', readProblem: true });
    await c.close();
    expect(stored.size).toBe(0);
    expect(get().fault).toBeNull();
  });
});
