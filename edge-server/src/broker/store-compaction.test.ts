import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from 'level';
import { afterEach, describe, expect, it } from 'vitest';
import { compactWholeStore, scheduleCompaction, type CompactableDb } from './store-compaction.js';

const ID = '11010519491231002X';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every byte LevelDB keeps on disk, as latin1 text to search. */
function rawFiles(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

/** A database in the state aedes leaves an acknowledged QoS 1 message in: written, then deleted. */
async function withDeletedPayload(): Promise<{ dir: string; db: Level<string, Buffer> }> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-level-'));
  dirs.push(dir);
  const db = new Level<string, Buffer>(dir, { valueEncoding: 'buffer' });
  await db.put('sub:kiosk', Buffer.from('{"topic":"fd/v1/device/+/up"}'));
  const payload = Buffer.from(JSON.stringify({ type: 'checkin.complete', body: { number: ID } }));
  await db.put('outgoing:edge-server:b1:1', payload);
  await db.del('outgoing:edge-server:b1:1');
  return { dir, db };
}

describe('broker store compaction', () => {
  it('a deleted payload is still in the files until a compaction (what it is for)', async () => {
    const { dir, db } = await withDeletedPayload();
    await db.close();
    expect(rawFiles(dir)).toContain(ID);
  });

  it('removes a deleted payload from every file, in a fresh database and in one with older tables', async () => {
    const { dir, db } = await withDeletedPayload();
    await compactWholeStore(db as unknown as CompactableDb);
    expect(rawFiles(dir)).not.toContain(ID);
    // Again, now that the database has tables at a deeper level.
    await db.put('outgoing:edge-server:b1:2', Buffer.from(`{"number":"${ID}"}`));
    await db.del('outgoing:edge-server:b1:2');
    await compactWholeStore(db as unknown as CompactableDb);
    expect(rawFiles(dir)).not.toContain(ID);
    expect((await db.get('sub:kiosk'))?.toString()).toContain('fd/v1/device');
    await db.close();
    expect(rawFiles(dir)).not.toContain(ID);
  });

  it('compacts on its timer after traffic, and once more when closed', async () => {
    const { dir, db } = await withDeletedPayload();
    const errors: unknown[] = [];
    const compaction = scheduleCompaction(db as unknown as CompactableDb, 50, (e) => errors.push(e));
    const deadline = Date.now() + 5000;
    while (rawFiles(dir).includes(ID) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(rawFiles(dir)).not.toContain(ID);
    await db.put('outgoing:edge-server:b1:3', Buffer.from(ID));
    await db.del('outgoing:edge-server:b1:3');
    compaction.touched();
    await compaction.close();
    expect(rawFiles(dir)).not.toContain(ID);
    expect(errors).toEqual([]);
    await db.close();
  });
});
