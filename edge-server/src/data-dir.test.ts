import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preparePrivateDir, privateFile } from './data-dir.js';

const mode = (p: string) => statSync(p).mode & 0o777;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('data directory modes', () => {
  it('tightens a data directory written by an older version: folders 0700, files 0600', () => {
    const outside = mkdtempSync(join(tmpdir(), 'frontdesk-old-'));
    dirs.push(outside);
    const data = join(outside, 'data');
    mkdirSync(join(data, 'mqtt'), { recursive: true, mode: 0o755 });
    mkdirSync(join(data, 'photos'), { mode: 0o755 });
    chmodSync(data, 0o755);
    for (const f of ['frontdesk.db', 'frontdesk.db-wal', 'mqtt/000003.log', 'photos/abc']) {
      writeFileSync(join(data, f), 'x', { mode: 0o644 });
    }
    const shared = join(outside, 'shared.txt');
    writeFileSync(shared, 'x', { mode: 0o644 });
    symlinkSync(shared, join(data, 'link'));

    expect(preparePrivateDir(data)).toBe(7);
    for (const d of ['', 'mqtt', 'photos']) expect(mode(join(data, d))).toBe(0o700);
    for (const f of ['frontdesk.db', 'frontdesk.db-wal', 'mqtt/000003.log', 'photos/abc']) {
      expect(mode(join(data, f))).toBe(0o600);
    }
    // A link is not followed: what it points to outside DATA_DIR is not ours to change.
    expect(mode(shared)).toBe(0o644);
    expect(preparePrivateDir(data)).toBe(0);
  });

  it('creates a missing data directory 0700 and a database file 0600', () => {
    const outside = mkdtempSync(join(tmpdir(), 'frontdesk-new-'));
    dirs.push(outside);
    const data = join(outside, 'a', 'data');
    preparePrivateDir(data);
    expect(mode(data)).toBe(0o700);
    const db = privateFile(join(data, 'frontdesk.db'));
    expect(mode(db)).toBe(0o600);
    expect(statSync(db).size).toBe(0);
  });
});
