import { z } from 'zod';
import { INTENTS, LANGS } from './taxonomy.js';

/**
 * `POST /api/understand`: the edge server runs the on-device language model for phones that cannot
 * (the WeChat fallback). The dialogue state travels with the client, so the server keeps none: send
 * back the `state` of the previous answer to continue a conversation ("what about the pool?").
 */
export const dialogueStateSchema = z.object({
  turns: z.number().int().nonnegative().max(10_000),
  unansweredTurns: z.number().int().nonnegative().max(100),
  clarifying: z.array(z.enum(INTENTS)).max(5).nullable(),
  topic: z
    .object({
      intent: z.enum(INTENTS),
      place: z.string().min(1).max(64).nullable(),
      atMs: z.number().int().nonnegative(),
    })
    .nullable(),
  lastTurnAtMs: z.number().int().nonnegative().nullable(),
});

export const understandRequestSchema = z.object({
  /** What the person typed or said; checked again for binary data and length (500 characters). */
  text: z.string().min(1).max(2000),
  /** The language to answer in; by default the one the text is written in. */
  lang: z.enum(LANGS).optional(),
  conversationId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  state: dialogueStateSchema.optional(),
});

export type UnderstandRequest = z.infer<typeof understandRequestSchema>;
export type DialogueStateWire = z.infer<typeof dialogueStateSchema>;
