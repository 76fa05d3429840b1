import type { Db } from "@/db/client";
import { listEnabledConnections } from "@/db/queries/connections";
import { adapterFor } from "@/server/channels/registry";
import { connectionInfo } from "@/server/sync/connection-info";
import { ingestConnection } from "@/server/sync/ingest";
import { replicateOnce } from "@/server/sync/replicate";

/** One intake pass over every enabled connection, as the worker's pull does. */
export async function ingestAll(db: Db) {
  for (const connection of listEnabledConnections(db)) {
    await ingestConnection(db, connection, adapterFor(connectionInfo(db, connection)));
  }
}

/** Replication passes until one sends nothing (at most 20, so a test that keeps producing updates still ends). */
export async function replicateAll(db: Db) {
  for (let i = 0; i < 20; i++) {
    const sent = await replicateOnce(db, { owner: "test-worker", leaseMs: 10_000, batch: 100, adapterFor });
    if (sent === 0) return;
  }
}
