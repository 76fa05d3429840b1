// One worker of bench/integration.ts: a process with its own database connection and its own owner name, sharing
// the work with the others the way scripts/worker.ts processes do (a lease per connection for reading it, the
// outbox's claims for replicating). The benchmark says what to do over IPC, so a worker's start-up is not timed.
// Usage: forked by bench/integration.ts with <database file or postgres:// URL> <owner>.
import { and, count, eq, notInArray } from "drizzle-orm";
import { openDb } from "../db/client";
import { listEnabledConnections } from "../db/queries/connections";
import { releaseLease, takeLease } from "../db/queries/worker-leases";
import { outbox } from "../db/schema";
import { adapterFor } from "../server/channels/registry";
import type { ChannelId } from "../server/domain/channels/channels";
import { SETTLED } from "../server/domain/replication/outbox-states";
import { connectionInfo } from "../server/sync/connection-info";
import { ingestConnection } from "../server/sync/ingest";
import { replicateUntilIdle } from "../server/sync/replicate";
import { REPLICATION_DEFAULTS } from "../server/worker/run";

export type WorkerCommand = { kind: "ingest"; connectionId: number } | { kind: "replicate"; channel: ChannelId };
export type WorkerAnswer =
  | { kind: "ready" }
  | { kind: "ingested"; read: boolean }
  | { kind: "replicated"; attempts: number }
  | { kind: "failed"; message: string };

const [target = "", owner = `bench-${process.pid}`] = process.argv.slice(2);
const db = openDb(target);
const send = (answer: WorkerAnswer) => process.send?.(answer);

function unsettled(channel: ChannelId): number {
  return (
    db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.channel, channel), notInArray(outbox.state, [...SETTLED])))
      .get()?.n ?? 0
  );
}

async function run(command: WorkerCommand): Promise<WorkerAnswer> {
  if (command.kind === "ingest") {
    const connection = listEnabledConnections(db).find((c) => c.id === command.connectionId);
    // The worker's lease and its length (server/worker/run.ts): a connection is read by one worker at a time.
    const lease = `pull:${command.connectionId}`;
    if (!connection || !takeLease(db, lease, owner, new Date(), 2 * 60_000)) return { kind: "ingested", read: false };
    try {
      await ingestConnection(db, connection, adapterFor(connectionInfo(db, connection)));
      return { kind: "ingested", read: true };
    } finally {
      releaseLease(db, lease, owner);
    }
  }
  // Until every update is settled: an attempt that waited for its rate-limit turn, or an answer the marketplace
  // confirms later, comes due again, so "idle" alone would count attempts rather than updates delivered.
  let attempts = 0;
  while (unsettled(command.channel) > 0) {
    attempts += await replicateUntilIdle(
      db,
      { owner, leaseMs: 30_000, batch: REPLICATION_DEFAULTS.batch, adapterFor },
      REPLICATION_DEFAULTS.lanes,
    );
    if (unsettled(command.channel) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { kind: "replicated", attempts };
}

process.on("message", (command: WorkerCommand) => {
  run(command).then(send, (error) => send({ kind: "failed", message: String(error?.stack ?? error) }));
});
process.on("disconnect", () => {
  db.$client.close();
  process.exit(0);
});
send({ kind: "ready" });
