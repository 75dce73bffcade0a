/**
 * DATA_DIR holds personal data (the database, the broker's queued messages, photos of faults and
 * documents) and the installation's secrets: only the server's own user may read it. Directories
 * are 0700 and files 0600, set explicitly where they are created and, for a data directory written by
 * an older version (0755/0644 under the usual umask 022), fixed on every start.
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Files and folders visited when tightening modes: far above a real data directory (photos included). */
const MAX_ENTRIES = 1_000_000;

/** The process umask for a server that only ever writes private files (set in `main.ts`). */
export const PRIVATE_UMASK = 0o077;

/** Creates `dir` (0700) if missing and tightens what is already in it. Returns how many modes changed. */
export function preparePrivateDir(dir: string): number {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return tightenModes(dir);
}

/**
 * Creates `file` empty with mode 0600 if it does not exist (and returns its path). SQLite gives its -wal and -shm files the
 * mode of the database file, so a database created this way keeps all three private.
 */
export function privateFile(file: string): string {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
  return file;
}

/** Directories 0700, regular files 0600, under and including `root`; symbolic links are not followed. */
export function tightenModes(root: string): number {
  let changed = 0;
  let visited = 0;
  const stack = [root];
  while (stack.length > 0 && visited < MAX_ENTRIES) {
    const path = stack.pop() as string;
    visited++;
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) continue;
    const want = st.isDirectory() ? PRIVATE_DIR_MODE : st.isFile() ? PRIVATE_FILE_MODE : null;
    if (want !== null && (st.mode & 0o777) !== want) {
      chmodSync(path, want);
      changed++;
    }
    if (st.isDirectory()) for (const name of readdirSync(path)) stack.push(join(path, name));
  }
  return changed;
}
