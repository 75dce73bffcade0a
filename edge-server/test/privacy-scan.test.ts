/**
 * The privacy scan. The real server (`src/main.ts` in its own process, as `npm start` runs it, so its
 * umask counts) on a temporary DATA_DIR, its log captured; the flows that carry ID and phone numbers
 * driven over MQTT and HTTP: a hotel check-in with an ID number, a hospital appointment found by ID,
 * a conversation turn, an escalation and a chat whose text holds a number in every form found on the
 * running server, failed staff logins whose id is a phone or ID number. Then every place the server
 * keeps data is scanned: each table of the database, the raw bytes of every file under DATA_DIR (the
 * database with its -wal and -shm, the broker's LevelDB files, photos, secrets) while it runs and after
 * it stops, and the log. No unmasked ID or mobile number may be found, however it is written.
 *
 * The scan normalises what it reads as the masking does (NFKC, format characters dropped, separators
 * between digits removed) and then looks for the numbers this test sent. A generic pattern (any 11 or
 * 18 digits) would flag the random UUIDs the server stores one run in a hundred.
 *
 * Not scanned: `simulated-systems.db`, which stands for the hotel's PMS and the hospital's system,
 * outside the front desk: it holds the demo bookings' phone numbers and patients' ID numbers by design.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  SERVER_DIR,
  env,
  freePort,
  kioskOnline,
  staffOnline,
  staffToken,
  waitUntil,
  TestClient,
} from './harness.js';

const IDS = ['11010519491231002X', '310115198503151230', '440304199007084564', '510107201805207895'];
const MOBILES = ['13912345678', '15812345678', '13512345678'];

/** Every way a number got past the masking on the running server. */
const FORMS = [
  '身份证 110105 19491231 002X',
  '手机１３９１２３４５６７８',
  ...['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'].map((zw) => `139${zw}1234${zw}5678`),
  'call 135.1234.5678',
  'ID 440304-19900708-4564',
  'tel15812345678',
  'ID510107201805207895',
  '+86 139 1234 5678',
];
const TEXT = FORMS.join('；');

const FORMAT_CHARS = /[\p{Cf}\p{Mn}\p{Me}]/gu;
const JOINED = /(?<=\d)[ .\-\u2010-\u2015\u2212]{1,3}(?=\d)/g;

/** The personal numbers this test sent that `raw` still contains, in any of the forms above. */
function leaks(raw: string): string[] {
  const text = raw.normalize('NFKC').replace(FORMAT_CHARS, '').replace(JOINED, '').toUpperCase();
  return [...IDS, ...MOBILES].filter((n) => text.includes(n));
}

/** A file may go between the listing and the read (LevelDB drops compacted tables): it holds nothing then. */
function readIfThere(file: string): Buffer | null {
  try {
    return statSync(file).isFile() ? readFileSync(file) : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Raw bytes of every file under DATA_DIR but the simulated external systems: found leaks by file. */
function scanFiles(dataDir: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const name of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
    if (name.startsWith('simulated-systems.db')) continue;
    const hits = leaks(readIfThere(join(dataDir, name))?.toString('utf8') ?? '');
    if (hits.length > 0) found[name] = hits;
  }
  return found;
}

/** Every row of every table, as JSON: found leaks by table. */
function scanTables(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
      name: string;
    }>;
    const found: Record<string, string[]> = {};
    for (const { name } of tables) {
      const hits = leaks(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()));
      if (hits.length > 0) found[name] = hits;
    }
    return found;
  } finally {
    db.close();
  }
}

async function healthy(httpUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${httpUrl}/healthz`)).ok;
  } catch {
    return false;
  }
}

/** Publishes a request and waits for its reply (`requestId`) or its ack (`ref`). */
async function send(c: TestClient, from: string, type: string, body: object, reply?: string) {
  const msg = env(from, type, reply ? { requestId: `r-${Math.random()}`.replace('.', ''), ...body } : body);
  await c.publish(`fd/v1/device/${from}/up`, msg);
  const got = await c.waitFor(
    (m) =>
      reply
        ? m.json.type === reply && m.json.body.requestId === (msg.body as { requestId: string }).requestId
        : m.json.type === 'ack' && m.json.body.ref === msg.id,
    20_000,
    `${reply ?? 'ack'} for ${type}`,
  );
  return got.json.body;
}

/** `src/main.ts` in its own process, as `npm start` runs it (so its umask counts), its output to `logFile`. */
async function startServerProcess(dataDir: string, logFile: string) {
  const [httpPort, mqttPort] = [await freePort(), await freePort()];
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const out = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@frontdesk/source', 'src/main.ts'],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        INIT_CWD: SERVER_DIR,
        PORT: String(httpPort),
        MQTT_PORT: String(mqttPort),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
        DEMO: '1',
        MQTT_STORE_COMPACT_MS: '300',
      },
      stdio: ['ignore', out, out],
    },
  );
  await waitUntil(() => healthy(httpUrl), 30_000, 'the server to start');
  return { child, httpUrl, mqttUrl: `mqtt://127.0.0.1:${mqttPort}` };
}

/** An escalation raised before her presence is known would wait for the supervisor's level instead. */
async function untilOnline(httpUrl: string, staffId: string): Promise<void> {
  const token = await staffToken(httpUrl, DEMO.hotelSupervisor.id, DEMO.hotelSupervisor.password);
  await waitUntil(
    async () => {
      const res = await fetch(`${httpUrl}/api/queue`, { headers: { authorization: `Bearer ${token}` } });
      const queue = (await res.json()) as { staff: Array<{ id: string; online: boolean }> };
      return queue.staff.some((m) => m.id === staffId && m.online);
    },
    20_000,
    `${staffId} to be online`,
  );
}

