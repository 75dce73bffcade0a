import type { DeviceUpBody } from '@frontdesk/protocol';
import { fail, type DomainError } from './result.js';
import type { Conversation } from './types.js';

export type ConversationTurnBody = DeviceUpBody<'conversation.turn'>;

/** Enough context for staff and the analytics; older turns are dropped so a kiosk left talking cannot grow a row without bound. */
export const MAX_TRANSCRIPT_TURNS = 200;
/** Unanswered assistant turns in a row that hand the guest to a person. */
export const NO_ANSWER_ESCALATION_STREAK = 3;

export interface TurnContext {
  now: number;
  site: string;
  deviceId: string;
}

export type ConversationResult = { ok: true; conversation: Conversation } | DomainError;

/**
 * Adds a turn. Only assistant turns move the unanswered streak (a miss adds one, an answer resets it);
 * a staff turn also resets it, since a person is now answering. Guest turns leave it as it is.
 */
export function appendTurn(
  conversation: Conversation | null,
  body: ConversationTurnBody,
  ctx: TurnContext,
): ConversationResult {
  if (conversation) {
    if (conversation.id !== body.conversationId) {
      return fail('NOT_FOUND', `conversation ${body.conversationId} is not ${conversation.id}`);
    }
    if (conversation.deviceId !== ctx.deviceId || conversation.site !== ctx.site) {
      return fail('FORBIDDEN', `conversation ${conversation.id} belongs to another device`);
    }
  }
  const base: Conversation = conversation ?? {
    id: body.conversationId,
    site: ctx.site,
    deviceId: ctx.deviceId,
    lang: body.lang,
    turns: [],
    unansweredStreak: 0,
    startedAt: ctx.now,
    updatedAt: ctx.now,
  };
  let streak = base.unansweredStreak;
  if (body.turn.role === 'assistant') streak = body.answered ? 0 : streak + 1;
  else if (body.turn.role === 'staff') streak = 0;
  const turns = [...base.turns, body.turn].slice(-MAX_TRANSCRIPT_TURNS);
  return {
    ok: true,
    conversation: { ...base, lang: body.lang, turns, unansweredStreak: streak, updatedAt: ctx.now },
  };
}

/**
 * True exactly when the streak reaches the threshold, not after: the caller raises one escalation and
 * later misses in the same streak do not raise more (automation must not re-trigger itself).
 */
export function noAnswerEscalationDue(c: Conversation): boolean {
  return c.unansweredStreak === NO_ANSWER_ESCALATION_STREAK;
}
