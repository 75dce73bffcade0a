import type { AdminTab } from '../../app/route.js';
import { useConsoleState } from '../../app/context.js';
import { useAdminText } from './admin-text.js';
import { AuditPanel } from './AuditPanel.js';
import { KbEditor } from './KbEditor.js';
import { VersionsPanel } from './VersionsPanel.js';
import './admin.css';

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
