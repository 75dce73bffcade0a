import { AUDIT_ACTIONS } from '@frontdesk/protocol';
import { useState } from 'preact/hooks';
import { useConsoleState, useServices } from '../../app/context.js';
import type { AuditRow } from './admin-api.js';
import { failure, useAdminText } from './admin-text.js';
import { EMPTY_AUDIT_FORM, auditQuery, type AuditForm } from './kb-edit.js';
import { Status, type StatusLine } from './Status.js';

const PAGE = 50;

/**
 * The audit trail of the administrator's site (the server scopes it), searched by actor, action,
 * subject and dates, a page at a time. Entries are shown as stored: personal numbers already masked.
 */
export function AuditPanel() {
  const { admin } = useServices();
  const { lang } = useConsoleState();
  const t = useAdminText();
  const [form, setForm] = useState<AuditForm>(EMPTY_AUDIT_FORM);
  // The `after` of every page shown so far: the last is the current page's.
  const [cursors, setCursors] = useState<number[]>([0]);
  const [page, setPage] = useState<{ entries: AuditRow[]; next: number | null } | null>(null);
  const [status, setStatus] = useState<StatusLine | null>(null);

  const load = async (stack: number[]) => {
    try {
      const after = stack[stack.length - 1] ?? 0;
      const offsetMin = -new Date().getTimezoneOffset();
      setPage(await admin.audit(auditQuery(form, after, PAGE, offsetMin)));
      setCursors(stack);
      setStatus(null);
    } catch (err) {
      setStatus({ kind: 'error', text: failure(t, lang, err) });
    }
  };
  const field = (key: keyof AuditForm) => ({
    id: `audit-${key}`,
    value: form[key],
    onInput: (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [key]: e.currentTarget.value }),
  });
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t.auditTitle}</h1>
      <form
        class="audit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load([0]);
        }}
      >
        <label for="audit-actor">{t.actor}</label>
        <input {...field('actor')} maxLength={200} />
        <label for="audit-action">{t.action}</label>
        <select
          id="audit-action"
          value={form.action}
          onChange={(e) => setForm({ ...form, action: e.currentTarget.value })}
        >
          <option value="">{t.anyAction}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <label for="audit-subject">{t.subject}</label>
        <input {...field('subject')} maxLength={200} />
        <label for="audit-from">{t.from}</label>
        <input type="date" {...field('from')} />
        <label for="audit-to">{t.to}</label>
        <input type="date" {...field('to')} />
        <button type="submit" class="primary">
          {t.search}
        </button>
      </form>
      {status && <Status line={status} />}
      {page && <AuditPage page={page} cursors={cursors} onPage={(stack) => void load(stack)} />}
    </section>
  );
}

function AuditPage(props: {
  page: { entries: AuditRow[]; next: number | null };
  cursors: number[];
  onPage(stack: number[]): void;
}) {
  const { lang } = useConsoleState();
  const t = useAdminText();
  const { entries, next } = props.page;
  const when = (at: number) => new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <section class="audit-results" aria-label={t.page(props.cursors.length)}>
      <p>{t.page(props.cursors.length)}</p>
      {entries.length === 0 && <p>{t.noEntries}</p>}
      <ol class="audit-entries">
        {entries.map((e) => (
          <li key={e.seq} class="audit-entry" data-action={e.action}>
            <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time> · <strong>{e.action}</strong>
            <br />
            {e.actor} → {e.subject}
            {Object.keys(e.detail).length > 0 && <code class="audit-detail">{JSON.stringify(e.detail)}</code>}
          </li>
        ))}
      </ol>
      <div class="pager">
        {props.cursors.length > 1 && (
          <button type="button" class="secondary" onClick={() => props.onPage(props.cursors.slice(0, -1))}>
            {t.prevPage}
          </button>
        )}
        {next !== null && (
          <button type="button" class="secondary" onClick={() => props.onPage([...props.cursors, next])}>
            {t.nextPage}
          </button>
        )}
      </div>
    </section>
  );
}
