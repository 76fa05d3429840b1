import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a Drizzle transaction callback receives. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_PATH = "data/fluxo.db";
const MIGRATIONS_FOLDER = resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");

export function databasePath(): string {
  return process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
}

export function openDb(path: string = databasePath()): Db {
  if (path !== ":memory:") mkdirSync(dirname(resolve(/*turbopackIgnore: true*/ path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets the board read while the worker writes; the busy timeout absorbs short write contention
  // between the web and worker processes instead of failing with SQLITE_BUSY.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

/** A connection that only reads (a worker thread's, beside the process's own connection in WAL mode). */
export function openReadOnlyDb(path: string): Db {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Statistics for the query planner, as SQLite advises when a long-lived connection opens and after loading data
 * (https://sqlite.org/pragma.html#pragma_optimize): every table is checked, and analyzed if it never was or has
 * grown or shrunk a lot since. Without statistics SQLite guesses, and one guess made a board filter read the
 * account's open divergences once for every order. Usually a no-op (under a millisecond at a million orders).
 */
export function gatherStatistics(db: Db): void {
  refreshStatistics(db, "optimize=0x10002");
}

// Plain `PRAGMA optimize` only looks at the tables this connection's queries used: cheap enough to run often.
const OPTIMIZE_EVERY_MS = 3 * 3_600_000;

function refreshStatistics(db: Db, pragma: string): void {
  try {
    db.$client.pragma(pragma);
  } catch (error) {
    // Statistics only make plans better: a busy or read-only database keeps the ones it has and serves on.
    console.error(`[db] estatísticas do banco não atualizadas agora; nova tentativa mais tarde: ${String(error)}`);
  }
}

/**
 * A connection kept for the life of a process (the web server's, the worker's): statistics refreshed when it
 * opens, every few hours, and before it closes (`closeDb`, or the process exiting).
 */
export function openLongLivedDb(path: string = databasePath()): Db {
  const db = openDb(path);
  gatherStatistics(db);
  const timer = setInterval(() => refreshStatistics(db, "optimize"), OPTIMIZE_EVERY_MS).unref();
  const onExit = () => closeDb(db);
  process.once("exit", onExit);
  closers.set(db, () => {
    clearInterval(timer);
    process.off("exit", onExit);
  });
  return db;
}

const closers = new WeakMap<Db, () => void>();

/** Closes a connection, a long-lived one after a last refresh of its statistics. */
export function closeDb(db: Db): void {
  if (!db.$client.open) return;
  const stop = closers.get(db);
  if (stop) {
    stop();
    refreshStatistics(db, "optimize");
  }
  db.$client.close();
}

// One connection per process: better-sqlite3 is synchronous, so sharing it is safe and cheapest.
const globalForDb = globalThis as unknown as { fluxoDb?: Db };

export function getDb(): Db {
  globalForDb.fluxoDb ??= openLongLivedDb();
  return globalForDb.fluxoDb;
}
