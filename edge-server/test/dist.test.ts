/**
 * The deployable server: `npm run build` compiles it (and the workspaces it imports) with tsc, and
 * `npm start` runs the JavaScript in dist/ with plain Node. Node 20 cannot load a .ts file, so if any
 * import still resolved to a workspace's TypeScript source the child would not start; the intent
 * model (an ONNX file the models package finds next to its own code) must resolve from dist too.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, SERVER_DIR, freePort, healthy, tempDir, waitUntil } from './harness.js';

const BUILD_TIMEOUT_MS = 180_000;
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const MAIN = join(SERVER_DIR, 'dist/main.js');

/** The environment without anything that would let Node pick the sources (a --conditions flag). */
function plainNodeEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _ignored, ...rest } = process.env;
  return { ...rest, ...extra, INIT_CWD: SERVER_DIR };
}

describe('the built server (node dist/main.js)', () => {
  const dataDir = tempDir('dist');
  let child: ChildProcess | null = null;
  let httpUrl = '';

  beforeAll(async () => {
    // Incremental: quick when dist/ is up to date, a full build on a fresh clone.
    await promisify(execFile)(process.execPath, [TSC, '-b', 'tsconfig.build.json'], {
      cwd: SERVER_DIR,
      timeout: BUILD_TIMEOUT_MS,
    }).catch((err: Error & { stdout?: string }) => {
      throw new Error(`tsc -b tsconfig.build.json failed:\n${err.stdout ?? ''}`, { cause: err });
    });
    const httpPort = await freePort();
    const mqttPort = await freePort();
    httpUrl = `http://127.0.0.1:${httpPort}`;
    const env = plainNodeEnv({
      PORT: String(httpPort),
      MQTT_PORT: String(mqttPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO: '1',
    });
    const out = openSync(join(dataDir, 'server.log'), 'a');
    child = spawn(process.execPath, [MAIN], { cwd: SERVER_DIR, env, stdio: ['ignore', out, out] });
    const startedOrExited = async () => (await healthy(httpUrl)) || child?.exitCode !== null;
    await waitUntil(startedOrExited, 60_000, 'the built server to start');
  }, BUILD_TIMEOUT_MS + 70_000);

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is JavaScript in dist/ that plain Node starts', async () => {
    expect(existsSync(MAIN)).toBe(true);
    const log = readFileSync(join(dataDir, 'server.log'), 'utf8');
    expect(child?.exitCode, log).toBeNull();
    const res = await fetch(`${httpUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', broker: { mode: 'embedded', connected: true } });
  });

  it('runs the intent model from the built models package', async () => {
    const res = await fetch(`${httpUrl}/api/understand`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${DEMO.kiosk.id}:${DEMO.kiosk.secret}`).toString('base64')}`,
      },
      body: JSON.stringify({ text: 'wifi密码多少' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ intent: 'wifi', action: 'answer' });
  });
});
