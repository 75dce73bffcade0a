/**
 * Issue 18: `npm run admin -- backup` while the server runs, `restore` into an empty data directory,
 * and a server started on the restored directory has the same data: tables, photos, secrets (the same
 * credentials work) and the broker's queued messages.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows, verifyBackup, type BackupManifest } from '../src/ops/backup.js';
import {
  DEMO,
  SERVER_DIR,
  TestClient,
  env,
  startTestServer,
  staffOnline,
  tempDir,
  waitUntil,
  type TestServer,
} from './harness.js';
import { basic, png } from './http-fixtures.js';

const run = promisify(execFile);
const K = DEMO.kiosk;

const admin = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', '--conditions=@frontdesk/source', 'src/cli/admin.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: SERVER_DIR },
    timeout: 60_000,
  });

describe('backup and restore (admin CLI)', () => {
  const started: TestServer[] = [];
  afterAll(async () => {
    for (const t of started) await t.close();
  });

  it('backs up a running server and restores it into an empty directory with everything in it', async () => {
    const t = await startTestServer('embedded');
    started.push(t);
    // A kiosk that keeps its session (clean: false) raises an escalation, then goes offline.
    const kiosk = await TestClient.connect(t.mqttUrl, K.id, K.secret, {
      clean: false,
      clientId: `${K.id}.bk`,
    });
    await kiosk.subscribe(`fd/v1/device/${K.id}/down`);
    const raise = env(K.id, 'escalation.raise', {
      escalationId: 'esc-backup',
      conversationId: 'conv-backup',
      trigger: 'asked_for_person',
      lang: 'zh',
      summary: '需要帮助',
    });
    await kiosk.publish(`fd/v1/device/${K.id}/up`, raise);
    await kiosk.waitFor((m) => m.json.type === 'ack' && m.json.body.ref === raise.id);
    await kiosk.close();
    // While it is away, the clerk claims it: the kiosk's update waits in the broker's store.
    const clerk = await staffOnline(t.mqttUrl, DEMO.frontDesk);
    await clerk.publish(
      `fd/v1/staff/${DEMO.frontDesk.id}/up`,
      env(DEMO.frontDesk.id, 'escalation.claim', { escalationId: 'esc-backup' }),
    );
    await waitUntil(
      async () => (await t.server.store.escalations.get('esc-backup'))?.status === 'claimed',
      5000,
      'the claim',
    );
    await clerk.close();
    const photo = await fetch(`${t.httpUrl}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: basic(K.id, K.secret) },
      body: png(),
    });
    expect(photo.status).toBe(201);
    const { photoId } = (await photo.json()) as { photoId: string };

    const out = join(tempDir('backup'), 'b1');
    const backedUp = await admin(t.dataDir, 'backup', '--out', out);
    expect(backedUp.stdout).toMatch(/broker store copied-live/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BackupManifest;
    expect(verifyBackup(out)).toEqual([]);
    expect(manifest.rows.escalations).toBeGreaterThanOrEqual(1);
    expect(manifest.rows).toEqual(tableRows(join(out, 'frontdesk.db')));
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['frontdesk.db', 'secrets.json', 'simulated-systems.db']),
    );
    const sha = createHash('sha256').update(png()).digest('hex');
    expect(manifest.files.map((f) => f.path)).toContain(`photos/${sha}`);
    expect(statSync(join(out, 'frontdesk.db')).mode & 0o777).toBe(0o600);
    await t.close();
    started.pop();

    const restoredDir = join(tempDir('restored'), 'data');
    const restored = await admin(restoredDir, 'restore', '--from', out);
    expect(restored.stdout).toMatch(/integrity check ok/);
    expect(tableRows(join(restoredDir, 'frontdesk.db'))).toEqual(manifest.rows);
    expect(readFileSync(join(restoredDir, 'secrets.json'))).toEqual(readFileSync(join(out, 'secrets.json')));

    const again = await startTestServer('embedded', {}, restoredDir);
    started.push(again);
    expect((await again.server.store.escalations.get('esc-backup'))?.status).toBe('claimed');
    // The photo is served again, to staff of the site.
    const login = await fetch(`${again.httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: DEMO.frontDesk.id, password: DEMO.frontDesk.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const served = await fetch(`${again.httpUrl}/api/photos/${photoId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png());
    // The kiosk's session came back with the broker store: the update queued while it was away arrives.
    const back = await TestClient.connect(again.mqttUrl, K.id, K.secret, {
      clean: false,
      clientId: `${K.id}.bk`,
    });
    await back.waitFor(
      (m) =>
        m.json.type === 'escalation.updated' &&
        (m.json.body.escalation as { id: string; status: string }).status === 'claimed',
      10_000,
      'the queued update',
    );
    await back.close();
  });

  it('refuses to restore a damaged backup or into a data directory that is not empty', async () => {
    const t = await startTestServer('embedded');
    started.push(t);
    const out = join(tempDir('backup'), 'b2');
    await admin(t.dataDir, 'backup', '--out', out);
    await expect(admin(t.dataDir, 'restore', '--from', out)).rejects.toMatchObject({
      stderr: expect.stringMatching(/is not empty: restore only into an empty data directory/),
    });

    const damaged = join(tempDir('backup'), 'b3');
    cpSync(out, damaged, { recursive: true });
    writeFileSync(join(damaged, 'secrets.json'), '{}');
    const target = join(tempDir('restored'), 'data');
    await expect(admin(target, 'restore', '--from', damaged)).rejects.toMatchObject({
      stderr: expect.stringMatching(/the backup is damaged: secrets\.json: changed/),
    });
    expect(existsSync(join(target, 'frontdesk.db'))).toBe(false);

    const planted = join(tempDir('backup'), 'b4');
    cpSync(out, planted, { recursive: true });
    copyFileSync(join(planted, 'secrets.json'), join(planted, 'extra.json'));
    expect(verifyBackup(planted)).toEqual(['extra.json: not in the manifest']);
    await expect(admin(t.dataDir, 'backup', '--out', out)).rejects.toMatchObject({
      stderr: expect.stringMatching(/is not empty/),
    });
  });
});
