/**
 * Backup and restore of a data directory (`npm run admin -- backup` / `restore`), safe while the
 * server runs:
 * - the SQLite databases (front desk — knowledge bases included — and the simulated hotel/hospital
 *   systems) through SQLite's online backup API, a consistent copy whatever the server is writing;
 * - photos (content-addressed, written once), the installation's secrets;
 * - the embedded broker's LevelDB store (sessions, queued QoS 1 messages, retained messages): copied as
 *   files; when the server holds it open the copy is checked by opening it, as LevelDB would after a
 *   crash (a write in the last moment may be missing: clients resend what was not acknowledged).
 * A manifest lists every file with its size and SHA-256; `restore` checks them before it writes and
 * writes only into an empty data directory, then checks the database (`PRAGMA integrity_check`).
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import { Level } from 'level';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tightenModes } from '../data-dir.js';

export const MANIFEST = 'manifest.json';
const DATABASES = ['frontdesk.db', 'simulated-systems.db'] as const;
const PLAIN_FILES = ['secrets.json'] as const;
const TREES = ['photos'] as const;
const BROKER_STORE = 'mqtt';
/** A LevelDB file may vanish under a copy (compaction); the copy is tried again this many times. */
const BROKER_COPY_ATTEMPTS = 5;

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** The front-desk database's schema version (restoring into an older server is refused by it). */
  schemaVersion: number;
  /** `copied-closed`: nothing held it open; `copied-live`: copied under the running server, then checked. */
  brokerStore: 'absent' | 'copied-closed' | 'copied-live';
  rows: Record<string, number>;
  files: ManifestFile[];
}

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every regular file under `root`, as paths relative to `base`, sorted. */
function filesUnder(root: string, base: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) out.push(relative(base, path));
    }
  }
  return out.sort();
}

function copyPrivate(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true, mode: PRIVATE_DIR_MODE });
  copyFileSync(from, to);
}

/** Row counts of every table, to compare a restore with its backup. */
export function tableRows(dbFile: string): Record<string, number> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [
        t,
        db
          .prepare(`SELECT COUNT(*) FROM "${t.replaceAll('"', '""')}"`)
          .pluck()
          .get() as number,
      ]),
    );
  } finally {
    db.close();
  }
}

async function backupDatabase(from: string, to: string): Promise<void> {
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to);
  } finally {
    db.close();
  }
  // One self-contained file (no -wal/-shm beside it, even after it is opened to be read); the server
  // switches a restored database back to WAL when it opens it.
  const copy = new Database(to, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Opens a LevelDB directory and reads every entry; throws if it cannot be opened. */
async function readLevel(dir: string): Promise<number> {
  const db = new Level<string, Buffer>(dir, { valueEncoding: 'buffer', createIfMissing: false });
  await db.open();
  try {
    let n = 0;
    for await (const _ of db.keys()) n++;
    return n;
  } finally {
    await db.close();
  }
}

function isLocked(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === 'LEVEL_LOCKED' || e.cause?.code === 'LEVEL_LOCKED';
}

async function copyBrokerStore(dataDir: string, out: string): Promise<BackupManifest['brokerStore']> {
  const from = join(dataDir, BROKER_STORE);
  if (!existsSync(from)) return 'absent';
  let live = false;
  try {
    await readLevel(from);
  } catch (err) {
    if (!isLocked(err)) throw new BackupError(`the broker store cannot be read: ${(err as Error).message}`);
    live = true;
  }
  const to = join(out, BROKER_STORE);
  for (let attempt = 1; ; attempt++) {
    rmSync(to, { recursive: true, force: true });
    try {
      for (const file of filesUnder(from, from))
        if (file !== 'LOCK') copyPrivate(join(from, file), join(to, file));
      await readLevel(to);
      return live ? 'copied-live' : 'copied-closed';
    } catch (err) {
      if (attempt >= BROKER_COPY_ATTEMPTS)
        throw new BackupError(`the broker store could not be copied: ${(err as Error).message}`);
    }
  }
}

/** Writes a backup of `dataDir` into `out` (created; it must not exist or be empty). */
export async function createBackup(dataDir: string, out: string, now: Date): Promise<BackupManifest> {
  const db = join(dataDir, 'frontdesk.db');
  if (!existsSync(db)) throw new BackupError(`no data in ${dataDir}: nothing to back up`);
  if (existsSync(out) && readdirSync(out).length > 0) throw new BackupError(`${out} is not empty`);
  mkdirSync(out, { recursive: true, mode: PRIVATE_DIR_MODE });
  // The database first: every photo it refers to was written before its row, so it is copied below.
  for (const name of DATABASES)
    if (existsSync(join(dataDir, name))) await backupDatabase(join(dataDir, name), join(out, name));
  for (const name of PLAIN_FILES)
    if (existsSync(join(dataDir, name))) copyPrivate(join(dataDir, name), join(out, name));
  for (const tree of TREES)
    for (const file of filesUnder(join(dataDir, tree), dataDir))
      copyPrivate(join(dataDir, file), join(out, file));
  const brokerStore = await copyBrokerStore(dataDir, out);
  tightenModes(out);
  const files = filesUnder(out, out).map((path) => ({
    path: path.split(sep).join('/'),
    bytes: statSync(join(out, path)).size,
    sha256: sha256(join(out, path)),
  }));
  const rows = tableRows(join(out, 'frontdesk.db'));
  const manifest: BackupManifest = {
    format: 1,
    createdAt: now.toISOString(),
    schemaVersion: schemaVersionOf(join(out, 'frontdesk.db')),
    brokerStore,
    rows,
    files,
  };
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  return manifest;
}

function schemaVersionOf(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v ?? 0;
  } finally {
    db.close();
  }
}

function readManifest(from: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(from, MANIFEST), 'utf8')) as BackupManifest;
  } catch (err) {
    throw new BackupError(`${from} has no readable ${MANIFEST}: ${(err as Error).message}`);
  }
  if (manifest.format !== 1 || !Array.isArray(manifest.files))
    throw new BackupError(`${from}/${MANIFEST} is not a backup manifest this version understands`);
  return manifest;
}

/** Checks every file of the backup against its manifest; returns the problems (none: intact). */
export function verifyBackup(from: string): string[] {
  const manifest = readManifest(from);
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    if (f.path.split('/').includes('..') || f.path.startsWith('/')) {
      problems.push(`${f.path}: not a path inside the backup`);
      continue;
    }
    const file = join(from, f.path);
    if (!existsSync(file)) problems.push(`${f.path}: missing`);
    else if (statSync(file).size !== f.bytes || sha256(file) !== f.sha256)
      problems.push(`${f.path}: changed`);
  }
  for (const extra of filesUnder(from, from).map((p) => p.split(sep).join('/')))
    if (extra !== MANIFEST && !listed.has(extra)) problems.push(`${extra}: not in the manifest`);
  return problems;
}

/** Restores the backup in `from` into `dataDir`, which must be empty or absent. */
export function restoreBackup(from: string, dataDir: string): BackupManifest {
  const manifest = readManifest(from);
  const problems = verifyBackup(from);
  if (problems.length > 0) throw new BackupError(`the backup is damaged: ${problems.join('; ')}`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new BackupError(`${dataDir} is not empty: restore only into an empty data directory`);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const f of manifest.files) copyPrivate(join(from, f.path), join(dataDir, f.path));
  tightenModes(dataDir);
  const db = new Database(join(dataDir, 'frontdesk.db'), { fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new BackupError(`the restored database fails its integrity check: ${String(check)}`);
  } finally {
    db.close();
  }
  return manifest;
}
