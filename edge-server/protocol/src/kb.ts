import { z } from 'zod';
import { safeText } from './safe-text.js';
import { DEPARTMENTS, FAULT_CATEGORIES, INTENTS, SITE_KINDS, SKILLS } from './taxonomy.js';

/** Text in both languages: every answer, name and step the guest sees. */
export const localizedSchema = z.object({
  zh: safeText(4000, { trim: false }),
  en: safeText(4000, { trim: false }),
});
/** A name or keyword: one line. */
const word = (min: number) => safeText(64, { multiline: false, trim: false, min });
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const faqEntrySchema = z.object({
  intent: z.enum(INTENTS),
  answer: localizedSchema,
  /** Optional follow-up keyword the answer is about (e.g. "pool" for hotel.facilities). */
  topic: word(0).optional(),
});

export const placeSchema = z.object({
  id: idSchema,
  name: localizedSchema,
  /** Other names people use, in either language ("电梯", "elevator", "lift"). */
  aliases: z.array(word(1)).max(32).default([]),
  floor: idSchema,
  /** Position on the floor map, in the SVG's user units. */
  x: z.number().finite(),
  y: z.number().finite(),
  kind: z.enum([
    'room',
    'department',
    'facility',
    'service',
    'lift',
    'stairs',
    'entrance',
    'kiosk',
    'junction',
  ]),
  /** A hospital department place carries its department id, for triage and queue numbers. */
  department: z.enum(DEPARTMENTS).optional(),
});

export const floorSchema = z.object({
  id: idSchema,
  name: localizedSchema,
  level: z.number().int(),
  /** The floor map, an SVG document drawn in the same coordinates as the places. */
  svg: safeText(200_000, { trim: false, min: 0 }),
});

export const edgeSchema = z.object({
  from: idSchema,
  to: idSchema,
  /** `lift` and `stairs` edges join floors. */
  via: z.enum(['walk', 'lift', 'stairs']),
  /** Walking cost in metres (a lift ride is given an equivalent cost). */
  costM: z.number().positive(),
});

export const faultCodeSchema = z.object({
  code: z.string().regex(/^[A-Z]{1,3}-?\d{1,4}$/),
  category: z.enum(FAULT_CATEGORIES),
  title: localizedSchema,
  /** Steps a guest may safely try first; empty when only staff can fix it. */
  selfFix: z.object({
    zh: z.array(safeText(4000, { trim: false })).max(10),
    en: z.array(safeText(4000, { trim: false })).max(10),
  }),
});

/** How an escalation or ticket finds its skill; the first rule that matches wins. */
export const routingRuleSchema = z.object({
  when: z.object({
    trigger: z.string().optional(),
    intent: z.enum(INTENTS).optional(),
    category: z.enum(FAULT_CATEGORIES).optional(),
  }),
  skill: z.enum(SKILLS),
  priority: z.enum(['emergency', 'high', 'routine']).optional(),
});

/**
 * At most this many site quick replies: they are chips above a handheld's reply box, and more than a
 * dozen would push the box off a 360 px screen.
 */
export const MAX_QUICK_REPLIES = 12;
/** A quick reply is a sentence staff send as it is (they may edit it first): one short line. */
export const MAX_QUICK_REPLY_CHARS = 200;

/** One of the site's canned replies for staff chat, in both languages (the guest's is sent). */
export const quickReplySchema = z.object({
  id: idSchema,
  text: z.object({
    zh: safeText(MAX_QUICK_REPLY_CHARS, { multiline: false }),
    en: safeText(MAX_QUICK_REPLY_CHARS, { multiline: false }),
  }),
});

export const knowledgeBaseSchema = z.object({
  site: idSchema,
  kind: z.enum(SITE_KINDS),
  name: localizedSchema,
  /** Increases by one on every published change. */
  version: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  faq: z.array(faqEntrySchema).max(2000),
  floors: z.array(floorSchema).max(50),
  places: z.array(placeSchema).max(2000),
  edges: z.array(edgeSchema).max(10_000),
  faultCodes: z.array(faultCodeSchema).max(2000),
  routing: z.array(routingRuleSchema).max(500),
  /** How VIP guests (by the hotel's system) are served, e.g. 「VIP用户优先转接至资深客服」. */
  vipPolicy: z.object({ preferSenior: z.boolean(), note: localizedSchema }).optional(),
  /** The site's quick replies for staff chat; absent or empty: the console's built-in ones. */
  quickReplies: z.array(quickReplySchema).max(MAX_QUICK_REPLIES).optional(),
});

export type LocalizedString = z.infer<typeof localizedSchema>;
export type FaqEntry = z.infer<typeof faqEntrySchema>;
export type Place = z.infer<typeof placeSchema>;
export type Floor = z.infer<typeof floorSchema>;
export type Edge = z.infer<typeof edgeSchema>;
export type FaultCode = z.infer<typeof faultCodeSchema>;
export type RoutingRule = z.infer<typeof routingRuleSchema>;
export type QuickReply = z.infer<typeof quickReplySchema>;
export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;
/** What an administrator edits: the server assigns `version` and `updatedAt`. */
export const knowledgeBaseInputSchema = knowledgeBaseSchema.omit({ version: true, updatedAt: true });
export type KnowledgeBaseInput = z.infer<typeof knowledgeBaseInputSchema>;
