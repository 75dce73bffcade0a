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
import { kbVersionStore } from './sqlite-kb-versions.js';
import { jsonTable } from './sqlite-table.js';
import { MIGRATIONS, type Migration } from './sqlite-migrations.js';
import { sqliteRevokedTokens } from './sqlite-revoked-tokens.js';
import {
  AUTH_FAILURE_ACTIONS,
  type AuditFilter,
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

type Tables = ReturnType<typeof tables>;

/** The entity tables: a key, the indexed columns, the entity as JSON. */
function tables(db: Db) {
  return { ...workTables(db), ...directoryTables(db), ...recordTables(db) };
}

/** Escalations, tickets and the conversations they come from. */
function workTables(db: Db) {
  return {
    escalations: jsonTable<Escalation>(db, {
      table: 'escalations',
      key: 'id',
      columns: {
        id: (e) => e.id,
        site: (e) => e.site,
        device_id: (e) => e.deviceId,
        status: (e) => e.status,
        assignee_id: (e) => e.assigneeId,
        created_at: (e) => e.createdAt,
      },
      onConflict: ['status', 'assignee_id'],
    }),
    tickets: jsonTable<Ticket>(db, {
      table: 'tickets',
      key: 'id',
      columns: {
        id: (t) => t.id,
        site: (t) => t.site,
        device_id: (t) => t.deviceId,
        status: (t) => t.status,
        assignee_id: (t) => t.assigneeId,
        created_at: (t) => t.createdAt,
      },
      onConflict: ['status', 'assignee_id'],
    }),
    conversations: jsonTable<Conversation>(db, {
      table: 'conversations',
      key: 'id',
      columns: {
        id: (c) => c.id,
        site: (c) => c.site,
        device_id: (c) => c.deviceId,
        updated_at: (c) => c.updatedAt,
      },
      onConflict: ['updated_at'],
    }),
  };
}

/** Who and what is at a site: staff, their presence, devices, knowledge bases. */
function directoryTables(db: Db) {
  return {
    staff: jsonTable<StaffMember>(db, {
      table: 'staff',
      key: 'id',
      columns: { id: (m) => m.id, site: (m) => m.site },
      onConflict: ['site'],
    }),
    presence: jsonTable<StaffPresence>(db, {
      table: 'staff_presence',
      key: 'staff_id',
      columns: { staff_id: (p) => p.staffId },
      onConflict: [],
    }),
    devices: jsonTable<Device>(db, {
      table: 'devices',
      key: 'id',
      columns: { id: (d) => d.id, site: (d) => d.site },
      onConflict: ['site'],
    }),
    kbs: jsonTable<KnowledgeBase>(db, {
      table: 'knowledge_bases',
      key: 'site',
      columns: { site: (kb) => kb.site, version: (kb) => kb.version },
      onConflict: ['version'],
    }),
  };
}

/** Photos, continue-on-phone codes and ratings. */
function recordTables(db: Db) {
  return {
    photos: jsonTable<Photo>(db, {
      table: 'photos',
      key: 'id',
      columns: {
        id: (p) => p.id,
        created_at: (p) => p.createdAt,
        sha256: (p) => p.sha256,
        bytes: (p) => p.bytes,
      },
      onConflict: 'keep',
    }),
    handovers: jsonTable<Handover>(db, {
      table: 'handovers',
      key: 'code_hash',
      columns: {
        code_hash: (h) => h.codeHash,
        escalation_id: (h) => h.escalationId,
        ticket_id: (h) => h.ticketId,
        phone_device_id: (h) => h.phoneDeviceId,
        expires_at: (h) => h.expiresAt,
      },
      onConflict: ['escalation_id', 'ticket_id', 'phone_device_id', 'expires_at'],
    }),
    ratings: jsonTable<Rating>(db, {
      table: 'ratings',
      key: 'id',
      columns: { id: (r) => r.id, site: (r) => r.site },
      onConflict: 'keep',
    }),
  };
}

/** Work in hand: escalations and tickets with their append-only events. */
function workStores(db: Db, t: Tables): Pick<Stores, 'escalations' | 'tickets'> {
  const stmt = (sql: string) => db.prepare(sql);
  return {
    escalations: {
      get: async (id) => t.escalations.get(id),
      put: async (e) => t.escalations.put(e),
      list: async (filter: EscalationFilter = {}) =>
        t.escalations.select(
          [
            ['site', filter.site],
            ['status', filter.status],
            ['assignee_id', filter.assigneeId],
            ['device_id', filter.deviceId],
          ],
          'created_at, id',
          filter.limit ?? 10_000,
        ),
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
      get: async (id) => t.tickets.get(id),
      put: async (x) => t.tickets.put(x),
      list: async (filter: TicketFilter = {}) =>
        t.tickets.select(
          [
            ['site', filter.site],
            ['status', filter.status],
            ['device_id', filter.deviceId],
            ['assignee_id', filter.assigneeId],
          ],
          'created_at, id',
          filter.limit ?? 10_000,
        ),
      async appendEvent(ev) {
        stmt(
          'INSERT INTO ticket_events (ticket_id, from_status, to_status, at, actor, note, photo_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(ev.ticketId, ev.from, ev.to, ev.at, ev.actor, ev.note, ev.photoId ?? null);
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
          ...(typeof r.photo_id === 'string' ? { photoId: r.photo_id } : {}),
        }));
      },
    },
  };
}

