/**
 * The answer time of two or more kiosk builds compared in one run, on the same machine state:
 *   npm run bench:ab -w @frontdesk/kiosk -- <build> <build> [...]
 * where a build is a `dist` folder (served beside this worktree's edge server) or `server:<worktree>`
 * (that worktree's own server and build, e.g. a `git worktree` of an older commit, built). One
 * Chromium; each build on its own origin. Sessions of 20 questions (as bench.ts: the page reloaded,
 * start pressed, asked at once) take turns between the builds, the order rotating each round; a
 * page is blank while another build is measured. Prints, per build, p50/p95/max of submit → answer
 * painted (bench.ts's measure), the page's main-thread time per question (CDP Performance metrics)
 * and reload → model ready. Nothing is written: the figures go to the commit or report that uses them.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { EdgeServer, launchBrowser, modelReady, openKiosk } from '../e2e/harness.js';
import { frontForDist, frontForWorktree, type Front } from './ab-fronts.js';
import { ASK_IN_PAGE, ASKED, percentile } from './bench.js';

const SESSION = 20;
const ROUNDS = Number(process.env.AB_ROUNDS ?? 5);
const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;

interface Build {
  name: string;
  front: Front;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  asked: number;
  ms: number[];
  /** Each session's first question waits for the model still loading after the reload. */
  firstOfSession: number[];
  mainThreadS: Record<string, number>;
  readyMs: number[];
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: all } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(all.map((m) => [m.name, m.value]));
}

async function session(b: Build): Promise<void> {
  const t0 = Date.now();
  await b.page.goto(`${b.front.origin}/kiosk/`);
  await b.page.getByRole('button', { name: /开始/ }).click();
  const ready = modelReady(b.page).then(() => void b.readyMs.push(Date.now() - t0));
  await b.cdp.send('Performance.enable');
  for (let i = 0; i < SESSION; i++) {
    const before = await metrics(b.cdp);
    if (i === 0) b.firstOfSession.push(b.ms.length);
    const question = ASKED[b.asked % ASKED.length] ?? '';
    b.ms.push((await b.page.evaluate(`(${ASK_IN_PAGE})(${JSON.stringify(question)})`)) as number);
    b.asked += 1;
    const after = await metrics(b.cdp);
    for (const k of METRICS) b.mainThreadS[k] = (b.mainThreadS[k] ?? 0) + (after[k] ?? 0) - (before[k] ?? 0);
  }
  await ready;
  await b.page.getByRole('button', { name: '结束' }).click();
  await b.page.goto('about:blank');
}

function report(b: Build): string {
  const sorted = [...b.ms].sort((x, y) => x - y);
  const warm = b.ms.filter((_, i) => !b.firstOfSession.includes(i)).sort((x, y) => x - y);
  const perQuestionMs = Object.fromEntries(
    METRICS.map((k) => [k, Math.round(((b.mainThreadS[k] ?? 0) * 1000 * 10) / b.ms.length) / 10]),
  );
  const slowest = b.ms
    .map((ms, i) => `#${i}:${Math.round(ms)}`)
    .sort((x, y) => Number(y.split(':')[1]) - Number(x.split(':')[1]))
    .slice(0, 8);
  return JSON.stringify({
    build: b.name,
    questions: b.ms.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: percentile(sorted, 100),
    withoutFirstOfSession: { p50Ms: percentile(warm, 50), p95Ms: percentile(warm, 95) },
    mainThreadPerQuestionMs: perQuestionMs,
    reloadToModelReadyMs: b.readyMs,
    slowest,
  });
}

async function open(browser: Awaited<ReturnType<typeof launchBrowser>>, name: string, front: Front) {
  const { context, page } = await openKiosk(browser, front.kioskUrl);
  await page.getByRole('button', { name: /开始/ }).click();
  await page.locator('[data-connection="online"]').waitFor({ timeout: 30_000 });
  await modelReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await page.getByRole('button', { name: '结束' }).click();
  await page.goto('about:blank');
  const cdp = await context.newCDPSession(page);
  return {
    name,
    front,
    context,
    page,
    cdp,
    asked: 0,
    ms: [],
    firstOfSession: [],
    mainThreadS: {},
    readyMs: [],
  };
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  if (names.length < 2) throw new Error('usage: ab.ts <dist | server:worktree> <dist | server:worktree> ...');
  const server = await EdgeServer.start();
  const browser = await launchBrowser();
  const builds: Build[] = [];
  try {
    const setupQuery = new URL(server.kioskUrl('&idle=600')).search.slice(1);
    for (const name of names) {
      const front = name.startsWith('server:')
        ? await frontForWorktree(resolve(name.slice('server:'.length)))
        : await frontForDist(resolve(name), server.port, setupQuery);
      builds.push(await open(browser, name, front));
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < builds.length; i++) await session(builds[(round + i) % builds.length] as Build);
    }
    for (const b of builds) console.log(report(b));
  } finally {
    for (const b of builds) b.front.close();
    await browser.close();
    await server.dispose();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
