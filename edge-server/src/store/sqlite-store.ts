import Database from 'better-sqlite3';
import type { KnowledgeBase } from '@frontdesk/protocol';
import type {
  AuditEntry,
  ChatMessage,
  Conversation,
  Device,
  Escalation,
  EscalationEvent,
  Handover,
  Photo,
  Rating,
  StaffMember,
  StaffPresence,
  Ticket,
  TicketEvent,
} from '../domain/types.js';
import { composeStore } from './compose.js';
import { MIGRATIONS, type Migration } from './sqlite-migrations.js';
import {
  AUTH_FAILURE_ACTIONS,
  type EscalationFilter,
  type ProcessedMessage,
  type Store,
  type Stores,
  type TicketFilter,
} from './store.js';

type Db = Database.Database;
type Row = Record<string, unknown>;

const json = (value: unknown) => JSON.stringify(value);
const parse = <T>(row: unknown): T => JSON.parse((row as { data: string }).data) as T;

/** `status IN (?, ?)` and friends, built from an optional filter. */
function where(clauses: Array<[string, unknown[] | unknown | undefined]>) {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of clauses) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        parts.push('1 = 0');
        continue;
      }
      parts.push(`${column} IN (${value.map(() => '?').join(', ')})`);
      params.push(...value);
    } else {
      parts.push(`${column} = ?`);
      params.push(value);
    }
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map(
      (r) => r.version,
    ),
  );
  let count = 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      );
    })();
    count++;
  }
  return count;
}

