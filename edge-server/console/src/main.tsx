import { render } from 'preact';
import { App } from './app/App.js';
import { ServicesContext } from './app/context.js';
import { ConsoleController } from './app/controller.js';
import { AdminApi } from './features/admin/admin-api.js';
import { parseRoute } from './app/route.js';
import { initialState } from './app/state.js';
import { ConsoleStore } from './app/store.js';
import { Notifier, permissionNow, ScreenKeeper } from './notify/notifier.js';
import { Drafts, Kv, openConsoleDb } from './storage/db.js';
import { ConsoleApi } from './sync/api.js';
import { Outbox } from './sync/outbox.js';
import './styles.css';

/** A per-browser suffix of the MQTT client id (`<staffId>.<suffix>`), so two handhelds do not kick each other. */
function clientSuffix(): string {
  const key = 'frontdesk-console-client';
  let suffix = localStorage.getItem(key);
  if (!suffix) {
    suffix = `console-${crypto.randomUUID().slice(0, 8)}`;
    localStorage.setItem(key, suffix);
  }
  return suffix;
}

/** The composition root: the one place that picks implementations and wires them together. */
async function boot(): Promise<void> {
  const db = await openConsoleDb();
  const lang = navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const store = new ConsoleStore(initialState(lang, parseRoute(location.hash)));
  store.dispatch({ type: 'notifications', permission: permissionNow() });
  const controller = new ConsoleController({
    store,
    api: new ConsoleApi(''),
    outbox: new Outbox(db),
    drafts: new Drafts(db),
    kv: new Kv(db),
    notifier: new Notifier(),
    screen: new ScreenKeeper(),
    now: () => Date.now(),
    newId: () => `c-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`,
    location,
    clientSuffix: clientSuffix(),
  });
  window.addEventListener('hashchange', () =>
    store.dispatch({ type: 'route', route: parseRoute(location.hash) }),
  );
  store.subscribe(() => {
    document.documentElement.lang = store.state.lang === 'zh' ? 'zh-CN' : 'en';
  });
  document.documentElement.lang = store.state.lang === 'zh' ? 'zh-CN' : 'en';
  if ('serviceWorker' in navigator && import.meta.env.PROD) {
    void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, {
      scope: import.meta.env.BASE_URL,
    });
    // A tapped notification while the console is open: the service worker asks the page to go there.
    navigator.serviceWorker.addEventListener(
      'message',
      (e: MessageEvent<{ type?: string; url?: string }>) => {
        if (e.data?.type === 'open' && e.data.url) location.hash = new URL(e.data.url, location.href).hash;
      },
    );
  }
  // Permission can change in the browser's settings while the console is open.
  void navigator.permissions
    ?.query({ name: 'notifications' })
    .then((status) => {
      status.onchange = () => store.dispatch({ type: 'notifications', permission: permissionNow() });
    })
    .catch(() => undefined);
  // A handheld asleep through the planned token refresh refreshes on waking.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') controller.woke();
  });
  await controller.resume();
  const root = document.getElementById('app');
  if (root)
    render(
      <ServicesContext.Provider
        value={{
          store,
          controller,
          now: () => Date.now(),
          admin: new AdminApi('', () => store.state.session?.token ?? null),
        }}
      >
        <App />
      </ServicesContext.Provider>,
      root,
    );
}

void boot();
