import type Database from 'better-sqlite3';
import type { RevokedTokenStore } from './store.js';

/** Revoked staff session tokens in SQLite (migration 8). */
export function sqliteRevokedTokens(db: Database.Database): RevokedTokenStore {
  const stmt = (sql: string) => db.prepare(sql);
  return {
    async revoke(r) {
      stmt(
        `INSERT INTO revoked_tokens (token_hash, staff_id, revoked_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (token_hash) DO UPDATE SET revoked_at = MIN(revoked_at, excluded.revoked_at)`,
      ).run(r.tokenHash, r.staffId, r.revokedAt, r.expiresAt);
    },
    async revokedAt(tokenHash) {
      const row = stmt('SELECT revoked_at FROM revoked_tokens WHERE token_hash = ?').get(tokenHash) as
        { revoked_at: number } | undefined;
      return row?.revoked_at ?? null;
    },
    async deleteExpiredBefore(before) {
      return stmt('DELETE FROM revoked_tokens WHERE expires_at < ?').run(before).changes;
    },
  };
}
