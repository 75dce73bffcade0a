/**
 * `npm run admin -- …` on a real data directory: what it creates works at once with the server.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_DIR, TestClient, startTestServer, type TestServer } from './harness.js';

const run = promisify(execFile);

describe('admin CLI', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded');
  });
  afterAll(async () => t?.close());

  const admin = (...args: string[]) =>
    run(
      process.execPath,
      ['--import', 'tsx', '--conditions=@frontdesk/source', 'src/cli/admin.ts', ...args],
      {
        cwd: SERVER_DIR,
        env: { ...process.env, DATA_DIR: t.dataDir, INIT_CWD: SERVER_DIR },
        timeout: 30_000,
      },
    );

  it('registers a kiosk whose printed credentials connect, then revokes it: live connection closed at once', async () => {
    const { stdout } = await admin(
      'device:register',
      '--id',
      'kiosk-test-1',
      '--site',
      'grand-hotel',
      '--place',
      'h-lobby-kiosk',
    );
    const creds = JSON.parse(stdout) as { mqttUsername: string; mqttPassword: string };
    const c = await TestClient.connect(t.mqttUrl, creds.mqttUsername, creds.mqttPassword);
    const closed = new Promise<void>((resolve) => c.client.once('close', () => resolve()));
    // Through the running server: the live connection is closed at once.
    const revoked = await admin(
      'device:revoke',
      '--id',
      'kiosk-test-1',
      '--admin',
      'sun-li',
      '--password',
      'demo-admin-1',
      '--url',
      t.httpUrl,
    );
    expect(revoked.stdout).toContain('1 live connection(s) closed');
    await closed;
    await c.close();
    await expect(TestClient.connect(t.mqttUrl, creds.mqttUsername, creds.mqttPassword)).rejects.toThrow();

    // On the data directory alone: refused from the next connection on.
    await admin('device:revoke', '--id', 'kiosk-hospital-2f');
    await expect(TestClient.connect(t.mqttUrl, 'kiosk-hospital-2f', 'demo-kiosk-secret-3')).rejects.toThrow();
  });

  it('creates staff who can sign in, and refuses bad arguments with a clear message', async () => {
    const { stdout } = await admin(
      'staff:create',
      '--id',
      'test-clerk',
      '--name',
      '测试',
      '--site',
      'grand-hotel',
      '--skills',
      'front_desk,security',
    );
    const { password } = JSON.parse(stdout) as { password: string };
    const res = await fetch(`${t.httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'test-clerk', password }),
    });
    expect(res.status).toBe(200);
    await expect(
      admin('staff:create', '--id', 'x', '--name', 'y', '--site', 'grand-hotel', '--skills', 'juggling'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown skill juggling'),
    });
    await expect(
      admin('staff:create', '--id', 'test-clerk', '--name', 'again', '--site', 'grand-hotel'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('already taken'),
    });
  });

  it('exports a knowledge base and lists the queues', async () => {
    const { stdout } = await admin('kb:export', '--site', 'city-hospital');
    const kb = JSON.parse(stdout) as { site: string; places: unknown[] };
    expect(kb.site).toBe('city-hospital');
    expect(kb.places.length).toBeGreaterThan(20);
    const queues = JSON.parse((await admin('queues', '--site', 'grand-hotel')).stdout) as {
      staff: unknown[];
    };
    expect(queues.staff.length).toBeGreaterThan(0);
  });
});
