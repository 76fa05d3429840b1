// Ingestion (orders/s) and replication (updates/s) between the hub and the marketplace sandbox on loopback.
// Usage: npm run bench:integration -- [--orders 10000]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { listEnabledConnections } from "../db/queries/connections";
import { orders } from "../db/schema";
import { seed } from "../db/seed/seed";
import { startSandbox } from "../sandbox/spawn";
import { adapterFor } from "../server/channels/registry";
import { CHANNEL_IDS } from "../server/domain/channels/channels";
import { markOutOfStock } from "../server/domain/orders/commands/stock-and-cancel";
import { connectionInfo } from "../server/worker/connection-info";
import { ingestConnection } from "../server/worker/ingest";
import { replicateUntilIdle } from "../server/worker/replicate";
import { REPLICATION_DEFAULTS } from "../server/worker/run";
import { connectToSandbox } from "../server/worker/sandbox-connections";
import { recordResults } from "./results";

const { values } = parseArgs({ options: { orders: { type: "string", default: "10000" } } });
const N = Number(values.orders);

const dir = mkdtempSync(join(tmpdir(), "fluxo-bench-"));
const db = openDb(join(dir, "hub.db"));
migrateDb(db);
await seed(db, { accounts: 1, ordersPerAccount: 0 });
const cnpj = "06929383000163";
const sandbox = await startSandbox({ sellers: [cnpj] });
await connectToSandbox(db, sandbox.url);

try {
  console.log(`Criando ${N} pedidos no sandbox…`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < N) {
        const i = next++;
        await sandbox.admin("/admin/orders", {
          seller: cnpj,
          channel: CHANNEL_IDS[i % CHANNEL_IDS.length],
          status: "APPROVED",
        });
      }
    }),
  );

  let started = performance.now();
  for (const connection of listEnabledConnections(db))
    await ingestConnection(db, connection, adapterFor(connectionInfo(db, connection)));
  const ingestSeconds = (performance.now() - started) / 1000;
  const ingested = db
    .select({ id: orders.id, version: orders.version })
    .from(orders)
    .where(eq(orders.status, "APPROVED"))
    .all();
  const ingestRate = Math.round(N / ingestSeconds);

  const ctx = { db, accountId: 1, actor: { type: "user" as const, userId: null, name: "Bench" } };
  for (const o of ingested) markOutOfStock(ctx, { orderId: o.id, version: o.version, reason: "Benchmark" });
  const updates = ingested.length;
  started = performance.now();
  // As the worker replicates: its batch size and lanes.
  const sent = await replicateUntilIdle(
    db,
    { owner: "bench", leaseMs: 30_000, batch: REPLICATION_DEFAULTS.batch, adapterFor },
    REPLICATION_DEFAULTS.lanes,
  );
  const replicateSeconds = (performance.now() - started) / 1000;
  const replicateRate = Math.round(sent / replicateSeconds);

  const lines = [
    `Ingestão: ${N} pedidos em ${ingestSeconds.toFixed(2)} s = ${ingestRate} pedidos/s (meta 5.000)`,
    `Replicação: ${updates} atualizações em ${replicateSeconds.toFixed(2)} s = ${replicateRate} atualizações/s (meta 2.000)`,
  ];
  for (const line of lines) console.log(line);
  recordResults("Integração com o sandbox (issue 4)", [
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}`,
    `- orders: ${N}`,
    ...lines.map((l) => `- ${l}`),
  ]);
} finally {
  await sandbox.stop();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}
