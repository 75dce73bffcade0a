import type { KnowledgeBase, KnowledgeBaseInput, Lang } from '@frontdesk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { useConsoleState, useServices, useText } from '../../app/context.js';
import { AdminApiError } from './admin-api.js';
import { failure, useAdminText } from './admin-text.js';
import {
  faqIndexesWithIssues,
  fieldIssues,
  inputOf,
  issuesAt,
  setAnswer,
  type FieldIssue,
} from './kb-edit.js';
import { KioskPreview } from './KioskPreview.js';
import { ReasonForm } from './ReasonForm.js';
import { Status, saveFile, type StatusLine } from './Status.js';

interface Editing {
  kb: KnowledgeBase;
  draft: KnowledgeBaseInput;
}

/** FAQ answers per intent in zh and en, a kiosk preview, save with a reason, import and export. */
export function KbEditor({ site }: { site: string }) {
  const { admin } = useServices();
  const { lang } = useConsoleState();
  const t = useAdminText();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [selected, setSelected] = useState(0);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [status, setStatus] = useState<StatusLine | null>(null);

  const load = async () => {
    try {
      const kb = await admin.kb(site);
      setEditing({ kb, draft: inputOf(kb) });
    } catch (err) {
      setStatus({ kind: 'error', text: failure(t, lang, err) });
    }
  };
  useEffect(() => void load(), [site]);

  if (!editing) return status ? <Status line={status} /> : <p role="status">{t.loading}</p>;
  const publish = async (reason: string) => {
    setStatus({ kind: 'busy', text: t.saving });
    try {
      const { version } = await admin.publish(site, editing.draft, reason);
      setIssues([]);
      setStatus({ kind: 'ok', text: t.published(version) });
      const kb = await admin.kb(site);
      setEditing({ kb, draft: editing.draft });
      return true;
    } catch (err) {
      if (err instanceof AdminApiError && err.code === 'INVALID_MESSAGE')
        setIssues(fieldIssues(err.message, err.details));
      setStatus({ kind: 'error', text: failure(t, lang, err) });
      return false;
    }
  };
  return (
    <section aria-labelledby="kb-title">
      <h1 id="kb-title">{t.kbTitle}</h1>
      <p>{t.currentVersion(editing.kb.version)}</p>
      <ImportExport
        onImport={(draft, name) => {
          setEditing({ ...editing, draft });
          setSelected(0);
          setIssues([]);
          setStatus({ kind: 'ok', text: t.imported(name) });
        }}
        onExport={async () => {
          try {
            const { blob, fileName } = await admin.exportVersion(site, editing.kb.version);
            saveFile(blob, fileName);
          } catch (err) {
            setStatus({ kind: 'error', text: failure(t, lang, err) });
          }
        }}
        onBadFile={() => setStatus({ kind: 'error', text: t.importBad })}
      />
      <Problems issues={issues} draft={editing.draft} onGo={setSelected} />
      <FaqEntry
        draft={editing.draft}
        index={selected}
        issues={issues}
        onSelect={setSelected}
        onChange={(draft) => setEditing({ ...editing, draft })}
      />
      <ReasonForm submit={t.save} onSubmit={publish} />
      {status && <Status line={status} />}
    </section>
  );
}

/** The FAQ entry chooser, its two answers and their kiosk preview. */
function FaqEntry(props: {
  draft: KnowledgeBaseInput;
  index: number;
  issues: FieldIssue[];
  onSelect(index: number): void;
  onChange(draft: KnowledgeBaseInput): void;
}) {
  const t = useAdminText();
  const labels = useText().intentLabel as Partial<Record<string, string>>;
  const [previewLang, setPreviewLang] = useState<Lang>('zh');
  const entry = props.draft.faq[props.index];
  return (
    <div class="faq-entry">
      <label for="faq-entry">{t.entry}</label>
      <select
        id="faq-entry"
        value={props.index}
        onChange={(e) => props.onSelect(Number(e.currentTarget.value))}
      >
        {props.draft.faq.map((f, i) => (
          <option key={i} value={i}>
            {t.entryOption(i + 1, labels[f.intent] ?? f.intent, f.topic)}
          </option>
        ))}
      </select>
      {entry &&
        (['zh', 'en'] as const).map((l) => {
          const path = `faq.${props.index}.answer.${l}`;
          const errors = issuesAt(props.issues, path);
          return (
            <div class="field" key={l}>
              <label for={`answer-${l}`}>{l === 'zh' ? t.answerZh : t.answerEn}</label>
              <textarea
                id={`answer-${l}`}
                rows={4}
                lang={l === 'zh' ? 'zh-CN' : 'en'}
                value={entry.answer[l]}
                aria-invalid={errors.length > 0 ? 'true' : undefined}
                aria-describedby={errors.length > 0 ? `answer-${l}-error` : undefined}
                onInput={(e) => {
                  props.onChange(setAnswer(props.draft, props.index, l, e.currentTarget.value));
                  setPreviewLang(l);
                }}
              />
              {errors.length > 0 && (
                <p id={`answer-${l}-error`} class="field-error">
                  {errors.join('; ')}
                </p>
              )}
            </div>
          );
        })}
      <label for="preview-lang">{t.previewLang}</label>
      <select
        id="preview-lang"
        value={previewLang}
        onChange={(e) => setPreviewLang(e.currentTarget.value === 'en' ? 'en' : 'zh')}
      >
        <option value="zh">{t.langZh}</option>
        <option value="en">{t.langEn}</option>
      </select>
      {entry && <KioskPreview text={entry.answer[previewLang]} lang={previewLang} />}
    </div>
  );
}

/** The server's problems that are not on the entry shown: rule problems and other entries' fields. */
function Problems(props: { issues: FieldIssue[]; draft: KnowledgeBaseInput; onGo(index: number): void }) {
  const t = useAdminText();
  const labels = useText().intentLabel as Partial<Record<string, string>>;
  if (props.issues.length === 0) return null;
  const entries = faqIndexesWithIssues(props.issues);
  const general = props.issues.filter((i) => i.path === null || !i.path.startsWith('faq.'));
  return (
    <div class="problems" role="alert">
      <p>{t.problems}</p>
      <ul>
        {general.map((i, n) => (
          <li key={`g${n}`}>{i.path ? `${i.path}: ${i.message}` : i.message}</li>
        ))}
        {entries.map((index) => {
          const f = props.draft.faq[index];
          const name = t.entryOption(index + 1, f ? (labels[f.intent] ?? f.intent) : '', f?.topic);
          return (
            <li key={`e${index}`}>
              {t.problemAt(name)}
              {props.issues
                .filter((i) => i.path?.startsWith(`faq.${index}.`))
                .map((i) => i.message)
                .join('; ')}{' '}
              <button type="button" class="secondary" onClick={() => props.onGo(index)}>
                {t.goToEntry}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ImportExport(props: {
  onImport(draft: KnowledgeBaseInput, name: string): void;
  onExport(): Promise<void>;
  onBadFile(): void;
}) {
  const t = useAdminText();
  return (
    <div class="import-export">
      <label for="kb-import">{t.importJson}</label>
      <input
        id="kb-import"
        type="file"
        accept="application/json,.json"
        onChange={(e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (!file) return;
          void file.text().then((text) => {
            input.value = '';
            try {
              props.onImport(JSON.parse(text) as KnowledgeBaseInput, file.name);
            } catch {
              props.onBadFile();
            }
          });
        }}
      />
      <button type="button" class="secondary" onClick={() => void props.onExport()}>
        {t.exportJson}
      </button>
    </div>
  );
}
