import { mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { PgSyncClient } from "./pg/sync-client";
import * as schema from "./schema";

/**
 * One Drizzle database for both engines: the SQLite file, or PostgreSQL through a client that answers as
 * better-sqlite3 does (db/pg/sync-client.ts; why in docs/DATA-LAYER.md). The schema and the queries are SQLite's
 * dialect on both; what PostgreSQL does in its own way is chosen in db/queries by `engineOf`.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Engine = "sqlite" | "postgres";
/** The handle a Drizzle transaction callback receives. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const DEFAULT_DATABASE_PATH = "data/fluxo.db";
const MIGRATIONS_FOLDER = resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations");
const POSTGRES_MIGRATIONS_FOLDER = resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations-pg");

export function databasePath(): string {
  return process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
}

/** Where the hub's data is: DATABASE_URL (postgres://…) when set, else the SQLite file at DATABASE_PATH. */
export function databaseTarget(): string {
  return process.env.DATABASE_URL?.trim() || databasePath();
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export function engineOf(db: Db): Engine {
  // By the client's own word, not instanceof: Next's server bundle and tsx each load their own copy of the class,
  // and the process's one connection may have been opened by either.
  return (db.$client as unknown as { engine?: unknown }).engine === "postgres" ? "postgres" : "sqlite";
}

/** The variables that point a child process (a worker, the ERP API) at the same database as `db`. */
export function databaseEnv(db: Db): { DATABASE_URL: string } | { DATABASE_PATH: string } {
  return engineOf(db) === "postgres" ? { DATABASE_URL: db.$client.name } : { DATABASE_PATH: db.$client.name };
}

/** Empties the database for a fresh load: the SQLite file removed, or PostgreSQL's tables dropped. */
export function resetDatabase(target: string = databaseTarget()): void {
  if (!isPostgresUrl(target)) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(target + suffix, { force: true });
    return;
  }
  const db = openDb(target);
  try {
    db.$client.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  } finally {
    db.$client.close();
  }
}

export function openDb(path: string = databaseTarget()): Db {
  if (isPostgresUrl(path)) return drizzle({ client: new PgSyncClient(path).asSqliteHandle(), schema }) as Db;
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
  if (isPostgresUrl(path)) return openDb(path);
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

// Any number: every process that migrates the same PostgreSQL database takes this one lock.
const MIGRATION_LOCK = 7_402_118;

/** Brings the schema up to date; on PostgreSQL one process at a time (several start together behind a proxy). */
export function migrateDb(db: Db): void {
  if (engineOf(db) === "sqlite") {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  db.$client.prepare("SELECT pg_advisory_lock(?)").run(MIGRATION_LOCK);
  try {
    migrate(db, { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER });
  } finally {
    db.$client.prepare("SELECT pg_advisory_unlock(?)").run(MIGRATION_LOCK);
  }
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
    // PostgreSQL's autovacuum keeps its statistics; only a bulk load (the seed) asks for them at once.
    if (engineOf(db) === "postgres") {
      if (pragma.startsWith("optimize=")) db.$client.exec("ANALYZE");
      return;
    }
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
export function openLongLivedDb(path: string = databaseTarget()): Db {
  const db = openDb(path);
  if (engineOf(db) === "sqlite") gatherStatistics(db);
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

// One connection per process: both clients are synchronous, so sharing it is safe and cheapest.
const globalForDb = globalThis as unknown as { fluxoDb?: Db };

export function getDb(): Db {
  globalForDb.fluxoDb ??= openLongLivedDb();
  return globalForDb.fluxoDb;
}
