import { describe, expect, it } from 'vitest';
import { initialState, reduce, type ChatLine, type KioskEvent, type KioskState } from '../app/state.js';
import { speechCommand } from './policy.js';

const notUnderstood = (lang: string) => `?${lang}`;
const line = (id: string, role: ChatLine['role'], text: string): ChatLine => ({ id, role, text, at: 0 });

function after(state: KioskState, ...events: KioskEvent[]): KioskState {
  return events.reduce(reduce, state);
}

const asking = after(initialState('zh'), { type: 'wake', conversationId: 'conv-1' });

describe('speechCommand', () => {
  it('says a new assistant line in the guest language', () => {
    const next = after(asking, {
      type: 'assistant_said',
      line: line('a1', 'assistant', '您好'),
    });
    expect(speechCommand(asking, next, notUnderstood)).toEqual({
      stop: true,
      say: { lineId: 'a1', text: '您好', lang: 'zh' },
    });
  });

  it('says the "not understood" line for an empty answer', () => {
    const next = after(asking, {
      type: 'assistant_said',
      line: line('a1', 'assistant', ''),
    });
    expect(speechCommand(asking, next, notUnderstood).say?.text).toBe('?zh');
  });

  it('stops when the guest asks again, even before there is an answer', () => {
    const next = after(asking, { type: 'guest_said', line: line('g1', 'guest', 'wifi') });
    expect(speechCommand(asking, next, notUnderstood)).toEqual({ stop: true, say: null });
  });

  it('stops on a screen change, going idle, a language switch or muting', () => {
    expect(speechCommand(asking, after(asking, { type: 'finish' }), notUnderstood).stop).toBe(true);
    expect(speechCommand(asking, after(asking, { type: 'idle' }), notUnderstood).stop).toBe(true);
    expect(speechCommand(asking, after(asking, { type: 'lang', lang: 'en' }), notUnderstood).stop).toBe(true);
    expect(speechCommand(asking, after(asking, { type: 'speech.toggle' }), notUnderstood).stop).toBe(true);
  });

  it('does nothing for changes that do not concern speech', () => {
    for (const e of [
      { type: 'connection', state: 'online' },
      { type: 'pending', count: 2 },
      { type: 'large_text', on: true },
      { type: 'speech.speaking', on: true },
    ] as KioskEvent[])
      expect(speechCommand(asking, after(asking, e), notUnderstood)).toEqual({ stop: false, say: null });
  });

  it('says nothing while muted or when the voice failed, and never staff or guest lines', () => {
    const answer: KioskEvent = {
      type: 'assistant_said',
      line: line('a1', 'assistant', '您好'),
    };
    const muted = after(asking, { type: 'speech.toggle' });
    expect(speechCommand(muted, after(muted, answer), notUnderstood).say).toBeNull();
    const failed = after(asking, { type: 'speech.failed' });
    expect(speechCommand(failed, after(failed, answer), notUnderstood).say).toBeNull();
    const guest = after(asking, { type: 'guest_said', line: line('g1', 'guest', 'hi') });
    expect(speechCommand(asking, guest, notUnderstood).say).toBeNull();
  });
});

describe('voice state', () => {
  it('a new guest gets the device default back; a failed voice stays failed', () => {
    let s = after(initialState('zh'), { type: 'speech.default', on: false });
    expect(s.speech).toMatchObject({ defaultOn: false, on: false });
    s = after(s, { type: 'wake', conversationId: 'c' }, { type: 'speech.toggle' });
    expect(s.speech.on).toBe(true);
    s = after(s, { type: 'speech.failed' }, { type: 'idle' });
    expect(s.speech).toEqual({ defaultOn: false, on: false, speaking: false, failed: true });
  });

  it('muting ends "speaking"; a repeated speaking event changes nothing', () => {
    const speaking = after(asking, { type: 'speech.speaking', on: true });
    expect(after(speaking, { type: 'speech.toggle' }).speech).toMatchObject({ on: false, speaking: false });
    expect(reduce(speaking, { type: 'speech.speaking', on: true })).toBe(speaking);
  });
});
