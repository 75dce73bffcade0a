import type { KbVersionSummary } from '@frontdesk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { useConsoleState, useServices } from '../../app/context.js';
import { failure, useAdminText } from './admin-text.js';
import { versionDiff, type DiffHunk } from './kb-edit.js';
import { ReasonForm } from './ReasonForm.js';
import { Status, saveFile, type StatusLine } from './Status.js';

/** The version history: who and why, export, a diff between any two versions, and revert. */
export function VersionsPanel({ site }: { site: string }) {
  const { admin } = useServices();
  const { lang } = useConsoleState();
  const t = useAdminText();
  const [versions, setVersions] = useState<KbVersionSummary[] | null>(null);
  const [status, setStatus] = useState<StatusLine | null>(null);
  const fail = (err: unknown) => setStatus({ kind: 'error', text: failure(t, lang, err) });

  const load = async () => {
    try {
      setVersions(await admin.versions(site));
    } catch (err) {
      fail(err);
    }
  };
  useEffect(() => void load(), [site]);
  if (!versions) return status ? <Status line={status} /> : <p role="status">{t.loading}</p>;

  const when = (at: number) => new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <section aria-labelledby="versions-title">
      <h1 id="versions-title">{t.versionsTitle}</h1>
      <ol class="versions">
        {versions.map((v) => (
          <li key={v.version} class="version" data-version={v.version}>
            <strong>{t.versionLine(v.version)}</strong> ·{' '}
            <time dateTime={new Date(v.at).toISOString()}>{when(v.at)}</time>
            <br />
            {t.by}: {v.actor}
            <br />
            {t.why}: {v.reason}
            <br />
            <button
              type="button"
              class="secondary"
              onClick={() =>
                void admin
                  .exportVersion(site, v.version)
                  .then(({ blob, fileName }) => saveFile(blob, fileName))
                  .catch(fail)
              }
            >
              {t.exportVersion(v.version)}
            </button>
          </li>
        ))}
      </ol>
      <Compare site={site} versions={versions} onError={fail} />
      <Revert
        versions={versions}
        onRevert={async (version, reason) => {
          try {
            const done = await admin.revert(site, version, reason);
            setStatus({ kind: 'ok', text: t.reverted(done.version, done.revertedFrom) });
            await load();
            return true;
          } catch (err) {
            fail(err);
            return false;
          }
        }}
      />
      {status && <Status line={status} />}
    </section>
  );
}

function VersionSelect(props: {
  id: string;
  label: string;
  versions: KbVersionSummary[];
  value: number;
  onChange(v: number): void;
}) {
  const t = useAdminText();
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.currentTarget.value))}
      >
        {props.versions.map((v) => (
          <option key={v.version} value={v.version}>
            {t.versionLine(v.version)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Two versions chosen, their content fetched and compared line by line (`versionDiff`). */
function Compare(props: { site: string; versions: KbVersionSummary[]; onError(err: unknown): void }) {
  const { admin } = useServices();
  const t = useAdminText();
  const newest = props.versions[0]?.version ?? 1;
  const [from, setFrom] = useState(props.versions[1]?.version ?? newest);
  const [to, setTo] = useState(newest);
  const [diff, setDiff] = useState<{ from: number; to: number; hunks: DiffHunk[] } | null>(null);
  const show = async () => {
    try {
      const [a, b] = await Promise.all([admin.version(props.site, from), admin.version(props.site, to)]);
      setDiff({ from, to, hunks: versionDiff(a.kb, b.kb) });
    } catch (err) {
      props.onError(err);
    }
  };
  return (
    <form
      class="compare"
      aria-labelledby="compare-title"
      onSubmit={(e) => {
        e.preventDefault();
        void show();
      }}
    >
      <h2 id="compare-title">{t.compare}</h2>
      <VersionSelect
        id="diff-from"
        label={t.compareFrom}
        versions={props.versions}
        value={from}
        onChange={setFrom}
      />
      <VersionSelect id="diff-to" label={t.compareTo} versions={props.versions} value={to} onChange={setTo} />
      <button type="submit" class="secondary">
        {t.showDiff}
      </button>
      {diff && <Diff {...diff} />}
    </form>
  );
}

function Diff({ from, to, hunks }: { from: number; to: number; hunks: DiffHunk[] }) {
  const t = useAdminText();
  return (
    <section class="diff" aria-label={t.diffTitle(from, to)}>
      <h3>{t.diffTitle(from, to)}</h3>
      {hunks.length === 0 && <p>{t.noDiff}</p>}
      {hunks.map((h) => (
        <div class="hunk" key={`${h.oldStart}-${h.newStart}`}>
          <p class="hunk-at">{t.diffAt(h.oldStart, h.newStart)}</p>
          <ul>
            {h.lines.map((l, i) => (
              <li key={i} class={`diff-${l.kind}`} data-kind={l.kind}>
                {l.kind === 'added' && <span class="diff-mark">{t.diffAdded}</span>}
                {l.kind === 'removed' && <span class="diff-mark">{t.diffRemoved}</span>}
                <code>{l.text}</code>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Revert(props: {
  versions: KbVersionSummary[];
  onRevert(version: number, reason: string): Promise<boolean>;
}) {
  const t = useAdminText();
  const [version, setVersion] = useState(props.versions[1]?.version ?? props.versions[0]?.version ?? 1);
  return (
    <section class="revert" aria-labelledby="revert-title">
      <h2 id="revert-title">{t.revertTitle}</h2>
      <VersionSelect
        id="revert-version"
        label={t.revertTo}
        versions={props.versions}
        value={version}
        onChange={setVersion}
      />
      <ReasonForm
        id="revert-reason"
        submit={t.revert}
        onSubmit={(reason) => props.onRevert(version, reason)}
      />
    </section>
  );
}
