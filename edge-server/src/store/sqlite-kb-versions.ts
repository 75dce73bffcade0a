import type Database from 'better-sqlite3';
import type { KnowledgeBase } from '@frontdesk/protocol';
import type { KnowledgeBaseVersionStore } from './store.js';

type Row = Record<string, unknown>;

/** Every published knowledge base, by site and version (append-only, migration 9). */
export function kbVersionStore(db: Database.Database): KnowledgeBaseVersionStore {
  const stmt = (sql: string) => db.prepare(sql);
  const summary = (r: Row) => ({
    site: r.site as string,
    version: r.version as number,
    actor: r.actor as string,
    reason: r.reason as string,
    createdAt: r.created_at as number,
  });
  return {
    async append(v) {
      stmt(
        'INSERT INTO kb_versions (site, version, data, actor, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(v.site, v.version, JSON.stringify(v.kb), v.actor, v.reason, v.createdAt);
    },
    async get(site, version) {
      const row = stmt('SELECT * FROM kb_versions WHERE site = ? AND version = ?').get(site, version) as
        Row | undefined;
      return row ? { ...summary(row), kb: JSON.parse(row.data as string) as KnowledgeBase } : null;
    },
    list: async (site, limit = 1000) =>
      (
        stmt(
          'SELECT site, version, actor, reason, created_at FROM kb_versions WHERE site = ? ORDER BY version DESC LIMIT ?',
        ).all(site, limit) as Row[]
      ).map(summary),
  };
}
