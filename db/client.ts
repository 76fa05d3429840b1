import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

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

export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

// One connection per process: better-sqlite3 is synchronous, so sharing it is safe and cheapest.
const globalForDb = globalThis as unknown as { fluxoDb?: Db };

export function getDb(): Db {
  globalForDb.fluxoDb ??= openDb();
  return globalForDb.fluxoDb;
}
