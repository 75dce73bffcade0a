import type { DeviceUpMessage } from '@frontdesk/protocol';
import { appendTurn, noAnswerEscalationDue } from '../../../domain/index.js';
import { sha256Hex } from '../../../auth/secrets.js';
import type { DeviceContext, Handler } from '../context.js';
import { raise } from './escalation-raise.js';

/** A turn of the guest's conversation; three unanswered turns hand it to a person. */
export const conversationTurn: Handler<
  DeviceContext,
  Extract<DeviceUpMessage, { type: 'conversation.turn' }>
> = async (tx, ctx, msg) => {
  const { device, now } = ctx;
  const r = appendTurn(await tx.conversations.get(msg.body.conversationId), msg.body, {
    now,
    site: device.site,
    deviceId: device.id,
  });
  if (!r.ok) return r;
  await tx.conversations.put(r.conversation);
  if (!noAnswerEscalationDue(r.conversation)) return { entityId: r.conversation.id, out: [] };
  // Three turns without an answer: a person takes over, with the whole transcript.
  const last = r.conversation.turns.filter((t) => t.role === 'guest').at(-1);
  return raise(tx, ctx, {
    escalationId: `auto-${sha256Hex(`${device.id}:${r.conversation.id}:${now}`).slice(0, 24)}`,
    conversationId: r.conversation.id,
    trigger: 'no_answer',
    lang: r.conversation.lang,
    summary: last?.text ?? '…',
    transcript: r.conversation.turns.slice(-100),
    intents: [],
    photoIds: [],
    vip: false,
  });
};
