/**
 * The knowledge-base editor's pure core: editing FAQ answers in a draft, placing the server's
 * validation problems on the fields they name, the diff between two versions, and the audit trail's
 * query string. No I/O and no clock: dates come in as `YYYY-MM-DD` and a time-zone offset.
 */
import type { KnowledgeBase, KnowledgeBaseInput, Lang } from '@frontdesk/protocol';
import { structuredPatch } from 'diff';

/** What the editor changes: a knowledge base without the server's `version` and `updatedAt`. */
export function inputOf(kb: KnowledgeBase): KnowledgeBaseInput {
  const { version: _v, updatedAt: _u, ...input } = kb;
  return input;
}

/** The draft with FAQ entry `index`'s answer in `lang` replaced; the draft itself is not changed. */
export function setAnswer(
  draft: KnowledgeBaseInput,
  index: number,
  lang: Lang,
  text: string,
): KnowledgeBaseInput {
  return {
    ...draft,
    faq: draft.faq.map((f, i) => (i === index ? { ...f, answer: { ...f.answer, [lang]: text } } : f)),
  };
}

/** One validation problem from the server, on a field (`faq.3.answer.zh`) or on the whole. */
export interface FieldIssue {
  /** The field's path inside the knowledge base, or null when the problem names no one field. */
  path: string | null;
  message: string;
}

/**
 * The server's `INVALID_MESSAGE` for a publish, as problems per field. A schema problem comes in the
 * message as `kb.<path>: <why>` (up to five, joined by `; `); a rule problem (an unknown place, a
 * duplicate entry) is one string of `details` each and names no single field.
 */
export function fieldIssues(message: string, details: unknown): FieldIssue[] {
  if (Array.isArray(details))
    return details.filter((d): d is string => typeof d === 'string').map((d) => ({ path: null, message: d }));
  return message
    .split('; ')
    .filter((part) => part.length > 0)
    .map((part) => {
      const m = /^(kb(?:\.[^\s:]+)?|reason): (.*)$/s.exec(part);
      if (!m?.[1] || m[2] === undefined) return { path: null, message: part };
      const path = m[1] === 'kb' ? null : m[1].replace(/^kb\./, '');
      return { path, message: m[2] };
    });
}

/** The problems on one field, e.g. `faq.3.answer.zh`. */
export function issuesAt(issues: readonly FieldIssue[], path: string): string[] {
  return issues.filter((i) => i.path === path).map((i) => i.message);
}

/** The FAQ entries with a problem, by index (for the list of entries to fix). */
export function faqIndexesWithIssues(issues: readonly FieldIssue[]): number[] {
  const indexes = issues
    .map((i) => /^faq\.(\d+)\./.exec(i.path ?? '')?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return [...new Set(indexes)].sort((a, b) => a - b);
}

/** JSON with object keys sorted, one value per line: two versions compare line by line. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => [k, sort(x)]),
      );
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + '\n';
}

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}
export interface DiffHunk {
  /** Where the hunk starts in the older and the newer version (1-based lines). */
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

/**
 * What changed from `older` to `newer`: hunks of changed lines with `context` unchanged lines around
 * them (jsdiff's `structuredPatch` on the sorted JSON of both). Empty when they are the same.
 */
export function versionDiff(older: KnowledgeBase, newer: KnowledgeBase, context = 2): DiffHunk[] {
  const patch = structuredPatch('a', 'b', stableJson(inputOf(older)), stableJson(inputOf(newer)), '', '', {
    context,
  });
  return patch.hunks.map((h) => ({
    oldStart: h.oldStart,
    newStart: h.newStart,
    lines: h.lines
      .filter((l) => !l.startsWith('\\'))
      .map((l) => ({
        kind: l.startsWith('+') ? 'added' : l.startsWith('-') ? 'removed' : 'same',
        text: l.slice(1),
      })),
  }));
}

/** The audit screen's filter form, as typed. */
export interface AuditForm {
  actor: string;
  action: string;
  subject: string;
  /** `YYYY-MM-DD` (an `<input type=date>`), empty for no bound. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FORM: AuditForm = { actor: '', action: '', subject: '', from: '', to: '' };

/** Midnight at the start of `day` (`YYYY-MM-DD`) where the clock is `offsetMin` minutes ahead of UTC. */
function dayStart(day: string, offsetMin: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - offsetMin * 60_000;
}

/**
 * `GET /api/audit`'s query string for the form, a page after `after`: `to` includes its whole day.
 * `offsetMin` is the handheld's offset from UTC (`-new Date().getTimezoneOffset()`, China: 480).
 */
export function auditQuery(form: AuditForm, after: number, limit: number, offsetMin: number): string {
  const q = new URLSearchParams();
  if (form.actor.trim()) q.set('actor', form.actor.trim());
  if (form.action) q.set('action', form.action);
  if (form.subject.trim()) q.set('subject', form.subject.trim());
  const from = dayStart(form.from, offsetMin);
  const to = dayStart(form.to, offsetMin);
  if (from !== null) q.set('from', String(from));
  if (to !== null) q.set('to', String(to + 24 * 60 * 60 * 1000));
  if (after > 0) q.set('after', String(after));
  q.set('limit', String(limit));
  return q.toString();
}
