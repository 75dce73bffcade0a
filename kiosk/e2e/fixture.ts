/**
 * The one start-up every e2e file shares: the real edge server (demo data, temporary directory), a
 * Chromium, and kiosk pages in fresh contexts, all started before a file's tests and stopped after.
 * Pages and extra browsers a test opens through the fixture are closed after that test even if it
 * fails, so a test only says what it does.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { PhotoCameras } from './fake-camera.js';
import { EdgeServer, launchBrowser, openKiosk, type OpenKioskOptions } from './harness.js';

export interface KioskFixtureOptions {
  /** Extra server configuration, e.g. a short `SLA_REASSURE_MS`. */
  env?: Record<string, string>;
  /**
   * Flags for the file's shared browser, e.g. a fake camera (`cameras` is the file's photo cameras);
   * `false`: no shared browser, each test launches its own (`fixture.launch`).
   */
  browser?: false | ((cameras: PhotoCameras) => string[]);
}

export interface KioskFixture {
  readonly server: EdgeServer;
  /** The file's shared browser (not when started with `browser: false`). */
  readonly browser: Browser;
  /** Chromium fake cameras playing photos; their files are removed after the file's tests. */
  readonly cameras: PhotoCameras;
  /** Opens the kiosk (the hotel lobby's by default) in a fresh context of `browser` (the shared one). */
  open(url?: string, options?: OpenKioskOptions & { browser?: Browser }): Promise<KioskPage>;
  /** A browser of the test's own (e.g. with a fake microphone), closed after the test. */
  launch(args?: string[]): Promise<Browser>;
}

export interface KioskPage {
  context: BrowserContext;
  page: Page;
}

export function useKioskFixture(options: KioskFixtureOptions = {}): KioskFixture {
  let server: EdgeServer | undefined;
  let browser: Browser | undefined;
  let cameras: PhotoCameras | undefined;
  const contexts: BrowserContext[] = [];
  const browsers: Browser[] = [];

  beforeAll(async () => {
    cameras = new PhotoCameras();
    const flags = options.browser;
    [server, browser] = await Promise.all([
      EdgeServer.start(options.env),
      flags === false ? Promise.resolve(undefined) : launchBrowser(flags?.(cameras) ?? []),
    ]);
  });

  afterEach(async () => {
    // Contexts a test closed itself are closed again harmlessly.
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await Promise.all(browsers.splice(0).map((b) => b.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    cameras?.remove();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e fixture has no ${what} (outside a test?)`);
    return value;
  };

  return {
    get server() {
      return need(server, 'server');
    },
    get browser() {
      return need(browser, 'shared browser');
    },
    get cameras() {
      return need(cameras, 'cameras');
    },
    async open(url, openOptions = {}) {
      const { browser: own, ...rest } = openOptions;
      const opened = await openKiosk(
        own ?? need(browser, 'shared browser'),
        url ?? need(server, 'server').kioskUrl(),
        rest,
      );
      contexts.push(opened.context);
      return opened;
    },
    async launch(args = []) {
      const launched = await launchBrowser(args);
      browsers.push(launched);
      return launched;
    },
  };
}
