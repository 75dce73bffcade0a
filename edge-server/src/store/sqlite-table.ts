/**
 * The shape most SQLite tables here share: a key, a few indexed columns to filter and order by, and
 * the entity itself as JSON in `data`. One helper writes their get / upsert / select once.
 */
import type Database from 'better-sqlite3';

type Db = Database.Database;
/** `[column, value or values or undefined (no condition)]`, or a literal SQL condition. */
export type Filter = Array<[string, unknown[] | unknown | undefined] | string>;

/** `status IN (?, ?)` and friends, built from an optional filter. */
export function where(clauses: Filter) {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const clause of clauses) {
    if (typeof clause === 'string') {
      parts.push(clause);
      continue;
    }
    const [column, value] = clause;
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

export interface JsonTableSpec<T> {
  table: string;
  /** The key column; it must be the first of `columns`. */
  key: string;
  /** Indexed columns (besides `data`) and how each is read from the entity, in insert order. */
  columns: Record<string, (value: T) => unknown>;
  /** Columns a put updates on an existing key (`data` always); `'keep'`: a put never replaces a row. */
  onConflict: string[] | 'keep';
}

export interface JsonTable<T> {
  get(key: unknown): T | null;
  put(value: T): void;
  /** Rows matching `filter`, in `orderBy` order, at most `limit`. */
  select(filter: Filter, orderBy: string, limit?: number): T[];
}

export function jsonTable<T>(db: Db, spec: JsonTableSpec<T>): JsonTable<T> {
  const names = Object.keys(spec.columns);
  const read = Object.values(spec.columns);
  const conflict =
    spec.onConflict === 'keep'
      ? `ON CONFLICT (${spec.key}) DO NOTHING`
      : `ON CONFLICT (${spec.key}) DO UPDATE SET ${[...spec.onConflict, 'data'].map((c) => `${c} = excluded.${c}`).join(', ')}`;
  const insert = db.prepare(
    `INSERT INTO ${spec.table} (${[...names, 'data'].join(', ')}) VALUES (${[...names, 'data'].map(() => '?').join(', ')}) ${conflict}`,
  );
  const byKey = db.prepare(`SELECT data FROM ${spec.table} WHERE ${spec.key} = ?`);
  const parse = (row: unknown) => JSON.parse((row as { data: string }).data) as T;
  return {
    get(key) {
      const row = byKey.get(key);
      return row ? parse(row) : null;
    },
    put(value) {
      insert.run(...read.map((f) => f(value)), JSON.stringify(value));
    },
    select(filter, orderBy, limit) {
      const w = where(filter);
      const sql = `SELECT data FROM ${spec.table} ${w.sql} ORDER BY ${orderBy}${limit === undefined ? '' : ' LIMIT ?'}`;
      const params = limit === undefined ? w.params : [...w.params, limit];
      return db
        .prepare(sql)
        .all(...params)
        .map(parse);
    },
  };
}