/** Check-in with an ID, an appointment found by ID, a turn, an escalation offered to staff, a chat. */
async function driveJourneys(hotel: TestClient, clinic: TestClient, staff: TestClient): Promise<void> {
  const k = DEMO.kiosk.id;
  const checkin = await send(
    hotel,
    k,
    'checkin.complete',
    { bookingId: 'bk-1001', guest: { name: '王芳', document: 'resident_id', number: IDS[0] } },
    'checkin.completed',
  );
  expect(checkin).toMatchObject({ problem: null, room: { number: '801' } });
  const found = await send(
    clinic,
    DEMO.hospitalKiosk.id,
    'appointment.find',
    { by: { method: 'resident_id', number: IDS[1] } },
    'appointment.found',
  );
  expect(found).toMatchObject({ appointments: [{ id: 'apt-2002' }] });
  const turn = { role: 'guest', text: TEXT, at: Date.now() };
  await send(hotel, k, 'conversation.turn', { conversationId: 'conv-p', turn, answered: false, lang: 'zh' });
  await send(hotel, k, 'escalation.raise', {
    escalationId: 'esc-p',
    conversationId: 'conv-p',
    trigger: 'asked_for_person',
    lang: 'zh',
    summary: TEXT.slice(0, 500),
    transcript: [turn],
  });
  await staff.waitFor((m) => m.json.type === 'escalation.offered', 20_000, 'the offer to staff');
  await send(hotel, k, 'chat.send', { escalationId: 'esc-p', text: TEXT });
}

/**
 * Refused staff logins (the phone-number id five times, so its lockout is audited with the id typed)
 * and MQTT logins (logged with username and client id).
 */
async function refusedLogins(httpUrl: string, mqttUrl: string): Promise<void> {
  const phoneId = Array.from({ length: 5 }, () => '13912345678');
  for (const id of [...phoneId, IDS[0], '１３９１２３４５６７８', '139 1234 5678']) {
    const res = await fetch(`${httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, password: 'wrong-password' }),
    });
    expect(res.status).toBe(401);
  }
  for (const username of ['１３９１２３４５６７８', 'ID510107201805207895']) {
    await TestClient.connect(mqttUrl, username, 'wrong-password', { clientId: 'tel15812345678' }).then(
      (c) => c.close(),
      () => undefined,
    );
  }
}

/** Entries under `dir` (and `dir` itself) whose mode is not 0700 for a folder, 0600 for a file. */
function notPrivate(dir: string): string[] {
  return ['', ...readdirSync(dir, { recursive: true, encoding: 'utf8' })].flatMap((name) => {
    const st = statSync(join(dir, name));
    const mode = (st.mode & 0o777).toString(8);
    return mode === (st.isDirectory() ? '700' : '600') ? [] : [`${name || '.'} ${mode}`];
  });
}

describe('privacy scan', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-privacy-'));
  const logDir = mkdtempSync(join(tmpdir(), 'frontdesk-privacy-log-'));
  const logFile = join(logDir, 'server.log');
  let child: ChildProcess | null = null;
  const clients: TestClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(logDir, { recursive: true, force: true });
  });

  it(
    'finds no unmasked ID or mobile number in the database, the broker store, the files or the log',
    { timeout: 120_000 },
    async () => {
      const server = await startServerProcess(dataDir, logFile);
      child = server.child;
      const hotel = await kioskOnline(server.mqttUrl, DEMO.kiosk);
      const clinic = await kioskOnline(server.mqttUrl, DEMO.hospitalKiosk);
      const liNa = await staffOnline(server.mqttUrl, DEMO.frontDesk);
      clients.push(hotel, clinic, liNa);
      await untilOnline(server.httpUrl, DEMO.frontDesk.id);
      await driveJourneys(hotel, clinic, liNa);
      await refusedLogins(server.httpUrl, server.mqttUrl);

      // While it runs: the broker's acknowledged messages leave its files within the compaction interval.
      const mqttDir = join(dataDir, 'mqtt');
      await waitUntil(
        () => Object.keys(scanFiles(mqttDir)).length === 0,
        10_000,
        'the broker store to drop acknowledged payloads',
      ).catch(() => undefined);
      expect(scanFiles(mqttDir)).toEqual({});
      expect(scanFiles(dataDir)).toEqual({});

      await Promise.all(clients.splice(0).map((c) => c.close()));
      child.kill('SIGTERM');
      await waitUntil(
        () => child?.exitCode !== null || child.signalCode !== null,
        15_000,
        'the server to stop',
      );

      const db = join(dataDir, 'frontdesk.db');
      const audit = new Database(db, { readonly: true });
      const entries = audit.prepare('SELECT actor, subject, detail FROM audit_log').all();
      audit.close();
      expect(JSON.stringify(entries)).toContain('principal:139****5678');
      expect(scanTables(db)).toEqual({});
      expect(scanFiles(dataDir)).toEqual({});
      const log = readFileSync(logFile, 'utf8');
      expect(log).toContain('checkin.complete');
      expect(log).toContain('MQTT authentication failed');
      expect(leaks(log)).toEqual([]);
      // And all of it private to the server's user.
      expect(notPrivate(dataDir)).toEqual([]);
    },
  );
});
