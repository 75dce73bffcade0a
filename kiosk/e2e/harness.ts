/**
 * End-to-end harness: the real edge server in-process with demo data in a temporary directory,
 * Debian's Chromium driven by playwright-core, and MQTT clients standing in for staff consoles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../edge-server/src/config.js';
import { startServer, type RunningServer } from '../../edge-server/src/server.js';

export const DEMO_KIOSK = { id: 'kiosk-hotel-lobby', secret: 'demo-kiosk-secret-1', site: 'grand-hotel' };
export const FRONT_DESK = { id: 'li-na', password: 'demo-front-1', name: '李娜' };
export const DEMO_HOSPITAL_KIOSK = {
  id: 'kiosk-hospital-main',
  secret: 'demo-kiosk-secret-2',
  site: 'city-hospital',
};

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export class EdgeServer {
  private constructor(
    readonly dataDir: string,
    public running: RunningServer | null,
    public port: number,
    private readonly mqttPort: number,
    private readonly env: Record<string, string>,
  ) {}

  /** `env`: extra server configuration, e.g. a short `SLA_REASSURE_MS`. */
  static async start(env: Record<string, string> = {}): Promise<EdgeServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-kiosk-e2e-'));
    const running = await EdgeServer.boot(dataDir, '0', '0', env);
    const port = (url: string) => Number(new URL(url).port);
    return new EdgeServer(dataDir, running, port(running.httpUrl), port(running.mqttUrl), env);
  }

  private static boot(
    dataDir: string,
    port: string,
    mqttPort: string,
    env: Record<string, string>,
  ): Promise<RunningServer> {
    return startServer(
      loadConfig({
        ...env,
        DATA_DIR: dataDir,
        PORT: port,
        MQTT_PORT: mqttPort,
        HOST: '127.0.0.1',
        DEMO: '1',
        LOG_LEVEL: 'silent',
      }),
    );
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get mqttUrl(): string {
    if (!this.running) throw new Error('server stopped');
    return this.running.mqttUrl;
  }

  /** `kiosk`: which demo kiosk the page is set up as (the hotel lobby's by default). */
  kioskUrl(extra = '', kiosk: { id: string; secret: string; site: string } = DEMO_KIOSK): string {
    const q = new URLSearchParams({
      device: kiosk.id,
      secret: kiosk.secret,
      site: kiosk.site,
    });
    return `${this.httpUrl}/kiosk/?${q.toString()}${extra}`;
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = null;
  }

  /** Starts again on the same ports and data, as after a power cut of the server. */
  async restart(): Promise<void> {
    this.running = await EdgeServer.boot(this.dataDir, String(this.port), String(this.mqttPort), this.env);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** `extraArgs`: e.g. Chromium's fake camera flags (per launch), see `fakeCameraArgs`. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Chromium's fake camera (granted without a prompt) playing `videoFile` (.y4m or .mjpeg) in a loop. */
export function fakeCameraArgs(videoFile: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${videoFile}`,
  ];
}

/**
 * Chromium flags for a fake microphone that plays (and loops) `wavPath`, granted without a prompt; the
 * autoplay flag lets audio start as a kiosk browser is configured to.
 */
export function fakeMicrophoneArgs(wavPath: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wavPath}`,
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export interface OpenKioskOptions {
  /** 'block' lets a test's `context.route` answer requests the service worker would serve. */
  serviceWorkers?: 'allow' | 'block';
  /** Runs before the first navigation, e.g. to install routes. */
  prepare?: (context: BrowserContext) => Promise<unknown>;
  /** CSS pixels; the lobby kiosk's 1080 × 1920 portrait screen at half scale by default. */
  viewport?: { width: number; height: number };
}

export async function openKiosk(
  browser: Browser,
  url: string,
  options: OpenKioskOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1080, height: 1920 },
    deviceScaleFactor: 0.5,
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  await options.prepare?.(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('kiosk page error:', err.message));
  await page.goto(url);
  return { context, page };
}

/**
 * Waits until the ask screen's language model is loaded (the first visit fetches and compiles about
 * 16 MB; a busy machine takes a while): a question typed before that waits for it anyway.
 */
export async function modelReady(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.locator('[data-model="ready"]').waitFor({ timeout: timeoutMs });
}

export interface Received {
  topic: string;
  type: string;
  body: Record<string, unknown>;
}

/** A staff console: online (retained), listening on its down topic, recording what arrives. */
export class StaffClient {
  readonly received: Received[] = [];
  private seq = 0;
  private constructor(
    readonly client: MqttClient,
    readonly id: string,
  ) {
    client.on('message', (topic, payload) => {
      const json = JSON.parse(payload.toString('utf8')) as { type: string; body: Record<string, unknown> };
      this.received.push({ topic, type: json.type, body: json.body });
    });
  }

  static async connect(url: string, id: string, password: string): Promise<StaffClient> {
    const client = mqtt.connect(url, {
      clientId: `${id}.e2e`,
      username: id,
      password,
      clean: true,
      protocolVersion: 4,
      reconnectPeriod: 500,
      will: { topic: `fd/v1/staff/${id}/status`, payload: '{"v":1,"state":"offline"}', qos: 1, retain: true },
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    const staff = new StaffClient(client, id);
    await client.subscribeAsync([`fd/v1/staff/${id}/down`, `fd/v1/staff/${id}/error`], { qos: 1 });
    const online = () =>
      client.publishAsync(`fd/v1/staff/${id}/status`, '{"v":1,"state":"online"}', { qos: 1, retain: true });
    await online();
    // After a server restart the console says it is online again, as a real one does on reconnect.
    client.on('connect', () => void online());
    return staff;
  }

  async send(type: string, body: object): Promise<string> {
    const id = `${this.id}-e2e-${Date.now()}-${this.seq++}`;
    const message = { v: 1, id, type, from: this.id, ts: Date.now(), body };
    await this.client.publishAsync(`fd/v1/staff/${this.id}/up`, JSON.stringify(message), { qos: 1 });
    return id;
  }

  async waitFor(
    predicate: (m: Received) => boolean,
    timeoutMs = 10_000,
    what = 'a message',
  ): Promise<Received> {
    let found: Received | undefined;
    await waitUntil(() => (found = this.received.find(predicate)) !== undefined, timeoutMs, what);
    return found!;
  }

  async close(): Promise<void> {
    await this.client.publishAsync(`fd/v1/staff/${this.id}/status`, '{"v":1,"state":"offline"}', {
      qos: 1,
      retain: true,
    });
    await this.client.endAsync(true);
  }
}

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Runs axe-core in the page; returns the violations in a readable form (empty is the goal). */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return (violations as AxeViolation[]).map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
  );
}

/** Touch targets smaller than `minPx` CSS pixels on either side (buttons, inputs, selects). */
export async function smallTargets(page: Page, minPx = 48): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const el of document.querySelectorAll('button, input, select, a[href]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < min || r.height < min) small.push(`${el.outerHTML.slice(0, 80)} ${r.width}x${r.height}`);
    }
    return small;
  }, minPx);
}
