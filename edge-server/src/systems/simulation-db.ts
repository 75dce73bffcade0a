import Database from 'better-sqlite3';

/**
 * The simulated hotel and hospital systems keep their state in their own SQLite file (as a real PMS or
 * HIS keeps its own database), so a restart of the edge server keeps bookings, rooms and queues.
 */
export type SimulationDb = Database.Database;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS pms_bookings (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    reference TEXT NOT NULL,
    qr_payload TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS pms_rooms (
    site TEXT NOT NULL,
    number TEXT NOT NULL,
    floor TEXT NOT NULL,
    room_type TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (site, number)
  );
  CREATE TABLE IF NOT EXISTS pms_operations (
    request_key TEXT PRIMARY KEY,
    booking_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    result TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS key_cards (
    request_key TEXT PRIMARY KEY,
    card_id TEXT NOT NULL,
    room TEXT NOT NULL,
    valid_until INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS key_encoder_state (id INTEGER PRIMARY KEY CHECK (id = 1), blank_cards INTEGER NOT NULL, jammed INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS his_appointments (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    qr_payload TEXT NOT NULL UNIQUE,
    resident_id TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS his_queue_counters (
    site TEXT NOT NULL,
    department TEXT NOT NULL,
    day TEXT NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (site, department, day)
  );
  CREATE TABLE IF NOT EXISTS his_operations (request_key TEXT PRIMARY KEY, appointment_id TEXT NOT NULL);
`;

export function openSimulationDb(path: string): SimulationDb {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  return db;
}
