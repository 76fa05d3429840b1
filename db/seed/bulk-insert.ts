import type { Statement } from "better-sqlite3";
import { getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";

/**
 * One prepared INSERT per table, fed plain rows: the seed writes millions of rows, and building a Drizzle
 * query per batch costs more than the insert itself. Values get each column's driver mapping (dates
 * to epoch ms, JSON to text), so rows are exactly what the ORM would write.
 */
export function bulkInserter<T extends SQLiteTable>(db: Db, table: T, options: { withId: boolean }) {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => options.withId || key !== "id");
  const sql = `INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) VALUES (${columns
    .map(() => "?")
    .join(", ")})`;
  const statement: Statement = db.$client.prepare(sql);
  // Each column's driver mapping resolved once: the generic per-value mapper dominated the load.
  const convert = columns.map(([key, column]) => {
    const fallback = typeof column.default === "number" || typeof column.default === "boolean" ? column.default : null;
    const map =
      column.columnType === "SQLiteTimestamp"
        ? (v: unknown) => (v as Date).getTime()
        : column.columnType === "SQLiteBoolean"
          ? (v: unknown) => (v ? 1 : 0)
          : column.columnType === "SQLiteTextJson"
            ? (v: unknown) => JSON.stringify(v)
            : (v: unknown) => v;
    return (row: Record<string, unknown>) => {
      const value = row[key] ?? fallback;
      return value === null ? null : map(value);
    };
  });
  const values: unknown[] = new Array(columns.length);
  return (rows: Record<string, unknown>[]) => {
    for (const row of rows) {
      convert.forEach((toValue, i) => {
        values[i] = toValue(row);
      });
      statement.run(values);
    }
  };
}

export const BULK_TABLES = ["orders", "order_items", "timeline_entries", "outbox", "invoices", "shipments"] as const;

/**
 * Drops the indexes of the given tables, runs the load, and builds them again: one sort at the end is far
 * cheaper than keeping a dozen B-trees in order row by row. Only for loading a fresh database.
 */
export async function withIndexesDeferred<T>(db: Db, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const indexes = db.$client
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => "?").join(", ")})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) db.$client.exec(`DROP INDEX "${index.name}"`);
  try {
    return await load();
  } finally {
    for (const index of indexes) db.$client.exec(index.sql);
  }
}
