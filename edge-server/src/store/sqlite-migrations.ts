/**
 * Versioned schema. Append a migration; never edit one that has shipped. The SQL stays portable
 * (TEXT/INTEGER columns, JSON kept as text) except the append-only triggers, which each dialect
 * writes its own way.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE escalations (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL,
        assignee_id TEXT,
        created_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX escalations_status ON escalations (status, site);
      CREATE TABLE escalation_events (
        seq INTEGER PRIMARY KEY,
        escalation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX escalation_events_by_escalation ON escalation_events (escalation_id, seq);
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        device_id TEXT NOT NULL,
        status TEXT NOT NULL,
        assignee_id TEXT,
        created_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX tickets_status ON tickets (status, site);
      CREATE TABLE ticket_events (
        seq INTEGER PRIMARY KEY,
        ticket_id TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, seq);
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        device_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE TABLE chat_messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        escalation_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (escalation_id, id)
      );
      CREATE TABLE staff (id TEXT PRIMARY KEY, site TEXT NOT NULL, data TEXT NOT NULL);
      CREATE TABLE staff_presence (staff_id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE devices (id TEXT PRIMARY KEY, site TEXT NOT NULL, data TEXT NOT NULL);
      CREATE TABLE knowledge_bases (site TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL);
      CREATE TABLE photos (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE ratings (id TEXT PRIMARY KEY, site TEXT NOT NULL, data TEXT NOT NULL);
      CREATE TABLE processed_messages (
        source TEXT NOT NULL,
        message_id TEXT NOT NULL,
        entity_id TEXT,
        at INTEGER NOT NULL,
        PRIMARY KEY (source, message_id)
      );
      CREATE INDEX processed_messages_at ON processed_messages (at);
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER escalation_events_no_update BEFORE UPDATE ON escalation_events
        BEGIN SELECT RAISE(ABORT, 'escalation_events is append-only'); END;
      CREATE TRIGGER escalation_events_no_delete BEFORE DELETE ON escalation_events
        BEGIN SELECT RAISE(ABORT, 'escalation_events is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'photo age, for retention',
    sql: `
      ALTER TABLE photos ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX photos_created_at ON photos (created_at);
      CREATE INDEX conversations_updated_at ON conversations (updated_at);
    `,
  },
  {
    version: 3,
    name: 'the reply of a processed request, sent again on a retry',
    sql: `
      ALTER TABLE processed_messages ADD COLUMN reply TEXT;
    `,
  },
  {
    version: 4,
    name: 'handovers to the guest phone',
    sql: `
      CREATE TABLE handovers (
        code_hash TEXT PRIMARY KEY,
        escalation_id TEXT,
        ticket_id TEXT,
        phone_device_id TEXT,
        expires_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX handovers_phone ON handovers (phone_device_id);
    `,
  },
  {
    version: 5,
    name: 'failed sign-ins leave the audit trail after their retention',
    // The audit trail stays append-only except for failed sign-ins (AUTH_FAILURE_ACTIONS in store.ts),
    // which the retention job deletes; even those only once a day old, whatever the caller asks.
    sql: `
      DROP TRIGGER audit_log_no_delete;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        WHEN OLD.action NOT IN ('auth.locked', 'staff.login_failed')
          OR OLD.at > CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 86400000
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE INDEX audit_log_action_at ON audit_log (action, at);
    `,
  },
  {
    version: 6,
    name: 'audit entries belong to a site',
    // A site's administrator reads only their site's trail. Old rows get the site of their actor
    // (staff, device) or subject (escalation, ticket, photo, conversation, KB, staff, device); rows
    // that name none (retention, demo seeding, lockouts of addresses) stay server-level (NULL). The
    // append-only trigger is lifted for this backfill only.
    sql: `
      ALTER TABLE audit_log ADD COLUMN site TEXT;
      DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET site = COALESCE(
        (SELECT site FROM staff WHERE 'staff:' || staff.id = audit_log.actor),
        (SELECT site FROM devices WHERE 'device:' || devices.id = audit_log.actor),
        (SELECT site FROM escalations WHERE 'escalation:' || escalations.id = audit_log.subject),
        (SELECT site FROM tickets WHERE 'ticket:' || tickets.id = audit_log.subject),
        (SELECT json_extract(data, '$.site') FROM photos WHERE 'photo:' || photos.id = audit_log.subject),
        (SELECT site FROM conversations WHERE 'conversation:' || conversations.id = audit_log.subject),
        (SELECT site FROM knowledge_bases WHERE 'kb:' || knowledge_bases.site = audit_log.subject),
        (SELECT site FROM staff WHERE 'staff:' || staff.id = audit_log.subject),
        (SELECT site FROM staff WHERE 'principal:' || staff.id = audit_log.subject),
        (SELECT site FROM devices WHERE 'device:' || devices.id = audit_log.subject)
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE INDEX audit_log_site_seq ON audit_log (site, seq);
    `,
  },
  {
    version: 7,
    name: 'photo records share content-addressed bytes',
    // Each upload is its own record (owned by its uploader); records of the same image share one
    // file. Retention deletes a file only when no record names it, and the disk budget counts each
    // file once: both look records up by hash.
    sql: `
      ALTER TABLE photos ADD COLUMN sha256 TEXT;
      ALTER TABLE photos ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
      UPDATE photos SET sha256 = json_extract(data, '$.sha256'), bytes = COALESCE(json_extract(data, '$.bytes'), 0);
      CREATE INDEX photos_sha256 ON photos (sha256);
    `,
  },
  {
    version: 8,
    name: 'revoked staff session tokens; photos in a ticket history',
    // Sign-out and refresh end one token before its expiry (a password change ends all of a member's
    // tokens through the generation in their record instead). Rows go once the token has expired.
    sql: `
      CREATE TABLE revoked_tokens (
        token_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL,
        revoked_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);
      ALTER TABLE ticket_events ADD COLUMN photo_id TEXT;
    `,
  },
  {
    version: 9,
    name: 'knowledge-base versions',
    // Every published knowledge base is kept, append-only, so any version can be compared and
    // published again. The version each site has now becomes its first row.
    sql: `
      CREATE TABLE kb_versions (
        site TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (site, version)
      );
      INSERT INTO kb_versions (site, version, data, actor, reason, created_at)
        SELECT site, version, data, 'system', 'before versions were kept',
          COALESCE(json_extract(data, '$.updatedAt'), 0)
        FROM knowledge_bases;
      CREATE TRIGGER kb_versions_no_update BEFORE UPDATE ON kb_versions
        BEGIN SELECT RAISE(ABORT, 'kb_versions is append-only'); END;
      CREATE TRIGGER kb_versions_no_delete BEFORE DELETE ON kb_versions
        BEGIN SELECT RAISE(ABORT, 'kb_versions is append-only'); END;
    `,
  },
];
