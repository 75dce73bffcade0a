/**
 * The memory store's one table shape: entities by key, cloned in and out as a database would, so
 * callers cannot change what is stored. `rows` is read on every call: a rollback swaps the state.
 */
export const clone = <T>(value: T): T => structuredClone(value);

export const matches = <T>(value: T, wanted: T | T[] | undefined) =>
  wanted === undefined || (Array.isArray(wanted) ? wanted.includes(value) : wanted === value);

export interface MemoryTable<T> {
  get(key: string): T | null;
  /** Upsert; with `keep`, an existing key keeps its row. */
  put(value: T, mode?: 'replace' | 'keep'): void;
  select(where: (value: T) => boolean, order: (a: T, b: T) => number, limit?: number): T[];
  /** Deletes the rows `where` holds for; returns how many. */
  deleteWhere(where: (value: T) => boolean): number;
}

export function memoryTable<T>(rows: () => Map<string, T>, keyOf: (value: T) => string): MemoryTable<T> {
  return {
    get(key) {
      const value = rows().get(key);
      return value === undefined ? null : clone(value);
    },
    put(value, mode = 'replace') {
      const key = keyOf(value);
      if (mode === 'keep' && rows().has(key)) return;
      rows().set(key, clone(value));
    },
    select(where, order, limit = Infinity) {
      return [...rows().values()].filter(where).sort(order).slice(0, limit).map(clone);
    },
    deleteWhere(where) {
      let n = 0;
      for (const [key, value] of rows()) {
        if (where(value)) {
          rows().delete(key);
          n++;
        }
      }
      return n;
    },
  };
}
