/**
 * Renders pages of the built mini-program (`dist/weapp`) with `miniprogram-simulate`, WeChat's own
 * component simulator and its Linux `wcc` template compiler, without WeChat DevTools. Taro's pages
 * call `Page(config)`; the simulator knows only `Component`, so a page is registered as a component
 * whose lifetimes call the page's `onLoad` / `onShow` / `onReady`. `wx.request` goes to a real edge
 * server over `fetch`.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);

export const WEAPP_ROOT = fileURLToPath(new URL('../dist/weapp', import.meta.url));

interface Simulate {
  load(path: string, tagName: string, options: { rootPath: string }): string;
  render(id: string): SimulatedComponent;
  sleep(ms: number): Promise<void>;
}

export interface SimulatedComponent {
  dom: HTMLElement;
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): SimulatedComponent | null;
  dispatchEvent(name: string, options?: unknown): void;
}

type PageConfig = Record<string, unknown> & {
  data?: Record<string, unknown>;
  onLoad?(query: Record<string, string>): void;
  onShow?(): void;
  onReady?(): void;
};

interface WxRequest {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?(res: { statusCode: number; data: unknown; header: Record<string, string> }): void;
  fail?(err: { errMsg: string }): void;
  complete?(): void;
}

const globals = globalThis as unknown as Record<string, unknown>;

/** The edge server origin the weapp is built with (`FRONTDESK_EDGE_URL`'s default). */
export const BUILT_EDGE_URL = 'https://frontdesk.example';

/**
 * `wx.request` over `fetch`, as WeChat would send it (JSON in, JSON out), to `edgeUrl` in place of
 * the built-in origin (the test server's random port).
 */
const requestTo = (edgeUrl: string) =>
  function request(options: WxRequest): { abort(): void } {
    const body = options.data === undefined ? undefined : JSON.stringify(options.data);
    const url = options.url.startsWith(BUILT_EDGE_URL)
      ? edgeUrl + options.url.slice(BUILT_EDGE_URL.length)
      : options.url;
    fetch(url, { method: options.method ?? 'GET', headers: options.header ?? {}, body })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // not JSON: handed over as text, as WeChat does
        }
        options.success?.({ statusCode: res.status, data, header: {} });
      })
      .catch((err: unknown) => options.fail?.({ errMsg: `request:fail ${String(err)}` }))
      .finally(() => options.complete?.());
    return { abort: () => undefined };
  };

/**
 * The DOM the simulator renders into: a jsdom window's globals where Node has none, and jsdom's
 * event classes (the simulator dispatches `new Event(...)` on jsdom nodes). The edge server in the
 * same process keeps Node's own `URL`, `fetch` and timers. Each test file runs in its own process.
 */
function installDom(): void {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const w = window as unknown as Record<string, unknown>;
  for (const key of ['window', 'document', 'Node', 'Element', 'HTMLElement', 'getComputedStyle', 'navigator'])
    if (!(key in globals)) globals[key] = w[key];
  for (const key of ['Event', 'CustomEvent', 'MouseEvent']) globals[key] = w[key];
}

/** Installs the mini-program globals, runs `app.js` (Taro's `App(...)`), and returns the simulator. */
export function loadWeapp(edgeUrl: string): Simulate {
  installDom();
  const simulate = require('miniprogram-simulate') as Simulate;
  const wx = globals.wx as Record<string, unknown>;
  const storage = new Map<string, unknown>();
  Object.assign(wx, {
    request: requestTo(edgeUrl),
    login: (o: { success?(r: { code: string }): void }) => o.success?.({ code: `sim-weapp-${Date.now()}` }),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  });
  let app: PageConfig | null = null;
  const pages: unknown[] = [];
  globals.App = (config: PageConfig) => {
    app = config;
  };
  globals.getApp = () => app;
  globals.getCurrentPages = () => pages;
  globals.Page = (config: PageConfig) => {
    const methods = Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'function'));
    (globals.Component as (o: unknown) => void)({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: PageConfig & { route: string }) {
          pages.splice(0, pages.length, this);
          this.onLoad?.({});
          this.onShow?.();
        },
        ready(this: PageConfig) {
          this.onReady?.();
        },
      },
    });
  };
  require(join(WEAPP_ROOT, 'app.js'));
  const launched = app as PageConfig | null;
  (launched?.onLaunch as ((o: unknown) => void) | undefined)?.call(launched, {
    path: 'pages/ask/index',
    query: {},
  });
  launched?.onShow?.call(launched);
  return simulate;
}

/** Renders one page (`pages/ask/index`) and attaches it to the document. */
export function renderPage(simulate: Simulate, page: string): SimulatedComponent {
  const id = simulate.load(join(WEAPP_ROOT, page), 'page', { rootPath: WEAPP_ROOT });
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}
