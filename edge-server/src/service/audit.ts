/**
 * The audit trail's two use-cases, shared by the service, the HTTP API and the admin CLI: append an
 * entry (personal data masked) and page through entries.
 */
import type { AuditAction } from '@frontdesk/protocol';
import { maskPersonalData } from '../domain/index.js';
import type { AuditFilter, AuditLog } from '../store/store.js';

export interface AuditRecord {
  actor: string;
  action: AuditAction;
  subject: string;
  detail?: Record<string, unknown>;
  /** The site the entry belongs to; null for a server-level entry (no site's administrator sees it). */
  site: string | null;
}

/** Appends to the audit trail at `at`, with ID and phone numbers masked. */
export async function recordAudit(log: AuditLog, at: number, entry: AuditRecord): Promise<void> {
  await log.append({
    at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    detail: maskPersonalData(entry.detail ?? {}),
    site: entry.site,
  });
}

/** Most entries one page returns. */
export const AUDIT_PAGE_MAX = 1000;
const AUDIT_PAGE_DEFAULT = 200;

type AuditSearch = Pick<AuditFilter, 'actor' | 'action' | 'subjectContains' | 'fromAt' | 'toAt'>;

/**
 * A page of the audit trail after sequence number `after` (0: from the start), filtered by `filter`:
 * one site's entries when `site` is given (an administrator's view), every entry otherwise (the
 * server's own CLI). `next` is the `after` of the following page, null when this page is not full.
 */
export async function listAudit(
  log: AuditLog,
  query: { after?: number; limit?: number; site?: string; filter?: AuditSearch },
) {
  const afterSeq = query.after ?? 0;
  const limit = Math.min(query.limit || AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX);
  const defined = Object.entries({ ...query.filter, site: query.site }).filter(([, v]) => v !== undefined);
  const filter = Object.fromEntries(defined) as AuditFilter;
  const entries = await log.list({ ...filter, afterSeq, limit });
  return { entries, next: entries.length === limit ? (entries.at(-1)?.seq ?? null) : null };
}
