/**
 * Test harness: real servers, real brokers, real clients on loopback. Every process a test starts is
 * ended by its PID; every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { generateSecret, mosquittoHash } from '../src/auth/secrets.js';
import { mosquittoFiles } from '../src/broker/mosquitto-config.js';
import { loadConfig } from '../src/config.js';
import { loadDemoData } from '../src/demo.js';
import { startServer, type RunningServer } from '../src/server.js';

export const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `frontdesk-${prefix}-`));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface Received {
  topic: string;
  json: { type: string; body: Record<string, unknown>; [k: string]: unknown };
}

/** An MQTT client that records everything it receives, with bounded waits on it. */
export class TestClient {
  readonly received: Received[] = [];
  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload) => {
      try {
        this.received.push({ topic, json: JSON.parse(payload.toString('utf8')) as Received['json'] });
      } catch {
        // Only JSON is expected from the server; anything else fails the waits below.
      }
    });
  }

  static async connect(
    url: string,
    username: string,
    password: string,
    options: mqtt.IClientOptions = {},
  ): Promise<TestClient> {
    const client = mqtt.connect(url, {
      username,
      password,
      clientId: username,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...options,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
      client.once('close', () => reject(new Error(`connection closed for ${username}`)));
    });
    return new TestClient(client);
  }

  /** The granted QoS per filter; 128 is a refusal. */
  async subscribe(...topics: string[]): Promise<number[]> {
    try {
      const granted = await this.client.subscribeAsync(topics, { qos: 1 });
      return granted.map((g) => g.qos);
    } catch (err) {
      // mqtt.js turns a refused filter into an error that still carries the SUBACK.
      const granted = (err as { packet?: { granted?: Array<number | { qos: number }> } }).packet?.granted;
      if (!granted) throw err;
      return granted.map((g) => (typeof g === 'number' ? g : g.qos));
    }
  }

  async publish(
    topic: string,
    payload: string | Buffer | object,
    options: { retain?: boolean } = {},
  ): Promise<void> {
    const data = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    await this.client.publishAsync(topic, data, { qos: 1, retain: options.retain ?? false });
  }

  async waitFor(
    predicate: (m: Received) => boolean,
    timeoutMs = 5000,
    what = 'a message',
  ): Promise<Received> {
    let found: Received | undefined;
    await waitUntil(() => (found = this.received.find(predicate)) !== undefined, timeoutMs, what);
    return found!;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

let seq = 0;
/** A valid envelope from `from`. */
export function env(
  from: string,
  type: string,
  body: object,
  id = `t-${process.pid}-${Date.now()}-${seq++}`,
) {
  return { v: 1, id, type, from, ts: Date.now(), body };
}

export const DEMO = {
  kiosk: { id: 'kiosk-hotel-lobby', secret: 'demo-kiosk-secret-1' },
  hospitalKiosk: { id: 'kiosk-hospital-main', secret: 'demo-kiosk-secret-2' },
  frontDesk: { id: 'li-na', password: 'demo-front-1' },
  frontDesk2: { id: 'wang-wei', password: 'demo-front-2' },
  hotelSupervisor: { id: 'zhao-lei', password: 'demo-super-1' },
  hotelAdmin: { id: 'sun-li', password: 'demo-admin-1' },
  nurse: { id: 'zhou-jing', password: 'demo-nurse-1' },
  hospitalSupervisor: { id: 'lin-fang', password: 'demo-super-2' },
};

export interface Mosquitto {
  url: string;
  port: number;
  serverPassword: string;
  stop(): Promise<void>;
}

/**
 * A real Mosquitto (Debian's, installed by .ci/run) on a free loopback port, configured by the same
 * generator as `npm run admin -- mosquitto:config`, with the demo credentials.
 */
export async function startMosquitto(dir: string): Promise<Mosquitto> {
  const demo = await loadDemoData();
  const port = await freePort();
  const serverPassword = generateSecret();
  const now = Date.now();
  const files = mosquittoFiles({
    serverHash: mosquittoHash(serverPassword),
    devices: demo.devices.map((d) => ({
      id: d.id,
      site: d.site,
      kind: 'kiosk' as const,
      name: d.name,
      place: d.place,
      secretHash: '',
      brokerHash: mosquittoHash(d.secret),
      expiresAt: null,
      revoked: false,
      createdAt: now,
    })),
    staff: demo.staff.map((s) => ({
      id: s.id,
      site: s.site,
      name: s.name,
      role: s.role,
      skills: s.skills,
      passwordHash: '',
      brokerHash: mosquittoHash(s.password),
      disabled: false,
      createdAt: now,
    })),
    port,
    dataDir: dir,
    passwdPath: join(dir, 'passwd'),
    aclPath: join(dir, 'acl'),
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'passwd'), files.passwd, { mode: 0o600 });
  writeFileSync(join(dir, 'acl'), files.acl);
  // Running as root (CI), Mosquitto would switch to its own user, which cannot read a 0600 file here.
  const conf =
    files.conf + (process.getuid?.() === 0 ? 'user root\n' : '') + 'log_type error\nlog_type warning\n';
  writeFileSync(join(dir, 'mosquitto.conf'), conf);
  const child: ChildProcess = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `mqtt://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`mosquitto exited: ${stderr}`);
      try {
        const c = await TestClient.connect(url, 'edge-server', serverPassword, { clientId: `probe-${port}` });
        await c.close();
        return true;
      } catch {
        return false;
      }
    },
    10_000,
    'mosquitto to accept connections',
  );
  return {
    url,
    port,
    serverPassword,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await waitUntil(
          () => child.exitCode !== null || child.signalCode !== null,
          5000,
          'mosquitto to stop',
        );
      }
    },
  };
}

export type Mode = 'embedded' | 'external';

export interface TestServer {
  server: RunningServer;
  dataDir: string;
  mqttUrl: string;
  httpUrl: string;
  mosquitto: Mosquitto | null;
  close(): Promise<void>;
}

/**
 * The real server in-process, with the demo data, on free loopback ports. `options.logger` replaces
 * the silent one (a test that reads the log lines passes a logger with its own destination).
 */
export async function startTestServer(
  mode: Mode,
  env: Record<string, string> = {},
  dataDir = tempDir('server'),
  options: { logger?: Logger } = {},
): Promise<TestServer> {
  const mosquitto = mode === 'external' ? await startMosquitto(join(dataDir, 'mosquitto')) : null;
  const config = loadConfig({
    PORT: '0',
    MQTT_PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DEMO: '1',
    ...(mosquitto ? { MQTT_URL: mosquitto.url, MQTT_PASSWORD: mosquitto.serverPassword } : {}),
    ...env,
  });
  const server = await startServer(config, options);
  return {
    server,
    dataDir,
    mqttUrl: server.mqttUrl,
    httpUrl: server.httpUrl,
    mosquitto,
    async close() {
      await server.close();
      await mosquitto?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in over HTTP and returns the staff bearer token. */
export async function staffToken(httpUrl: string, id: string, password: string): Promise<string> {
  const res = await fetch(`${httpUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, password }),
  });
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** A member of staff, online on the console: presence published, down and error topics read. */
export async function staffOnline(url: string, who: { id: string; password: string }): Promise<TestClient> {
  const c = await TestClient.connect(url, who.id, who.password);
  await c.subscribe(`fd/v1/staff/${who.id}/down`, `fd/v1/staff/${who.id}/error`);
  await c.publish(`fd/v1/staff/${who.id}/status`, { v: 1, state: 'online' }, { retain: true });
  return c;
}

export async function kioskOnline(url: string, who: { id: string; secret: string }): Promise<TestClient> {
  const c = await TestClient.connect(url, who.id, who.secret);
  await c.subscribe(`fd/v1/device/${who.id}/down`, `fd/v1/device/${who.id}/error`);
  return c;
}

/** The real server as a child process (`src/main.ts`), its output appended to `logFile`: to SIGKILL it. */
export function startChild(envVars: Record<string, string>, logFile: string): ChildProcess {
  const out = openSync(logFile, 'a');
  return spawn(process.execPath, ['--import', 'tsx', '--conditions=@frontdesk/source', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...envVars, INIT_CWD: SERVER_DIR },
    stdio: ['ignore', out, out],
  });
}

export async function healthy(httpUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${httpUrl}/healthz`);
    return res.ok && ((await res.json()) as { status: string }).status === 'ok';
  } catch {
    return false;
  }
}
