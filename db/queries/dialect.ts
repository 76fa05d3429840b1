// What SQLite and PostgreSQL each say their own way, for the board's queries: everything else in db/queries is
// the same statement on both. SQLite's name search is an FTS5 table kept by triggers; PostgreSQL's a GIN index
// on the name's words (db/migrations-pg/0000_init.sql), with the same meaning: every word given is a prefix of
// a word of the name.
import { type AnyColumn, type Placeholder, type SQL, sql } from "drizzle-orm";
import { type Db, type Engine, engineOf } from "../client";
import { orders } from "../schema";

/** The full-text query for these words (already in searchable form: lower case, no accents). */
export function nameQuery(db: Db, words: readonly string[]): string {
  return engineOf(db) === "postgres" ? words.map((w) => `${w}:*`).join(" & ") : words.map((w) => `"${w}"*`).join(" ");
}

const NAME_MATCH_IDS: Record<Engine, { id: string; from: string }> = {
  sqlite: { id: "rowid", from: "orders_name_fts WHERE orders_name_fts MATCH ?" },
  postgres: { id: "id", from: "orders WHERE to_tsvector('simple', customer_name_search) @@ to_tsquery('simple', ?)" },
};

/**
 * Statement text for the ids of every account's orders whose name matches the bound query: at most the bound
 * limit of them, or all of them newest (highest id) first.
 */
export function nameMatchIdsText(db: Db, read: "limit" | "newest first"): string {
  const { id, from } = NAME_MATCH_IDS[engineOf(db)];
  return `SELECT ${id} FROM ${from} ${read === "limit" ? "LIMIT ?" : `ORDER BY ${id} DESC`}`;
}

/** The same, as a subquery with the query bound to `match`. */
export function nameMatchIds(db: Db, match: SQL | Placeholder): SQL {
  return engineOf(db) === "postgres"
    ? sql`SELECT ${orders.id} FROM ${orders} WHERE to_tsvector('simple', ${orders.customerNameSearch}) @@ to_tsquery('simple', ${match})`
    : sql`SELECT rowid FROM orders_name_fts WHERE orders_name_fts MATCH ${match}`;
}

/** The numbers of a JSON array bound as one value: one prepared statement whatever the list's length. */
export function idsInJson(db: Db, json: SQL | Placeholder): SQL {
  return engineOf(db) === "postgres"
    ? sql`SELECT cast(value AS bigint) FROM json_array_elements_text(cast(${json} AS json))`
    : sql`SELECT value FROM json_each(${json})`;
}

/**
 * The orders table with SQLite told to use no index of its own for it (see `shownOrderIds`); PostgreSQL has no
 * such hint and plans the id list's lookups from its statistics.
 */
export function ordersWithoutIndexes(db: Db): SQL {
  return engineOf(db) === "postgres" ? sql`${orders}` : sql`${orders} NOT INDEXED`;
}

/**
 * A column SQLite must not reach through an index (the unary plus: its planner would pick that index over a
 * better one, see the callers). PostgreSQL takes no hints and plans from its statistics: the column as it is.
 */
export function unindexed(db: Db, column: SQL | SQL.Aliased | AnyColumn): SQL {
  return engineOf(db) === "postgres" ? sql`${column}` : sql`+${column}`;
}
