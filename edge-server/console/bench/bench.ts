/**
 * The console's latency figures, as JSON (`npm run bench -w @frontdesk/console`, issue 12): a real edge
 * server (demo data, temporary DATA_DIR, ephemeral ports on 127.0.0.1), the built console in Chromium
 * signed in as 李娜 with notifications granted, and N escalations raised by the hotel lobby kiosk (an
 * MQTT client publishing what the kiosk publishes). For each escalation:
 *  - kiosk publish → the notification exists in the console's service worker (polled), and → the
 *    entry appears in the inbox DOM (MutationObserver);
 *  - the claim button clicked in the console → the kiosk receives `escalation.updated` `claimed`;
 * then 李娜 resolves it in the console, so the inbox is empty again before the next one.
 * A copy of each run goes to bench/results/. It always stops by itself (watchdog).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { format, resolveConfig } from 'prettier';
import { DEMO_KIOSK, EdgeServer, FRONT_DESK, launchBrowser } from '../../../kiosk/e2e/harness.js';
import { KioskClient } from './kiosk.js';
import { armClick, clockOffset, closeNotification, marks, seen, watch, type ClockOffset } from './page.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Per-step wait: a step slower than this fails the run. */
const STEP_TIMEOUT_MS = 15_000;

interface Options {
  count: number;
  /** Escalations run first and left out of the figures (a cold page, JIT, first IndexedDB writes). */
  warmup: number;
  pollMs: number;
  timeoutS: number;
  build: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string', default: '100' },
      warmup: { type: 'string', default: '3' },
      'poll-ms': { type: 'string', default: '5' },
      'timeout-s': { type: 'string', default: '900' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const opts = {
    count: Number(values.count),
    warmup: Number(values.warmup),
    pollMs: Number(values['poll-ms']),
    timeoutS: Number(values['timeout-s']),
    build: !values['no-build'],
  };
  if (!(opts.count >= 1 && opts.count <= 10_000)) throw new Error('--count: 1 to 10000');
  if (!(opts.warmup >= 0 && opts.warmup <= 100)) throw new Error('--warmup: 0 to 100');
  if (!(opts.pollMs >= 1 && opts.pollMs <= 1000)) throw new Error('--poll-ms: 1 to 1000');
  if (!(opts.timeoutS >= 10)) throw new Error('--timeout-s: at least 10');
  return opts;
}

/** The console as the server serves it (`dist/`), built with NODE_ENV=production (service worker on). */
function build(): void {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    // Vite's output to stderr: stdout is the JSON.
    stdio: ['ignore', 2, 2],
  });
}

export function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return Math.round((sorted[i] ?? NaN) * 10) / 10;
  };
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: at(100),
    mean: Math.round(mean * 10) / 10,
    count: sorted.length,
  };
}

/** 李娜 signs in, at the front desk, on duty, with the service worker in control and the inbox empty. */
async function signIn(page: Page, httpUrl: string): Promise<void> {
  await page.goto(`${httpUrl}/staff/`);
  await page.getByLabel('员工编号').fill(FRONT_DESK.id);
  await page.getByLabel('密码').fill(FRONT_DESK.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-connection="online"]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.getByLabel('当前位置').selectOption('h-front-desk');
  await page.getByText('暂时没有待处理的请求。').waitFor({ timeout: STEP_TIMEOUT_MS });
}

interface Sample {
  notificationMs: number;
  inboxDomMs: number;
  claimToKioskMs: number;
  polls: number;
  pollCallMs: number;
}

/** One escalation: raised, seen, claimed by a click, resolved in the console, back to the inbox. */
async function oneEscalation(
  page: Page,
  kiosk: KioskClient,
  id: string,
  opts: Options,
  clock: ClockOffset,
): Promise<Sample> {
  const toNode = (pageAt: number) => pageAt - clock.offsetMs;
  await watch(page, id, opts.pollMs, STEP_TIMEOUT_MS);
  const publishedAt = await kiosk.raise(id);
  await seen(page, STEP_TIMEOUT_MS);

  await page.locator(`a.entry[data-id="${id}"]`).click();
  const claim = page.getByRole('button', { name: '认领' });
  await claim.waitFor({ timeout: STEP_TIMEOUT_MS });
  await armClick(page);
  await claim.click();
  const claimedAt = await kiosk.waitForStatus(id, 'claimed', STEP_TIMEOUT_MS);
  const m = await marks(page);
  if (m.dom === null || m.notification === null || m.click === null)
    throw new Error(`marks missing for ${id}`);

  await page.getByLabel('结案备注').fill('bench');
  await page.getByRole('button', { name: '结案' }).click();
  await kiosk.waitForStatus(id, 'resolved', STEP_TIMEOUT_MS);
  await closeNotification(page, id);
  await page.evaluate("location.hash = '#/'");
  await page.getByText('暂时没有待处理的请求。').waitFor({ timeout: STEP_TIMEOUT_MS });
  return {
    notificationMs: toNode(m.notification) - publishedAt,
    inboxDomMs: toNode(m.dom) - publishedAt,
    claimToKioskMs: claimedAt - toNode(m.click),
    polls: m.polls,
    pollCallMs: m.pollCallMs,
  };
}

