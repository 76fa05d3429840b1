import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, migrateDb, openDb } from "@/db/client";
import { PgSyncClient } from "@/db/pg/sync-client";

/**
 * The engine the integration suite runs on: a SQLite file per test world, or, when FLUXO_TEST_POSTGRES_URL names
 * a PostgreSQL server (`npm run test:postgres`), a database of its own there, dropped when the world closes.
 */
export const TEST_POSTGRES_URL = process.env.FLUXO_TEST_POSTGRES_URL?.trim() || null;

/** For the few tests that read SQLite's own query plans. */
export const onPostgres = TEST_POSTGRES_URL !== null;

let admin: PgSyncClient | null = null;

/** A new, migrated, empty database; `drop` closes and deletes it. */
export function openTestDatabase(): { db: Db; drop: () => void } {
  if (!TEST_POSTGRES_URL) {
    const dir = mkdtempSync(join(tmpdir(), "fluxo-test-"));
    const db = openDb(join(dir, "test.db"));
    migrateDb(db);
    return {
      db,
      drop: () => {
        db.$client.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  admin ??= new PgSyncClient(TEST_POSTGRES_URL);
  const name = `fluxo_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const db = openDb(url.href);
  migrateDb(db);
  return {
    db,
    drop: () => {
      db.$client.close();
      // Forced: a child process the test started (a worker) may still hold a connection.
      admin?.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
