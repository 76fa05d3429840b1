import { type Db, type Engine, engineOf } from "../client";
import { rebuildOrderIdBlocks } from "../queries/order-id-blocks";
import {
  type EncodedBatch,
  NUMBER,
  type PackedRows,
  type RowLayout,
  SEED_LAYOUTS,
  SEED_TABLE_KEYS,
  STRING,
} from "./rows";

// Rows per INSERT statement: one statement call per row cost more than SQLite's work on the row itself.
const ROWS_PER_STATEMENT = 64;

// Text turned into bytes in SQL is its UTF-8: what the ORM writes for a Buffer, with no Buffer made on the thread
// that writes (an NF-e XML per Mercado Livre invoice cost that thread a tenth more).
const BYTES_PLACEHOLDER: Record<Engine, string> = { sqlite: "CAST(? AS BLOB)", postgres: "convert_to(?, 'UTF8')" };

/**
 * Prepared INSERTs for one table fed packed rows (see rows.ts), many rows per statement: the seed writes
 * millions of rows, and building a Drizzle query per batch costs more than the insert itself.
 */
export function bulkInserter(db: Db, layout: RowLayout) {
  const width = layout.columns.length;
  const bytes = BYTES_PLACEHOLDER[engineOf(db)];
  const row = `(${layout.bytes.map((isBytes) => (isBytes ? bytes : "?")).join(", ")})`;
  const head = `INSERT INTO "${layout.table}" (${layout.columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const many = db.$client.prepare(head + Array(ROWS_PER_STATEMENT).fill(row).join(", "));
  const one = db.$client.prepare(head + row);
  const manyArgs: unknown[] = new Array(width * ROWS_PER_STATEMENT);
  const oneArgs: unknown[] = new Array(width);
  return ({ rows, tags, numbers }: PackedRows, strings: readonly string[]) => {
    const fill = (args: unknown[], from: number) => {
      for (let j = 0; j < args.length; j++) {
        const tag = tags[from + j];
        const n = numbers[from + j] as number;
        args[j] = tag === NUMBER ? n : tag === STRING ? strings[n] : null;
      }
    };
    // Spread, not an array: better-sqlite3 reads an array parameter element by element through the V8 API,
    // which costs more than SQLite's work on the value.
    let r = 0;
    for (; r + ROWS_PER_STATEMENT <= rows; r += ROWS_PER_STATEMENT) {
      fill(manyArgs, r * width);
      many.run(...manyArgs);
    }
    for (; r < rows; r++) {
      fill(oneArgs, r * width);
      one.run(...oneArgs);
    }
  };
}

/** One transaction per batch, every table filled in primary-key order. */
export function batchWriter(db: Db) {
  const insert = SEED_TABLE_KEYS.map((key) => [key, bulkInserter(db, SEED_LAYOUTS[key])] as const);
  return db.$client.transaction((batch: EncodedBatch) => {
    for (const [key, write] of insert) write(batch.tables[key], batch.strings);
  });
}

export const BULK_TABLES = ["orders", "order_items", "timeline_entries", "outbox", "invoices", "shipments"] as const;

/**
 * Drops the indexes and triggers of the given tables, runs the load, then builds the indexes once and the
 * derived data (status counters, name search, id blocks) in one pass each: far cheaper than keeping a dozen B-trees and
 * two side tables in step row by row. Indexes led by `order_id` stay: the load writes every table in order id
 * order, so their entries only ever go at the end, which costs less than sorting them afterwards. Only for
 * loading a fresh database.
 */
export async function withDerivedDataDeferred<T>(
  db: Db,
  tables: readonly string[],
  load: () => Promise<T>,
  log: (line: string) => void = () => {},
): Promise<T> {
  // PostgreSQL keeps its indexes and counters as rows arrive: dropping them would lock other sessions out.
  if (engineOf(db) === "postgres") return load();
  const placeholders = tables.map(() => "?").join(", ");
  const objects = (
    db.$client
      .prepare(
        `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${placeholders})`,
      )
      .all(...tables) as { type: "index" | "trigger"; name: string; sql: string }[]
  ).filter((o) => o.type === "trigger" || firstColumn(db, o.name) !== "order_id");
  for (const o of objects) db.$client.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  try {
    return await load();
  } finally {
    let started = performance.now();
    for (const o of objects.filter((x) => x.type === "index")) db.$client.exec(o.sql);
    log(`Índices criados em ${seconds(started)}.`);
    started = performance.now();
    db.$client.exec(`
      DELETE FROM order_counts;
      INSERT INTO order_counts (account_id, channel, status, n)
        SELECT account_id, channel, status, count(*) FROM orders GROUP BY account_id, channel, status;
      INSERT INTO orders_name_fts (orders_name_fts) VALUES ('rebuild');
    `);
    rebuildOrderIdBlocks(db);
    for (const o of objects.filter((x) => x.type === "trigger")) db.$client.exec(o.sql);
    log(`Contadores e busca por nome refeitos em ${seconds(started)}.`);
  }
}

function firstColumn(db: Db, index: string): string | undefined {
  const [first] = db.$client.pragma(`index_info("${index}")`) as { name: string }[];
  return first?.name;
}

/**
 * Settings for loading a fresh file in one go, put back to the app's own (see openDb) when the load ends: no
 * journal and no fsync (a failed seed is rerun with --reset), one lock held throughout, a page cache big enough to
 * sort each index in memory (helper threads with on-disk runs cost more CPU than they saved on this 2-core box), and
 * no per-row foreign key checks (the generator builds consistent rows; checking them would double the load time).
 */
export async function withBulkLoadSettings<T>(db: Db, load: () => Promise<T>): Promise<T> {
  if (engineOf(db) === "postgres") {
    // A failed seed is rerun with --reset: its commits need not wait for the disk.
    db.$client.exec("SET synchronous_commit = off");
    try {
      return await load();
    } finally {
      db.$client.exec("RESET synchronous_commit");
    }
  }
  const sqlite = db.$client;
  // better-sqlite3 runs SQLite in defensive mode, which quietly keeps the journal on; lifted for this one pragma.
  sqlite.unsafeMode(true);
  sqlite.pragma("journal_mode = OFF");
  sqlite.unsafeMode(false);
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("locking_mode = EXCLUSIVE");
  sqlite.pragma("cache_size = -1048576");
  sqlite.pragma("foreign_keys = OFF");
  try {
    return await load();
  } finally {
    // WAL entered under an exclusive lock keeps that lock for good, so release it first: the next read does.
    sqlite.pragma("locking_mode = NORMAL");
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