async function measure(opts: Options, server: EdgeServer) {
  const browser = await launchBrowser();
  const kiosk = await KioskClient.connect(server.mqttUrl, DEMO_KIOSK);
  try {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      serviceWorkers: 'allow',
    });
    await context.grantPermissions(['notifications'], { origin: server.httpUrl });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('console page error:', err.message));
    await signIn(page, server.httpUrl);
    const clockStart = await clockOffset(page);
    const samples: Sample[] = [];
    const run = Date.now().toString(36);
    for (let i = 0; i < opts.warmup; i++)
      await oneEscalation(page, kiosk, `esc-warm-${run}-${i}`, opts, clockStart);
    for (let i = 0; i < opts.count; i++) {
      samples.push(await oneEscalation(page, kiosk, `esc-bench-${run}-${i}`, opts, clockStart));
      if (i % 10 === 9) console.error(`${i + 1}/${opts.count}`);
    }
    const clockEnd = await clockOffset(page);
    await context.close();
    return { samples, clockStart, clockEnd, chromium: browser.version() };
  } finally {
    await kiosk.close();
    await browser.close();
  }
}

function report(opts: Options, result: Awaited<ReturnType<typeof measure>>) {
  const { samples, clockStart, clockEnd } = result;
  const polls = samples.reduce((s, x) => s + x.polls, 0);
  const pollCallMs = samples.reduce((s, x) => s + x.pollCallMs, 0);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      memGb: round(totalmem() / 2 ** 30),
      node: process.version,
    },
    config: {
      escalations: opts.count,
      warmup: `${opts.warmup} escalations first, not counted`,
      kiosk: `MQTT client as ${DEMO_KIOSK.id}, publishing escalation.raise (asked_for_person) on its up topic, QoS 1`,
      console: `built console in Chromium ${result.chromium} (headless), 360×740, zh-CN, signed in as ${FRONT_DESK.name}, notifications granted`,
      claim:
        'the claim button clicked in the console (click event, capture phase) → escalation.updated claimed at the kiosk client',
      resolve: 'in the console (note + 结案) after each escalation; the inbox is empty before the next one',
      deviceRateLimits:
        'off (DEVICE_RATE_LIMITS=off: one hotel kiosk would otherwise get 10 raises, then one per 30 s)',
      notificationPollMs: opts.pollMs,
      clock: 'performance.timeOrigin + now() in the page and in Node, page offset calibrated by round trip',
    },
    latencyMs: {
      publishToNotification: summary(samples.map((s) => s.notificationMs)),
      publishToInboxDom: summary(samples.map((s) => s.inboxDomMs)),
      claimClickToKiosk: summary(samples.map((s) => s.claimToKioskMs)),
    },
    resolutionMs: {
      notificationPoll: round(opts.pollMs + pollCallMs / Math.max(1, polls)),
      notificationPollInterval: opts.pollMs,
      getNotificationsCallMean: round(pollCallMs / Math.max(1, polls)),
      clockOffsetUncertainty: round(Math.max(clockStart.uncertaintyMs, clockEnd.uncertaintyMs)),
      clockDriftOverRun: round(clockEnd.offsetMs - clockStart.offsetMs),
    },
  };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  let server: EdgeServer | null = null;
  const watchdog = setTimeout(() => {
    console.error(`FAILED: watchdog after ${opts.timeoutS} s`);
    void Promise.race([server?.dispose(), new Promise((r) => setTimeout(r, 5000))]).finally(() =>
      process.exit(2),
    );
  }, opts.timeoutS * 1000);
  watchdog.unref();
  if (opts.build) build();
  server = await EdgeServer.start({ DEVICE_RATE_LIMITS: 'off' });
  let result: Awaited<ReturnType<typeof measure>>;
  try {
    result = await measure(opts, server);
  } finally {
    await server.dispose();
    clearTimeout(watchdog);
  }
  const out = report(opts, result);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${out.at.replace(/[:.]/g, '-')}.json`);
  // Formatted as the repository's Prettier would, so `npm test`'s format check passes after a run.
  const json = await format(JSON.stringify(out), { ...(await resolveConfig(file)), filepath: file });
  writeFileSync(file, json);
  console.log(json);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error('FAILED:', err);
    process.exit(1);
  });
}
