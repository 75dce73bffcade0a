import type { DownMessage, UnderstandAnswer } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import {
  escalationFor,
  initialConversation,
  reduceConversation,
  type ConversationEvent,
} from './conversation.js';

const STATE = { turns: 1, unansweredTurns: 0, clarifying: null, topic: null, lastTurnAtMs: 1 };

function answer(over: Partial<UnderstandAnswer>): UnderstandAnswer {
  return {
    text: 'q',
    lang: 'en',
    intent: 'wifi',
    confidence: 0.9,
    sentiment: 'neutral',
    department: null,
    action: 'answer',
    answer: 'The password is yunqi2026.',
    choices: [],
    flow: null,
    priority: 'routine',
    escalation: null,
    offerHuman: false,
    state: STATE,
    ...over,
  };
}

const down = (type: string, body: unknown): ConversationEvent => ({
  type: 'down',
  message: { type, body, v: 1, id: 'd', from: 'server', ts: 1 } as unknown as DownMessage,
});

const run = (events: ConversationEvent[]) => events.reduce(reduceConversation, initialConversation('en'));

describe('the conversation on the phone', () => {
  it('asks and answers, carrying the dialogue state on', () => {
    const s = run([
      { type: 'asked', id: 'q1', text: 'wifi?', at: 1, conversationId: 'conv-1' },
      { type: 'answered', id: 'a1', at: 2, answer: answer({}) },
    ]);
    expect(s.lines.map((l) => [l.role, l.text])).toEqual([
      ['guest', 'wifi?'],
      ['assistant', 'The password is yunqi2026.'],
    ]);
    expect(s).toMatchObject({ conversationId: 'conv-1', asking: false, dialogue: STATE });
  });

  it('shows clarification chips, and clears them with the next question', () => {
    const s = run([
      { type: 'asked', id: 'q1', text: 'food', at: 1, conversationId: 'conv-1' },
      {
        type: 'answered',
        id: 'a1',
        at: 2,
        answer: answer({ action: 'clarify', answer: null, choices: ['hotel.breakfast', 'parking'] }),
      },
    ]);
    expect(s.choices).toEqual(['hotel.breakfast', 'parking']);
    expect(s.lines[1]).toMatchObject({ say: 'clarify' });
    const next = reduceConversation(s, {
      type: 'asked',
      id: 'q2',
      text: 'Breakfast',
      at: 3,
      conversationId: 'x',
    });
    expect(next.choices).toEqual([]);
    expect(next.conversationId).toBe('conv-1');
  });

  it('maps the policy escalation reasons to the wire triggers, as the kiosk does', () => {
    expect(escalationFor(answer({ action: 'escalate', escalation: 'emergency' }))).toBe('emergency');
    expect(escalationFor(answer({ action: 'escalate', escalation: 'complaint' }))).toBe('negative_sentiment');
    expect(escalationFor(answer({ action: 'escalate', escalation: 'no_progress' }))).toBe('no_answer');
    expect(escalationFor(answer({ action: 'answer' }))).toBeNull();
  });

  it('follows the request for a person: queued, acknowledged, claimed, then the chat both ways', () => {
    let s = run([
      { type: 'escalation_requested', escalationId: 'esc-mine' },
      { type: 'escalation_requested', escalationId: 'esc-second' },
    ]);
    expect(s.escalation).toMatchObject({ id: 'esc-mine', status: 'queued' });
    s = reduceConversation(s, {
      type: 'escalation_acked',
      requestedId: 'esc-mine',
      escalationId: 'esc-joined',
    });
    expect(s.escalation).toMatchObject({ id: 'esc-joined', status: 'pending' });
    const view = { id: 'esc-joined', status: 'claimed', priority: 'routine', position: null, createdAt: 1 };
    s = reduceConversation(
      s,
      down('escalation.updated', { escalation: { ...view, assignee: { id: 'li-na', name: '李娜' } } }),
    );
    expect(s.escalation).toMatchObject({ status: 'claimed', assignee: '李娜' });
    const staffLine = {
      escalationId: 'esc-joined',
      messageId: 'm1',
      from: 'staff',
      name: '李娜',
      text: 'On my way',
      at: 5,
    };
    s = reduceConversation(s, down('chat.message', staffLine));
    s = reduceConversation(s, down('chat.message', staffLine));
    s = reduceConversation(
      s,
      down('chat.message', { ...staffLine, escalationId: 'esc-other', messageId: 'm2' }),
    );
    s = reduceConversation(s, { type: 'guest_chat', id: 'g1', text: 'Thanks', at: 6 });
    expect(s.lines.map((l) => [l.role, l.text])).toEqual([
      ['staff', 'On my way'],
      ['guest', 'Thanks'],
    ]);
  });

  it('resumes a conversation handed over by a kiosk, with its turns and chat in time order', () => {
    const s = run([
      {
        type: 'resumed',
        handover: {
          conversationId: 'conv-k',
          expiresAt: 99,
          escalation: {
            id: 'esc-k',
            status: 'claimed',
            priority: 'routine',
            position: null,
            assignee: { id: 'li-na', name: '李娜' },
            createdAt: 1,
          },
          ticket: null,
          turns: [
            { role: 'guest', text: 'Where is breakfast?', at: 1 },
            { role: 'assistant', text: 'On 2F.', at: 2 },
          ],
          chat: [
            { escalationId: 'esc-k', messageId: 'c1', from: 'staff', name: '李娜', text: 'Hello', at: 3 },
          ],
        },
      },
    ]);
    expect(s.resumed).toBe(true);
    expect(s.conversationId).toBe('conv-k');
    expect(s.escalation).toMatchObject({ id: 'esc-k', status: 'claimed', assignee: '李娜' });
    expect(s.lines.map((l) => l.text)).toEqual(['Where is breakfast?', 'On 2F.', 'Hello']);
  });

  it('shows a server error in both languages until dismissed', () => {
    let s = run([
      down('error', { code: 'RATE_LIMITED', message: 'slow down', messageZh: '请稍候', ref: 'x' }),
    ]);
    expect(s.notice).toEqual({ code: 'RATE_LIMITED', text: { en: 'slow down', zh: '请稍候' } });
    s = reduceConversation(s, { type: 'dismiss' });
    expect(s.notice).toBeNull();
  });
});
