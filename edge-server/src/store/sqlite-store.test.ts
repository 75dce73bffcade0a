import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from './contract.js';
import { escalationFixture, kbFixture } from './fixtures.js';
import { MIGRATIONS } from './sqlite-migrations.js';
import { AUTH_FAILURE_ACTIONS } from './store.js';
import { migrate, openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdesk-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract('SqliteStore (file, WAL)', () => openSqliteStore(join(dir, `contract-${n++}.db`)));

describe('SqliteStore specifics', () => {
  it('keeps what was committed across a reopen of the file', async () => {
    const file = join(dir, 'reopen.db');
    const a = openSqliteStore(file);
    await a.escalations.put(escalationFixture());
    await a.close();
    const b = openSqliteStore(file);
    expect((await b.escalations.get('esc-1'))!.summary).toBe('客人要求人工服务');
    expect(b.schemaVersion()).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    await b.close();
  });

  it('uses WAL and applies each migration once', () => {
    const file = join(dir, 'migrate.db');
    const db = new Database(file);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(0);
    db.close();
    const store = openSqliteStore(file);
    store.close();
    const again = new Database(file);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('refuses to change or delete audit entries and escalation events (append-only)', async () => {
    const file = join(dir, 'append-only.db');
    const store = openSqliteStore(file);
    await store.audit.append({ at: 1, actor: 'a', action: 'b', subject: 'c', detail: {} });
    await store.escalations.appendEvents([
      { escalationId: 'e', kind: 'raised', at: 1, actor: 'x', data: {} },
    ]);
    await store.close();
    const db = new Database(file);
    expect(() => db.prepare('UPDATE audit_log SET actor = ?').run('forged')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM escalation_events').run()).toThrow(/append-only/);
    db.close();
  });

  it('refuses to change or delete knowledge-base versions (migration 9)', async () => {
    const file = join(dir, 'kb-versions.db');
    const store = openSqliteStore(file);
    const kb = kbFixture();
    await store.kbVersions.append({ site: kb.site, version: 1, kb, actor: 'a', reason: 'r', createdAt: 1 });
    await store.close();
    const db = new Database(file);
    expect(() => db.prepare('UPDATE kb_versions SET reason = ?').run('forged')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM kb_versions').run()).toThrow(/append-only/);
    db.close();
  });

  it('keeps the knowledge base a site had before migration 9 as its first version', async () => {
    const file = join(dir, 'kb-backfill.db');
    const db = new Database(file);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 9),
    );
    const kb = { ...kbFixture(), version: 4, updatedAt: 1234 };
    db.prepare('INSERT INTO knowledge_bases (site, version, data) VALUES (?, ?, ?)').run(
      kb.site,
      kb.version,
      JSON.stringify(kb),
    );
    db.close();
    const store = openSqliteStore(file);
    expect(await store.kbVersions.list(kb.site)).toEqual([
      { site: kb.site, version: 4, actor: 'system', reason: 'before versions were kept', createdAt: 1234 },
    ]);
    expect((await store.kbVersions.get(kb.site, 4))?.kb).toEqual(kb);
    await store.close();
  });

  it('lets only failed sign-ins a day old or more out of the audit trail (migration 5)', async () => {
    const file = join(dir, 'auth-failures.db');
    const store = openSqliteStore(file);
    const old = Date.now() - 2 * 24 * 60 * 60 * 1000;
    for (const action of AUTH_FAILURE_ACTIONS)
      await store.audit.append({ at: old, actor: 'system', action, subject: 's', detail: {} });
    await store.audit.append({ at: old, actor: 'system', action: 'staff.login', subject: 's', detail: {} });
    await store.audit.append({
      at: Date.now(),
      actor: 'system',
      action: 'auth.locked',
      subject: 's',
      detail: {},
    });
    await store.close();
    const db = new Database(file);
    // Not by action name alone: another action, or a failure under a day old, is still refused.
    expect(() => db.prepare("DELETE FROM audit_log WHERE action = 'staff.login'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE at > ?').run(old)).toThrow(/append-only/);
    expect(
      db.prepare('DELETE FROM audit_log WHERE at = ? AND action != ?').run(old, 'staff.login').changes,
    ).toBe(AUTH_FAILURE_ACTIONS.length);
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 2 });
    db.close();
  });

  it('gives old audit rows the site of their actor or subject, and none to server-level rows (migration 6)', async () => {
    const file = join(dir, 'audit-site.db');
    const db = new Database(file);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 6),
    );
    db.prepare("INSERT INTO staff (id, site, data) VALUES ('nurse', 'city-hospital', '{}')").run();
    db.prepare("INSERT INTO devices (id, site, data) VALUES ('kiosk-h', 'city-hospital', '{}')").run();
    db.prepare(
      "INSERT INTO tickets (id, site, device_id, status, created_at, data) VALUES ('tk-1', 'grand-hotel', 'k', 'open', 1, '{}')",
    ).run();
    db.prepare(`INSERT INTO photos (id, data) VALUES ('p1', '{"site":"grand-hotel"}')`).run();
    const insert = db.prepare(
      "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (1, ?, 'x', ?, '{}')",
    );
    for (const [actor, subject] of [
      ['staff:nurse', 'staff:nurse'],
      ['device:kiosk-h', 'escalation:gone'],
      ['staff:gone', 'ticket:tk-1'],
      ['staff:gone', 'photo:p1'],
      ['system', 'principal:nurse'],
      ['system', 'address:10.0.0.7'],
      ['system', 'store'],
    ])
      insert.run(actor, subject);
    expect(migrate(db)).toBe(MIGRATIONS.length - 5);
    db.close();
    const store = openSqliteStore(file);
    expect((await store.audit.list()).map((e) => e.site)).toEqual([
      'city-hospital',
      'city-hospital',
      'grand-hotel',
      'grand-hotel',
      'city-hospital',
      null,
      null,
    ]);
    expect((await store.audit.list({ site: 'grand-hotel' })).map((e) => e.subject)).toEqual([
      'ticket:tk-1',
      'photo:p1',
    ]);
    await store.close();
  });
});
