/**
 * The phone's HTTP contract (the WeChat mini-program and its H5 build): the session from
 * `POST /api/phone/sessions` with what a kiosk handed over, and the answer of `POST /api/understand`.
 * The server builds these replies and the phone checks them with the same schemas.
 */
import { z } from 'zod';
import { entityId } from './fields.js';
import { chatMessageBody, guestEscalationView, prioritySchema, ticketView, turnSchema } from './messages.js';
import { dialogueStateSchema } from './understand.js';
import { DEPARTMENTS, INTENTS, LANGS, SENTIMENTS } from './taxonomy.js';

/** How many turns and chat lines of a handed-over conversation the phone gets back. */
export const HANDOVER_HISTORY_LIMIT = 100;

/** What a phone follows after presenting a kiosk's continue-on-phone code, with its history. */
export const handoverViewSchema = z.object({
  conversationId: entityId,
  expiresAt: z.number().int(),
  escalation: guestEscalationView.nullable(),
  ticket: ticketView.nullable(),
  /** The conversation on the kiosk so far (guest and assistant turns), oldest first. */
  turns: z.array(turnSchema).max(HANDOVER_HISTORY_LIMIT).default([]),
  /** The chat with staff on the handed-over escalation, oldest first. */
  chat: z.array(chatMessageBody).max(HANDOVER_HISTORY_LIMIT).default([]),
});

export const phoneSessionSchema = z.object({
  deviceId: entityId,
  /** The MQTT password and HTTP `Bearer` token of this phone until `expiresAt`. */
  token: z.string().min(1),
  expiresAt: z.number().int(),
  mqtt: z.object({ tcp: z.string().nullable(), ws: z.string() }),
  handover: handoverViewSchema.nullable(),
});

/** What the phone uses of `POST /api/understand`'s answer (the server sends more). */
export const understandAnswerSchema = z.object({
  text: z.string(),
  lang: z.enum(LANGS),
  intent: z.enum(INTENTS),
  confidence: z.number(),
  sentiment: z.enum(SENTIMENTS),
  department: z.enum(DEPARTMENTS).nullable(),
  action: z.enum(['answer', 'flow', 'clarify', 'escalate']),
  answer: z.string().nullable(),
  choices: z.array(z.enum(INTENTS)),
  flow: z.string().nullable(),
  priority: prioritySchema,
  escalation: z.string().nullable(),
  offerHuman: z.boolean(),
  state: dialogueStateSchema,
});

export type HandoverViewWire = z.output<typeof handoverViewSchema>;
export type PhoneSessionWire = z.output<typeof phoneSessionSchema>;
export type UnderstandAnswer = z.output<typeof understandAnswerSchema>;
