import "../server/runtime/survive-log-failures";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { dirname, resolve } from "node:path";
import { closeDb, databasePath, openLongLivedDb } from "../db/client";
import { adapterFor } from "../server/channels/registry";
import { describeStorageError } from "../server/domain/storage-errors";
import { REPLICATION_DEFAULTS, startWorker } from "../server/worker/run";

// A data folder the worker cannot use is said in one line that names the fix, not a stack trace.
function openDatabase() {
  try {
    return openLongLivedDb();
  } catch (error) {
    const line = describeStorageError(error, dirname(resolve(databasePath())));
    if (!line) throw error;
    console.error(`[worker] ${line}`);
    process.exit(1);
  }
}

const db = openDatabase();
const owner = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
const worker = startWorker(db, {
  owner,
  adapterFor,
  pullEveryMs: Number(process.env.WORKER_PULL_EVERY_MS ?? 3000),
  reconcileEveryMs: Number(process.env.WORKER_RECONCILE_EVERY_MS ?? 30_000),
  idleWaitMs: Number(process.env.WORKER_IDLE_WAIT_MS ?? 250),
  batch: Number(process.env.WORKER_BATCH ?? REPLICATION_DEFAULTS.batch),
  lanes: Number(process.env.WORKER_LANES ?? REPLICATION_DEFAULTS.lanes),
  // Longer than any single marketplace call (10 s timeout), so a live worker never loses its lease.
  leaseMs: Number(process.env.WORKER_LEASE_MS ?? 30_000),
  retryMaxMs: process.env.WORKER_RETRY_MAX_MS ? Number(process.env.WORKER_RETRY_MAX_MS) : undefined,
  log: (line) => console.log(`[worker] ${line}`),
});
console.log(`[worker] ${owner} em execução`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    closeDb(db);
    process.exit(0);
  });
}
