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
 * Drops the indexes and triggers of the given tables, runs the load, then builds the indexes once and the
 * derived data (status counters, name search) in one pass each: far cheaper than keeping a dozen B-trees and
 * two side tables in step row by row. Only for loading a fresh database.
 */
export async function withDerivedDataDeferred<T>(
  db: Db,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const placeholders = tables.map(() => "?").join(", ");
  const objects = db.$client
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${placeholders})`,
    )
    .all(...tables) as { type: "index" | "trigger"; name: string; sql: string }[];
  for (const o of objects) db.$client.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  try {
    return await load();
  } finally {
    for (const o of objects.filter((x) => x.type === "index")) db.$client.exec(o.sql);
    db.$client.exec(`
      DELETE FROM order_counts;
      INSERT INTO order_counts (account_id, channel, status, n)
        SELECT account_id, channel, status, count(*) FROM orders GROUP BY account_id, channel, status;
      INSERT INTO orders_name_fts (orders_name_fts) VALUES ('rebuild');
    `);
    for (const o of objects.filter((x) => x.type === "trigger")) db.$client.exec(o.sql);
  }
}
