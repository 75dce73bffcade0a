import { useState } from 'preact/hooks';
import { AdminScreen } from '../features/admin/AdminScreen.js';
import { adminDict } from '../features/admin/admin-dict.js';
import { BoardScreen } from '../features/board/BoardScreen.js';
import { InboxScreen } from '../features/inbox/InboxScreen.js';
import { ItemScreen } from '../features/item/ItemScreen.js';
import { AccountScreen } from '../features/session/AccountScreen.js';
import { SignInScreen } from '../features/session/SignInScreen.js';
import { TicketScreen } from '../features/tickets/TicketScreen.js';
import { useConsoleState, useServices, useText } from './context.js';

function Connection() {
  const state = useConsoleState();
  const t = useText();
  const label =
    state.connection === 'online'
      ? t.connOnline
      : state.connection === 'connecting'
        ? t.connConnecting
        : t.connOffline;
  return (
    <p class={`conn conn-${state.connection}`} role="status" data-connection={state.connection}>
      {label}
    </p>
  );
}

function Pending() {
  const state = useConsoleState();
  const t = useText();
  const [open, setOpen] = useState(false);
  if (state.pending.length === 0) return null;
  return (
    <div class="pending" data-pending={state.pending.length}>
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t.pendingCount(state.pending.length)}
      </button>
      {open && (
        <ul aria-label={t.pendingTitle}>
          {state.pending.map((p) => (
            <li key={p.id}>
              {t.pendingAction[p.type]}
              {typeof p.body.text === 'string' ? `: ${p.body.text}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NotificationBanner() {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  if (state.notifications === 'granted') return null;
  if (state.notifications === 'default')
    return (
      <div class="banner" data-notifications="default">
        <p>{t.notifyDefault}</p>
        <button type="button" class="secondary" onClick={() => void controller.requestNotifications()}>
          {t.notifyAsk}
        </button>
      </div>
    );
  return (
    <p class="banner" role="alert" data-notifications={state.notifications}>
      {state.notifications === 'denied' ? t.notifyBlocked : t.notifyUnsupported}
    </p>
  );
}

function Rejection() {
  const state = useConsoleState();
  const t = useText();
  const { store } = useServices();
  const r = state.lastRejection;
  // A lost claim is told on the item itself, with who won.
  if (!r || r.code === 'CONFLICT') return null;
  return (
    <div class="banner" role="alert">
      <p>{t.rejected(state.lang === 'zh' ? r.messageZh : r.message)}</p>
      <button type="button" class="secondary" onClick={() => store.dispatch({ type: 'dismiss_rejection' })}>
        {t.dismiss}
      </button>
    </div>
  );
}

function Screen() {
  const { route } = useConsoleState();
  switch (route.screen) {
    case 'item':
      return <ItemScreen id={route.id} />;
    case 'ticket':
      return <TicketScreen id={route.id} />;
    case 'board':
      return <BoardScreen />;
    case 'account':
      return <AccountScreen />;
    case 'admin':
      return <AdminScreen tab={route.tab} />;
    case 'inbox':
      return <InboxScreen />;
  }
}

export function App() {
  const state = useConsoleState();
  const t = useText();
  const { controller } = useServices();
  const supervisor = state.session && state.session.staff.role !== 'staff';
  const langButton = (
    <button
      type="button"
      class="link"
      lang={state.lang === 'zh' ? 'en' : 'zh'}
      aria-label={t.langSwitchLabel}
      onClick={() => void controller.setLang(state.lang === 'zh' ? 'en' : 'zh')}
    >
      {t.langSwitch}
    </button>
  );
  if (!state.session)
    return (
      <div class="shell">
        <header class="top">
          <span class="title">{t.appTitle}</span>
          {langButton}
        </header>
        <SignInScreen />
      </div>
    );
  return (
    <div class="shell">
      <header class="top">
        <span class="title">
          {t.appTitle} · {state.session.staff.name}
        </span>
        {langButton}
        <button type="button" class="link" onClick={() => void controller.signOut()}>
          {t.signOut}
        </button>
      </header>
      <nav class="nav" aria-label={t.appTitle}>
        <a href="#/" aria-current={state.route.screen === 'inbox' ? 'page' : undefined}>
          {t.inboxLink}
        </a>
        {supervisor && (
          <a href="#/board" aria-current={state.route.screen === 'board' ? 'page' : undefined}>
            {t.boardLink}
          </a>
        )}
        {state.session.staff.role === 'admin' && (
          <a href="#/admin/kb" aria-current={state.route.screen === 'admin' ? 'page' : undefined}>
            {adminDict[state.lang].adminLink}
          </a>
        )}
      </nav>
      <Connection />
      <Pending />
      <NotificationBanner />
      <Rejection />
      <Screen />
    </div>
  );
}
