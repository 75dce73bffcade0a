import type { AdminTab } from '../../app/route.js';
import { useConsoleState } from '../../app/context.js';
import { adminDict, type AdminDict } from './admin-dict.js';
import { AuditPanel } from './AuditPanel.js';
import { KbEditor } from './KbEditor.js';
import { VersionsPanel } from './VersionsPanel.js';
import './admin.css';

export function useAdminText(): AdminDict {
  return adminDict[useConsoleState().lang];
}

/** When a call fails: the server's message in the console's language. */
export function failure(t: AdminDict, lang: 'zh' | 'en', err: unknown): string {
  const e = err as { message?: string; messageZh?: string };
  return t.failed((lang === 'zh' ? e.messageZh : e.message) ?? String(err));
}

/** The admin section (administrators of the signed-in member's site only): its tabs and the one shown. */
export function AdminScreen({ tab }: { tab: AdminTab }) {
  const state = useConsoleState();
  const t = useAdminText();
  const session = state.session;
  if (!session || session.staff.role !== 'admin')
    return (
      <main class="admin">
        <p role="alert">{t.adminOnly}</p>
      </main>
    );
  const tabs: Array<[AdminTab, string]> = [
    ['kb', t.tabKb],
    ['versions', t.tabVersions],
    ['audit', t.tabAudit],
  ];
  const site = session.staff.site;
  return (
    <main class="admin">
      <nav class="admin-tabs" aria-label={t.tabs}>
        {tabs.map(([id, label]) => (
          <a key={id} href={`#/admin/${id}`} aria-current={tab === id ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {tab === 'kb' && <KbEditor site={site} />}
      {tab === 'versions' && <VersionsPanel site={site} />}
      {tab === 'audit' && <AuditPanel />}
    </main>
  );
}
