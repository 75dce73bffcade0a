/**
 * The kiosk's speed figures, as JSON (`npm run bench -w @frontdesk/kiosk`):
 *  - appShell: gzip size of the JavaScript the first load needs (the entry chunk and its static
 *    imports) and of what is loaded later;
 *  - answer: time from a question submitted to its answer rendered, p50/p95 over 100 questions, in
 *    Chromium against the real edge server (built kiosk);
 *  - offlineReload: the page reloaded from the service worker with the server stopped and the
 *    browser offline, until the start button is on screen (median of 5).
 * A copy of each run goes to kiosk/bench/results/. Speed targets live here, not in unit tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { format, resolveConfig } from 'prettier';
import { EdgeServer, launchBrowser, openKiosk } from '../e2e/harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const QUESTIONS = 100;
const OFFLINE_RELOADS = 5;
/** FAQ questions the keyword pipeline answers straight away (no clarification), zh and en. */
export const ASKED = [
  'wifi密码多少',
  '早餐几点',
  'What is the wifi password?',
  'When is breakfast?',
  '停车怎么收费',
];

/**
 * Runs in the page: from the submit to the answer's bubble in the DOM, painted. A string, not a
 * function, because tsx would wrap a function's inner names in a helper the page does not have.
 */
export const ASK_IN_PAGE = `async (q) => {
  const input = document.querySelector('#ask-input');
  const form = input && input.form;
  if (!input || !form) throw new Error('no question box');
  const before = document.querySelectorAll('[data-role="assistant"]').length;
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((r) => requestAnimationFrame(r));
  const t0 = performance.now();
  const answered = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer to ' + q)), 10000);
    const observer = new MutationObserver(() => {
      if (document.querySelectorAll('[data-role="assistant"]').length > before) {
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  form.requestSubmit();
  return answered;
}`;

function build(): void {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}

/** The entry script of index.html and every chunk it imports statically (not `import()`). */
export function firstLoadChunks(indexHtml: string, read: (file: string) => string): string[] {
  const entry = /<script type="module"[^>]*src="\/kiosk\/([^"]+)"/.exec(indexHtml)?.[1];
  if (!entry) throw new Error('no module script in dist/index.html');
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0 && seen.size < 200) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = read(file);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.\/[^"']+\.js)["']/g)) {
      queue.push(dir + (m[1] ?? '').slice(2));
    }
  }
  return [...seen];
}

function gzipKb(bytes: Buffer): number {
  return Math.round((gzipSync(bytes, { level: 9 }).length / 1024) * 10) / 10;
}

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? NaN) * 10) / 10;
}

async function main(): Promise<void> {
  build();
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const first = firstLoadChunks(html, (f) => readFileSync(join(DIST, f), 'utf8'));
  const allJs = readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const later = allJs.filter((f) => !first.includes(f));
  const appShell = {
    firstLoadJsGzipKb: gzipKb(Buffer.concat(first.map((f) => readFileSync(join(DIST, f))))),
    firstLoadFiles: first,
    lazyJsGzipKb: gzipKb(Buffer.concat(later.map((f) => readFileSync(join(DIST, f))))),
    lazyFiles: later,
  };

  const server = await EdgeServer.start();
  const browser = await launchBrowser();
  const answersMs: number[] = [];
  const reloadsMs: number[] = [];
  try {
    const { context, page } = await openKiosk(browser, server.kioskUrl('&idle=600'));
    await page.getByRole('button', { name: /开始/ }).click();
    await page.locator('[data-connection="online"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

    for (let i = 0; i < QUESTIONS; i++) {
      const question = ASKED[i % ASKED.length] ?? '';
      // Measured inside the page: from the submit to the answer's bubble in the DOM, painted.
      const ms = (await page.evaluate(`(${ASK_IN_PAGE})(${JSON.stringify(question)})`)) as number;
      answersMs.push(ms);
      // A fresh conversation now and then keeps the transcript (and the DOM) at a kiosk's usual size.
      if (i % 20 === 19) {
        await page.getByRole('button', { name: '结束' }).click();
        await page.goto(`${server.httpUrl}/kiosk/`);
        await page.getByRole('button', { name: /开始/ }).click();
      }
    }

    // Offline: the server stopped, the browser offline; reload from the service worker.
    await page.goto('about:blank');
    await server.stop();
    await context.setOffline(true);
    for (let i = 0; i < OFFLINE_RELOADS; i++) {
      const t0 = Date.now();
      await page.goto(`${server.httpUrl}/kiosk/`);
      await page.getByRole('button', { name: /开始/ }).waitFor();
      reloadsMs.push(Date.now() - t0);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.dispose();
  }

  const sorted = [...answersMs].sort((a, b) => a - b);
  const reloads = [...reloadsMs].sort((a, b) => a - b);
  const result = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    appShell,
    answer: {
      questions: answersMs.length,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      maxMs: percentile(sorted, 100),
    },
    offlineReload: {
      runs: reloads.length,
      medianMs: percentile(reloads, 50),
      maxMs: percentile(reloads, 100),
    },
  };
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.at.replace(/[:.]/g, '-')}.json`);
  // Formatted as the repository's Prettier would, so `npm test`'s format check passes after a run.
  const json = await format(JSON.stringify(result), { ...(await resolveConfig(file)), filepath: file });
  writeFileSync(file, json);
  console.log(json);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
