import { describe, expect, it } from 'vitest';
import { INITIAL_STATE } from '@frontdesk/models';
import type { GuestEscalationView, KnowledgeBase } from '@frontdesk/protocol';
import { reduceAppointment } from '../features/appointment/state.js';
import { reduceCheckin, startCheckin } from '../features/checkin/state.js';
import { reduceFault } from '../features/fault/state.js';
import { reduceTriage } from '../features/triage/state.js';
import { reduceWayfinding } from '../features/wayfinding/state.js';
import { initialState, reduce, type KioskEvent, type KioskState } from './state.js';

const fold = (events: KioskEvent[], from: KioskState = initialState('zh')) => events.reduce(reduce, from);

const kb = { site: 'grand-hotel', version: 2 } as KnowledgeBase;
const view = (over: Partial<GuestEscalationView>): GuestEscalationView => ({
  id: 'esc-1',
  status: 'pending',
  priority: 'routine',
  position: 1,
  assignee: null,
  createdAt: 0,
  ...over,
});
const line = (text: string) => ({ id: text, role: 'guest' as const, text, at: 1 });

describe('kiosk reducer', () => {
  it('wakes into a fresh conversation and returns to the attract screen forgetting the guest', () => {
    const s = fold([
      { type: 'kb', kb },
      { type: 'connection', state: 'online' },
      { type: 'wake', conversationId: 'conv-1' },
      { type: 'lang', lang: 'en' },
      { type: 'large_text', on: true },
      { type: 'guest_said', line: line('my passport number is E123') },
      { type: 'handoff_requested', escalationId: 'esc-1' },
      { type: 'idle' },
    ]);
    expect(s).toMatchObject({
      screen: 'attract',
      lang: 'zh',
      largeText: false,
      conversationId: null,
      transcript: [],
      handoff: null,
      kb,
      connection: 'online',
    });
  });

  it('follows a handoff: queued, acked under the server id, position, reassurance, claimed, chat', () => {
    const s = fold([
      { type: 'wake', conversationId: 'conv-1' },
      { type: 'handoff_requested', escalationId: 'esc-kiosk' },
      { type: 'handoff_acked', requestedId: 'esc-kiosk', escalationId: 'auto-1' },
      { type: 'escalation.updated', body: { escalation: view({ id: 'auto-1', position: 2 }) } },
      { type: 'escalation.waiting', body: { escalationId: 'auto-1', waitedMs: 30_000 } },
      {
        type: 'escalation.updated',
        body: {
          escalation: view({
            id: 'auto-1',
            status: 'claimed',
            position: null,
            assignee: { id: 'li-na', name: '李娜' },
          }),
        },
      },
      {
        type: 'chat.message',
        body: { escalationId: 'auto-1', messageId: 'm1', from: 'staff', name: '李娜', text: '您好', at: 5 },
      },
      // The same delivery twice (QoS 1 may repeat) shows once.
      {
        type: 'chat.message',
        body: { escalationId: 'auto-1', messageId: 'm1', from: 'staff', name: '李娜', text: '您好', at: 5 },
      },
    ]);
    expect(s.screen).toBe('handoff');
    expect(s.handoff).toMatchObject({ id: 'auto-1', status: 'claimed', assignee: '李娜', reassured: true });
    expect(s.handoff?.chat.map((l) => l.text)).toEqual(['您好']);
  });

  it('goes on to the rating screen when staff resolve the handoff the guest is watching', () => {
    const opened = fold([
      { type: 'wake', conversationId: 'conv-1' },
      { type: 'handoff_requested', escalationId: 'esc-1' },
      { type: 'handoff_acked', requestedId: 'esc-1', escalationId: 'esc-1' },
      {
        type: 'escalation.updated',
        body: {
          escalation: view({ id: 'esc-1', status: 'claimed', assignee: { id: 'li-na', name: '李娜' } }),
        },
      },
    ]);
    expect(opened.screen).toBe('handoff');
    const resolved = reduce(opened, {
      type: 'escalation.updated',
      body: { escalation: view({ id: 'esc-1', status: 'resolved', position: null }) },
    });
    expect(resolved.screen).toBe('rating');
    expect(resolved.handoff?.status).toBe('resolved');
    // Another escalation's resolution changes nothing on screen.
    const other = reduce(opened, {
      type: 'escalation.updated',
      body: { escalation: view({ id: 'esc-other', status: 'resolved' }) },
    });
    expect(other.screen).toBe('handoff');
  });

  it('ignores updates about another escalation once its own is known', () => {
    const s = fold([
      { type: 'wake', conversationId: 'conv-1' },
      { type: 'handoff_requested', escalationId: 'esc-1' },
      { type: 'handoff_acked', requestedId: 'esc-1', escalationId: 'esc-1' },
      { type: 'escalation.updated', body: { escalation: view({ id: 'esc-other', status: 'resolved' }) } },
    ]);
    expect(s.handoff).toMatchObject({ id: 'esc-1', status: 'pending' });
  });

  it('keeps one open request at a time', () => {
    const s = fold([
      { type: 'wake', conversationId: 'conv-1' },
      { type: 'handoff_requested', escalationId: 'esc-1' },
      { type: 'handoff_requested', escalationId: 'esc-2' },
    ]);
    expect(s.handoff?.id).toBe('esc-1');
  });

  it('keeps the dialogue across turns, forgets it with the guest, keeps the model status', () => {
    const dialogue = {
      policy: { ...INITIAL_STATE, turns: 2, unansweredTurns: 1 },
      sentiment: 'negative' as const,
      offerPerson: true,
    };
    const s = fold([
      { type: 'wake', conversationId: 'conv-1' },
      { type: 'model', model: { status: 'ready' } },
      { type: 'dialogue', dialogue },
      {
        type: 'guest_said',
        line: { id: 'g1', role: 'guest', text: 'and the pool?', at: 2 },
      },
    ]);
    expect(s.dialogue).toEqual(dialogue);
    const after = reduce(s, { type: 'idle' });
    expect(after.dialogue).toEqual(initialState().dialogue);
    expect(after.model).toEqual({ status: 'ready' });
    expect(reduce(s, { type: 'wake', conversationId: 'conv-2' }).dialogue.policy).toBe(INITIAL_STATE);
  });

  it('never goes back to an older knowledge base', () => {
    const s = fold([
      { type: 'kb', kb },
      { type: 'kb', kb: { ...kb, version: 1 } },
    ]);
    expect(s.kb?.version).toBe(2);
  });

  it('slices are (slice, event) → slice: a flow they do not own, or a late event, leaves them as they were', () => {
    const flow = (f: 'checkin' | 'wayfinding') => ({
      type: 'flow' as const,
      flow: f,
      slots: {},
      department: null,
    });
    const checkin = startCheckin('checkout');
    expect(reduceCheckin(checkin, flow('wayfinding'))).toBe(checkin);
    expect(reduceCheckin(null, { type: 'checkin.looking' })).toBeNull();
    expect(reduceAppointment(null, { type: 'appointment.looking' })).toBeNull();
    expect(reduceTriage(null, flow('checkin'))).toBeNull();
    expect(reduceWayfinding(null, { type: 'wayfinding.leg', leg: 2 })).toBeNull();
    expect(reduceFault(null, { type: 'fault.back' }, null)).toBeNull();
    // Composed: the same state object back, so the store does not re-render for nothing.
    const awake = reduce(initialState('zh'), { type: 'wake', conversationId: 'c' });
    expect(reduce(awake, { type: 'checkin.looking' })).toBe(awake);
    expect(reduce(awake, { type: 'fault.describe', description: 'x' })).toBe(awake);
  });

  it('a flow opens the screen of the slice that owns it, and nothing else', () => {
    const awake = reduce(initialState('zh'), { type: 'wake', conversationId: 'c' });
    const s = reduce(awake, { type: 'flow', flow: 'checkout', slots: {}, department: null });
    expect(s).toMatchObject({
      screen: 'checkin',
      checkin: { mode: 'checkout' },
      appointment: null,
      fault: null,
    });
    const none = reduce(awake, { type: 'flow', flow: 'none' as never, slots: {}, department: null });
    expect(none.screen).toBe('ask');
  });
});