/** What guests said and who serves them. */
function guestStores(db: Db, t: Tables): Pick<Stores, 'conversations' | 'chat' | 'staff' | 'devices'> {
  const stmt = (sql: string) => db.prepare(sql);
  return {
    conversations: {
      get: async (id) => t.conversations.get(id),
      put: async (c) => t.conversations.put(c),
      deleteUpdatedBefore: async (before) =>
        stmt('DELETE FROM conversations WHERE updated_at < ?').run(before).changes,
    },
    chat: {
      async append(m) {
        stmt(
          'INSERT INTO chat_messages (id, escalation_id, at, data) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        ).run(m.id, m.escalationId, m.at, json(m));
      },
      list: async (escalationId) =>
        stmt('SELECT data FROM chat_messages WHERE escalation_id = ? ORDER BY seq')
          .all(escalationId)
          .map((r) => parse<ChatMessage>(r)),
    },
    staff: {
      get: async (id) => t.staff.get(id),
      put: async (m) => t.staff.put(m),
      list: async (site) => t.staff.select([['site', site]], 'id'),
      getPresence: async (staffId) => t.presence.get(staffId),
      putPresence: async (p) => t.presence.put(p),
      listPresence: async () => t.presence.select([], 'staff_id'),
    },
    devices: {
      get: async (id) => t.devices.get(id),
      put: async (d) => t.devices.put(d),
      list: async (site) => t.devices.select([['site', site]], 'id'),
    },
  };
}

/** Per-site records: knowledge bases, photos, handovers, ratings. */
function siteStores(db: Db, t: Tables): Pick<Stores, 'knowledgeBases' | 'photos' | 'handovers' | 'ratings'> {
  const stmt = (sql: string) => db.prepare(sql);
  return {
    knowledgeBases: {
      get: async (site) => t.kbs.get(site),
      put: async (kb) => t.kbs.put(kb),
      sites: async () =>
        (stmt('SELECT site FROM knowledge_bases ORDER BY site').all() as Array<{ site: string }>).map(
          (r) => r.site,
        ),
    },
    photos: {
      get: async (id) => t.photos.get(id),
      put: async (p) => t.photos.put(p),
      listCreatedBefore: async (before, limit = 1000) =>
        stmt('SELECT data FROM photos WHERE created_at < ? ORDER BY created_at, id LIMIT ?')
          .all(before, limit)
          .map((r) => parse<Photo>(r)),
      async delete(id) {
        stmt('DELETE FROM photos WHERE id = ?').run(id);
      },
      countBySha256: async (sha256) =>
        (stmt('SELECT COUNT(*) AS n FROM photos WHERE sha256 = ?').get(sha256) as { n: number }).n,
      storedBytes: async () =>
        (
          stmt(
            'SELECT COALESCE(SUM(bytes), 0) AS n FROM (SELECT sha256, MAX(bytes) AS bytes FROM photos GROUP BY sha256)',
          ).get() as { n: number }
        ).n,
    },
    handovers: {
      get: async (codeHash) => t.handovers.get(codeHash),
      put: async (h) => t.handovers.put(h),
      listAttached: async (filter) =>
        t.handovers.select(
          [
            ['escalation_id', filter.escalationId],
            ['ticket_id', filter.ticketId],
            ['phone_device_id', filter.phoneDeviceId],
            'phone_device_id IS NOT NULL',
          ],
          'code_hash',
        ),
      async deleteExpired(cutoffs) {
        // isHandoverPurgeable in SQL (the contract suite holds both stores to it).
        return stmt(
          'DELETE FROM handovers WHERE (phone_device_id IS NULL AND expires_at <= ?) OR (phone_device_id IS NOT NULL AND expires_at <= ?)',
        ).run(cutoffs.unattached, cutoffs.attached).changes;
      },
    },
    ratings: {
      put: async (r) => t.ratings.put(r),
      list: async (site) => t.ratings.select([['site', site]], 'id'),
    },
  };
}

/** Idempotency records and the audit trail. */
function recordStores(db: Db): Pick<Stores, 'inbox' | 'audit'> {
  const stmt = (sql: string) => db.prepare(sql);
  return {
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
          'INSERT INTO audit_log (at, actor, action, subject, detail, site) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(entry.at, entry.actor, entry.action, entry.subject, json(entry.detail), entry.site ?? null);
        return Number(info.lastInsertRowid);
      },
      async list(options = {}) {
        const where = auditWhere(options);
        const rows = stmt(`SELECT * FROM audit_log WHERE ${where.sql} ORDER BY seq LIMIT ?`).all(
          ...where.values,
          options.limit ?? 1000,
        ) as Row[];
        return rows.map((r): AuditEntry => ({
          seq: r.seq as number,
          at: r.at as number,
          actor: r.actor as string,
          action: r.action as string,
          subject: r.subject as string,
          detail: JSON.parse(r.detail as string) as Record<string, unknown>,
          site: (r.site as string | null) ?? null,
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

/** The audit filter as SQL conditions and their values, in order. */
function auditWhere(o: AuditFilter): { sql: string; values: unknown[] } {
  const conditions: Array<[string, unknown]> = [['seq > ?', o.afterSeq ?? 0]];
  if (o.site !== undefined) conditions.push(['site = ?', o.site]);
  if (o.actor !== undefined) conditions.push(['actor = ?', o.actor]);
  if (o.action !== undefined) conditions.push(['action = ?', o.action]);
  if (o.subjectContains !== undefined) conditions.push(['instr(subject, ?) > 0', o.subjectContains]);
  if (o.fromAt !== undefined) conditions.push(['at >= ?', o.fromAt]);
  if (o.toAt !== undefined) conditions.push(['at < ?', o.toAt]);
  return { sql: conditions.map(([c]) => c).join(' AND '), values: conditions.map(([, v]) => v) };
}

function createStores(db: Db): Stores {
  const t = tables(db);
  return {
    ...workStores(db, t),
    ...guestStores(db, t),
    ...siteStores(db, t),
    ...recordStores(db),
    revokedTokens: sqliteRevokedTokens(db),
    kbVersions: kbVersionStore(db),
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