function createStores(db: Db): Stores {
  const stmt = (sql: string) => db.prepare(sql);
  return {
    escalations: {
      async get(id) {
        const row = stmt('SELECT data FROM escalations WHERE id = ?').get(id);
        return row ? parse<Escalation>(row) : null;
      },
      async put(e) {
        stmt(
          `INSERT INTO escalations (id, site, device_id, status, assignee_id, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee_id = excluded.assignee_id, data = excluded.data`,
        ).run(e.id, e.site, e.deviceId, e.status, e.assigneeId, e.createdAt, json(e));
      },
      async list(filter: EscalationFilter = {}) {
        const w = where([
          ['site', filter.site],
          ['status', filter.status],
          ['assignee_id', filter.assigneeId],
          ['device_id', filter.deviceId],
        ]);
        const rows = stmt(`SELECT data FROM escalations ${w.sql} ORDER BY created_at, id LIMIT ?`).all(
          ...w.params,
          filter.limit ?? 10_000,
        );
        return rows.map((r) => parse<Escalation>(r));
      },
      async appendEvents(events) {
        const insert = stmt(
          'INSERT INTO escalation_events (escalation_id, kind, at, actor, data) VALUES (?, ?, ?, ?, ?)',
        );
        for (const ev of events) insert.run(ev.escalationId, ev.kind, ev.at, ev.actor, json(ev.data));
      },
      async events(escalationId) {
        const rows = stmt(
          'SELECT escalation_id, kind, at, actor, data FROM escalation_events WHERE escalation_id = ? ORDER BY seq',
        ).all(escalationId) as Row[];
        return rows.map((r): EscalationEvent => ({
          escalationId: r.escalation_id as string,
          kind: r.kind as EscalationEvent['kind'],
          at: r.at as number,
          actor: r.actor as string,
          data: JSON.parse(r.data as string) as Record<string, unknown>,
        }));
      },
    },
    tickets: {
      async get(id) {
        const row = stmt('SELECT data FROM tickets WHERE id = ?').get(id);
        return row ? parse<Ticket>(row) : null;
      },
      async put(t) {
        stmt(
          `INSERT INTO tickets (id, site, device_id, status, assignee_id, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee_id = excluded.assignee_id, data = excluded.data`,
        ).run(t.id, t.site, t.deviceId, t.status, t.assigneeId, t.createdAt, json(t));
      },
      async list(filter: TicketFilter = {}) {
        const w = where([
          ['site', filter.site],
          ['status', filter.status],
          ['device_id', filter.deviceId],
          ['assignee_id', filter.assigneeId],
        ]);
        return stmt(`SELECT data FROM tickets ${w.sql} ORDER BY created_at, id LIMIT ?`)
          .all(...w.params, filter.limit ?? 10_000)
          .map((r) => parse<Ticket>(r));
      },
      async appendEvent(ev) {
        stmt(
          'INSERT INTO ticket_events (ticket_id, from_status, to_status, at, actor, note) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(ev.ticketId, ev.from, ev.to, ev.at, ev.actor, ev.note);
      },
      async events(ticketId) {
        const rows = stmt('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY seq').all(
          ticketId,
        ) as Row[];
        return rows.map((r): TicketEvent => ({
          ticketId: r.ticket_id as string,
          from: (r.from_status as TicketEvent['from']) ?? null,
          to: r.to_status as TicketEvent['to'],
          at: r.at as number,
          actor: r.actor as string,
          note: (r.note as string | null) ?? null,
        }));
      },
    },
    conversations: {
      async get(id) {
        const row = stmt('SELECT data FROM conversations WHERE id = ?').get(id);
        return row ? parse<Conversation>(row) : null;
      },
      async put(c) {
        stmt(
          `INSERT INTO conversations (id, site, device_id, updated_at, data) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data`,
        ).run(c.id, c.site, c.deviceId, c.updatedAt, json(c));
      },
      async deleteUpdatedBefore(before) {
        return stmt('DELETE FROM conversations WHERE updated_at < ?').run(before).changes;
      },
    },
    chat: {
      async append(m) {
        stmt(
          'INSERT INTO chat_messages (id, escalation_id, at, data) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(m.id, m.escalationId, m.at, json(m));
      },
      async list(escalationId) {
        return stmt('SELECT data FROM chat_messages WHERE escalation_id = ? ORDER BY seq')
          .all(escalationId)
          .map((r) => parse<ChatMessage>(r));
      },
    },
    staff: {
      async get(id) {
        const row = stmt('SELECT data FROM staff WHERE id = ?').get(id);
        return row ? parse<StaffMember>(row) : null;
      },
      async put(m) {
        stmt(
          'INSERT INTO staff (id, site, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET site = excluded.site, data = excluded.data',
        ).run(m.id, m.site, json(m));
      },
      async list(site) {
        const w = where([['site', site]]);
        return stmt(`SELECT data FROM staff ${w.sql} ORDER BY id`)
          .all(...w.params)
          .map((r) => parse<StaffMember>(r));
      },
      async getPresence(staffId) {
        const row = stmt('SELECT data FROM staff_presence WHERE staff_id = ?').get(staffId);
        return row ? parse<StaffPresence>(row) : null;
      },
      async putPresence(p) {
        stmt(
          'INSERT INTO staff_presence (staff_id, data) VALUES (?, ?) ON CONFLICT (staff_id) DO UPDATE SET data = excluded.data',
        ).run(p.staffId, json(p));
      },
      async listPresence() {
        return stmt('SELECT data FROM staff_presence ORDER BY staff_id')
          .all()
          .map((r) => parse<StaffPresence>(r));
      },
    },
    devices: {
      async get(id) {
        const row = stmt('SELECT data FROM devices WHERE id = ?').get(id);
        return row ? parse<Device>(row) : null;
      },
      async put(d) {
        stmt(
          'INSERT INTO devices (id, site, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET site = excluded.site, data = excluded.data',
        ).run(d.id, d.site, json(d));
      },
      async list(site) {
        const w = where([['site', site]]);
        return stmt(`SELECT data FROM devices ${w.sql} ORDER BY id`)
          .all(...w.params)
          .map((r) => parse<Device>(r));
      },
    },
    knowledgeBases: {
      async get(site) {
        const row = stmt('SELECT data FROM knowledge_bases WHERE site = ?').get(site);
        return row ? parse<KnowledgeBase>(row) : null;
      },
      async put(kb) {
        stmt(
          'INSERT INTO knowledge_bases (site, version, data) VALUES (?, ?, ?) ON CONFLICT (site) DO UPDATE SET version = excluded.version, data = excluded.data',
        ).run(kb.site, kb.version, json(kb));
      },
      async sites() {
        return (stmt('SELECT site FROM knowledge_bases ORDER BY site').all() as Array<{ site: string }>).map(
          (r) => r.site,
        );
      },
    },
    photos: {
      async get(id) {
        const row = stmt('SELECT data FROM photos WHERE id = ?').get(id);
        return row ? parse<Photo>(row) : null;
      },
      async put(p) {
        stmt('INSERT INTO photos (id, created_at, data) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
          p.id,
          p.createdAt,
          json(p),
        );
      },
      async listCreatedBefore(before, limit = 1000) {
        return stmt('SELECT data FROM photos WHERE created_at < ? ORDER BY created_at, id LIMIT ?')
          .all(before, limit)
          .map((r) => parse<Photo>(r));
      },
      async delete(id) {
        stmt('DELETE FROM photos WHERE id = ?').run(id);
      },
    },
    handovers: {
      async get(codeHash) {
        const row = stmt('SELECT data FROM handovers WHERE code_hash = ?').get(codeHash);
        return row ? parse<Handover>(row) : null;
      },
      async put(h) {
        stmt(
          'INSERT INTO handovers (code_hash, escalation_id, ticket_id, phone_device_id, expires_at, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code_hash) DO UPDATE SET escalation_id = excluded.escalation_id, ticket_id = excluded.ticket_id, phone_device_id = excluded.phone_device_id, expires_at = excluded.expires_at, data = excluded.data',
        ).run(h.codeHash, h.escalationId, h.ticketId, h.phoneDeviceId, h.expiresAt, json(h));
      },
      async listAttached(filter) {
        const w = where([
          ['escalation_id', filter.escalationId],
          ['ticket_id', filter.ticketId],
          ['phone_device_id', filter.phoneDeviceId],
        ]);
        const attached = w.sql
          ? `${w.sql} AND phone_device_id IS NOT NULL`
          : 'WHERE phone_device_id IS NOT NULL';
        return stmt(`SELECT data FROM handovers ${attached} ORDER BY code_hash`)
          .all(...w.params)
          .map((r) => parse<Handover>(r));
      },
      async deleteExpired(cutoffs) {
        // isHandoverPurgeable in SQL (the contract suite holds both stores to it).
        return stmt(
          'DELETE FROM handovers WHERE (phone_device_id IS NULL AND expires_at <= ?) OR (phone_device_id IS NOT NULL AND expires_at <= ?)',
        ).run(cutoffs.unattached, cutoffs.attached).changes;
      },
    },
    ratings: {
      async put(r) {
        stmt('INSERT INTO ratings (id, site, data) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
          r.id,
          r.site,
          json(r),
        );
      },
      async list(site) {
        const w = where([['site', site]]);
        return stmt(`SELECT data FROM ratings ${w.sql} ORDER BY id`)
          .all(...w.params)
          .map((r) => parse<Rating>(r));
      },
    },
    inbox: {
      async get(source, messageId) {
        const row = stmt(
          'SELECT source, message_id, entity_id, at, reply FROM processed_messages WHERE source = ? AND message_id = ?',
        ).get(source, messageId) as Row | undefined;
        return row
          ? {
              source: row.source as string,
              messageId: row.message_id as string,
              entityId: (row.entity_id as string | null) ?? null,
              at: row.at as number,
              ...(typeof row.reply === 'string'
                ? { reply: JSON.parse(row.reply) as NonNullable<ProcessedMessage['reply']> }
                : {}),
            }
          : null;
      },
      async put(r: ProcessedMessage) {
        stmt(
          'INSERT INTO processed_messages (source, message_id, entity_id, at, reply) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(r.source, r.messageId, r.entityId, r.at, r.reply ? json(r.reply) : null);
      },
      async prune(before) {
        return stmt('DELETE FROM processed_messages WHERE at < ?').run(before).changes;
      },
    },
    audit: {
      async append(entry) {
        const info = stmt(
          'INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
        ).run(entry.at, entry.actor, entry.action, entry.subject, json(entry.detail));
        return Number(info.lastInsertRowid);
      },
      async list(options = {}) {
        const rows = stmt('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(
          options.afterSeq ?? 0,
          options.limit ?? 1000,
        ) as Row[];
        return rows.map((r): AuditEntry => ({
          seq: r.seq as number,
          at: r.at as number,
          actor: r.actor as string,
          action: r.action as string,
          subject: r.subject as string,
          detail: JSON.parse(r.detail as string) as Record<string, unknown>,
        }));
      },
      async deleteAuthFailuresBefore(before) {
        // The append-only trigger (migration 5) refuses any other action, and any row under a day old.
        const marks = AUTH_FAILURE_ACTIONS.map(() => '?').join(', ');
        return stmt(`DELETE FROM audit_log WHERE action IN (${marks}) AND at < ?`).run(
          ...AUTH_FAILURE_ACTIONS,
          before,
        ).changes;
      },
    },
  };
}

/** The default store: one SQLite file in WAL mode. `file` is a path, or `:memory:` for tests. */
export function openSqliteStore(file: string): Store & { schemaVersion(): number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last
  // commits, and QoS 1 redelivery of what was not yet acknowledged covers those.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const store = composeStore('sqlite', createStores(db), {
    begin: () => db.exec('BEGIN IMMEDIATE'),
    commit: () => db.exec('COMMIT'),
    rollback: () => {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
    close: () => {
      if (db.open) db.close();
    },
  });
  return {
    ...store,
    schemaVersion() {
      const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
      return row.v ?? 0;
    },
  };
}
