/**
 * The administrators' HTTP requests on the knowledge base and the audit trail: publishing with a
 * reason, versions, revert, and the audit trail's filters. Shared by the server (which validates
 * with them) and the console (which builds its requests with the same types).
 */
import { z } from 'zod';
import { knowledgeBaseInputSchema, type KnowledgeBase } from './kb.js';
import { safeText } from './safe-text.js';
import { AUDIT_ACTIONS } from './vocabulary.js';

/** Why a knowledge base changed: one line, kept with the version and in the audit trail. */
export const KB_REASON_MAX = 500;
export const kbReasonSchema = safeText(KB_REASON_MAX, { multiline: false });

/** `PUT /api/kb/:site`: the new content and why (who comes from the session). */
export const kbPublishRequestSchema = z.object({
  reason: kbReasonSchema,
  kb: knowledgeBaseInputSchema,
});
export type KbPublishRequest = z.infer<typeof kbPublishRequestSchema>;

/** `POST /api/kb/:site/revert`: publish version `version`'s content again, as a new version. */
export const kbRevertRequestSchema = z.object({
  version: z.number().int().min(1),
  reason: kbReasonSchema,
});
export type KbRevertRequest = z.infer<typeof kbRevertRequestSchema>;

/** One published version in `GET /api/kb/:site/versions` (newest first). */
export interface KbVersionSummary {
  version: number;
  /** `staff:<id>`, or `system:demo` for the seeded version. */
  actor: string;
  reason: string;
  /** When it was published, ms since the epoch. */
  at: number;
}

/** `GET /api/kb/:site/versions/:v`: one version with its full content. */
export interface KbVersionDetail extends KbVersionSummary {
  kb: KnowledgeBase;
}

/** A query-string field of at most `max` characters on one line. */
const queryText = (max: number) => safeText(max, { multiline: false }).optional();
const queryInt = z.coerce.number().int().min(0).optional();

/**
 * `GET /api/audit`: a page after sequence number `after`, filtered by actor (exact), action,
 * subject (contains) and time (`from` ≤ at < `to`, ms since the epoch).
 */
export const auditQuerySchema = z.object({
  after: queryInt,
  limit: z.coerce.number().int().min(1).optional(),
  actor: queryText(200),
  action: z.enum(AUDIT_ACTIONS).optional(),
  subject: queryText(200),
  from: queryInt,
  to: queryInt,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
