import { describe, expect, it } from 'vitest';
import {
  appendTurn,
  MAX_TRANSCRIPT_TURNS,
  noAnswerEscalationDue,
  type ConversationTurnBody,
  type TurnContext,
} from './conversations.js';
import { T0 } from './test-fixtures.js';
import type { Conversation } from './types.js';

const ctx: TurnContext = { now: T0, site: 'hotel1', deviceId: 'kiosk1' };

function turn(role: 'guest' | 'assistant' | 'staff', answered: boolean, at = T0): ConversationTurnBody {
  return { conversationId: 'c1', turn: { role, text: `${role} says`, at }, answered, lang: 'en' };
}

function apply(c: Conversation | null, body: ConversationTurnBody, now = T0): Conversation {
  const r = appendTurn(c, body, { ...ctx, now });
  if (!r.ok) throw new Error(r.reason);
  return r.conversation;
}

describe('appendTurn', () => {
  it('starts a conversation from its first turn', () => {
    expect(apply(null, turn('guest', true))).toEqual({
      id: 'c1',
      site: 'hotel1',
      deviceId: 'kiosk1',
      lang: 'en',
      turns: [{ role: 'guest', text: 'guest says', at: T0 }],
      unansweredStreak: 0,
      startedAt: T0,
      updatedAt: T0,
    });
  });

  it('counts unanswered assistant turns in a row; guest turns do not break the streak; an answer resets it', () => {
    let c = apply(null, turn('guest', true));
    const streaks: number[] = [];
    for (const b of [
      turn('assistant', false),
      turn('guest', true),
      turn('assistant', false),
      turn('assistant', true),
      turn('assistant', false),
      turn('assistant', false),
      turn('guest', false),
      turn('assistant', false),
    ]) {
      c = apply(c, b);
      streaks.push(c.unansweredStreak);
    }
    expect(streaks).toEqual([1, 1, 2, 0, 1, 2, 2, 3]);
    expect(noAnswerEscalationDue(c)).toBe(true);
  });

  it('is due exactly at 3, not again at 4 (no re-trigger)', () => {
    let c = apply(null, turn('assistant', false));
    c = apply(c, turn('assistant', false));
    expect(noAnswerEscalationDue(c)).toBe(false);
    c = apply(c, turn('assistant', false));
    expect(noAnswerEscalationDue(c)).toBe(true);
    c = apply(c, turn('assistant', false));
    expect(noAnswerEscalationDue(c)).toBe(false);
  });

  it('a staff turn resets the streak', () => {
    let c = apply(null, turn('assistant', false));
    c = apply(c, turn('assistant', false));
    expect(apply(c, turn('staff', false)).unansweredStreak).toBe(0);
  });

  it('keeps only the last 200 turns and follows the language', () => {
    let c = apply(null, turn('guest', true, 0));
    for (let i = 1; i <= 250; i++) c = apply(c, turn('guest', true, i), T0 + i);
    expect(c.turns).toHaveLength(MAX_TRANSCRIPT_TURNS);
    expect(c.turns[0]?.at).toBe(51);
    expect(c.turns.at(-1)?.at).toBe(250);
    expect([c.startedAt, c.updatedAt]).toEqual([T0, T0 + 250]);
    expect(apply(c, { ...turn('guest', true), lang: 'zh' }).lang).toBe('zh');
  });

  it('refuses a turn for another conversation or from another device', () => {
    const c = apply(null, turn('guest', true));
    expect(appendTurn(c, { ...turn('guest', true), conversationId: 'c2' }, ctx)).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(appendTurn(c, turn('guest', true), { ...ctx, deviceId: 'kiosk9' })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
