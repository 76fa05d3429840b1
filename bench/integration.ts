// Ingestion (orders/s) and replication (updates/s) between the hub and the marketplace sandbox on loopback.
// Usage: npm run bench:integration -- [--orders 10000]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { and, count, eq, inArray, notInArray } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { listEnabledConnections } from "../db/queries/connections";
import { orders, outbox } from "../db/schema";
import { startSandbox } from "../sandbox/spawn";
import { renderNfeXml } from "../scripts/seed-data/nfe-xml";
import { seed } from "../scripts/seed-data/seed";
import { adapterFor } from "../server/channels/registry";
import { CHANNEL_IDS, CHANNEL_LABELS, type ChannelId } from "../server/domain/channels/channels";
import { CHANNEL_RULES, type ChannelProtocol } from "../server/domain/channels/rules";
import { buildAccessKey } from "../server/domain/invoice/access-key";
import { invoiceOrder } from "../server/domain/orders/commands/invoice";
import { shipOrder } from "../server/domain/orders/commands/ship";
import { cancelOrder } from "../server/domain/orders/commands/stock-and-cancel";
import { SETTLED } from "../server/domain/replication/outbox-states";
import { connectionInfo } from "../server/sync/connection-info";
import { ingestConnection } from "../server/sync/ingest";
import { replicateUntilIdle } from "../server/sync/replicate";
import { REPLICATION_DEFAULTS } from "../server/worker/run";
import { connectToSandbox } from "../server/worker/sandbox-connections";
import { recordResults } from "./results";

// SkyHub's queue gives one order per call at 9 calls/s: a few thousand orders keep the run within minutes.
// `--channels zoom,carrefour` measures some channels only: Amazon's usage plans alone take minutes.
const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1800" },
    channels: { type: "string", default: CHANNEL_IDS.join(",") },
  },
});
const CHANNELS = CHANNEL_IDS.filter((channel) => values.channels.split(",").includes(channel));
const N = Number(values.orders);

// What each marketplace publishes (docs/CHANNELS.md), shown beside what the hub reached against the sandbox.
const PUBLISHED_LIMITS: Record<ChannelProtocol, string> = {
  skyhub: "writes 9/s, queue 9/s, order reads 1/s per store",
  mercado_livre: "not published (429 with back-off)",
  magalu: "a rate-limit page exists, numbers not read (429, Retry-After honoured when sent)",
  sandbox: "none (the sandbox's /v1)",
  amazon_sp: "searchOrders 0.0056/s (burst 20), getOrder 0.5/s, confirmShipment 2/s, NF-e upload 1.133/s per seller",
  mirakl: "OR11 polling once a minute per shop, OR31 5/s; other calls 'at each event'",
};

function unsettled(channel: ChannelId): number {
  return (
    db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.channel, channel), notInArray(outbox.state, [...SETTLED])))
      .get()?.n ?? 0
  );
}

function acknowledgedOf(channel: ChannelId): number {
  return (
    db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.channel, channel), eq(outbox.state, "acknowledged")))
      .get()?.n ?? 0
  );
}

let keySeq = 0;
function benchKey(cnpj: string): string {
  keySeq += 1;
  const now = new Date();
  return buildAccessKey({
    stateCode: 35,
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    cnpj,
    series: 1,
    number: keySeq,
    randomCode: String(10_000_000 + keySeq).slice(0, 8),
  });
}

/** An NF-e in homologation for Amazon's invoice upload (its own call; the demo's NF-e mode takes homologation). */
function benchNfe(cnpj: string): Buffer {
  const at = new Date(Date.now() - 3 * 3600_000).toISOString().slice(0, 19);
  return Buffer.from(
    renderNfeXml({
      accessKey: benchKey(cnpj),
      issuedAt: `${at}-03:00`,
      authorizedAt: `${at}-03:00`,
      emitter: { cnpj, name: "Loja do benchmark" },
      recipient: { document: "52998224725", name: "Cliente do benchmark" },
      items: [{ sku: "BENCH-1", name: "Item do benchmark", quantity: 1, unitPriceCents: 10_000 }],
      shippingCents: 0,
      totalCents: 10_000,
      purchaseOrder: "benchmark",
    }),
  );
}

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
        const channel = CHANNELS[i % CHANNELS.length] ?? "zoom";
        // Magalu confirms an invoice only after validating it and takes no cancellation: its orders come invoiced
        // from Magalu's side, in a mode where the seller ships them (as in the crash test).
        const magalu = CHANNEL_RULES[channel].protocol === "magalu";
        const created = await sandbox.admin<{ code: string }>("/admin/orders", {
          seller: cnpj,
          channel,
          status: "APPROVED",
          ...(magalu ? { logisticsMode: "correios" } : {}),
        });
        if (magalu) {
          await sandbox.admin(`/admin/orders/magalu/${encodeURIComponent(created.code)}/manual-change`, {
            status: "INVOICED",
            accessKey: benchKey(cnpj),
          });
        }
      }
    }),
  );

  // Per channel, one after another, so each protocol's figure is its own: intake through its adapter, then one
  // update per order of a kind that protocol carries (as the crash test does), replicated as the worker does.
  const rows: string[] = [];
  const ctx = {
    db,
    accountId: 1,
    actor: { type: "user" as const, userId: null, name: "Bench" },
    nfeMode: "sandbox" as const,
  };
  for (const connection of listEnabledConnections(db).filter((c) => CHANNELS.includes(c.channel))) {
    const channel = connection.channel;
    let started = performance.now();
    await ingestConnection(db, connection, adapterFor(connectionInfo(db, connection)));
    const ingestSeconds = (performance.now() - started) / 1000;
    const ingested = db
      .select({ id: orders.id, version: orders.version, status: orders.status })
      .from(orders)
      .where(and(inArray(orders.status, ["APPROVED", "INVOICED"]), eq(orders.channel, channel)))
      .all();
    for (const o of ingested) {
      const ref = { orderId: o.id, version: o.version };
      const code = `JD${String(o.id).padStart(12, "0")}`;
      if (o.status === "INVOICED") {
        shipOrder(ctx, { ...ref, tracking: { carrier: "jadlog", code, method: "Expresso", handedAt: new Date() } });
      } else if (CHANNEL_RULES[channel].protocol === "amazon_sp") {
        invoiceOrder(ctx, { ...ref, invoice: { method: "xml", fileName: "nota.xml", xml: benchNfe(cnpj) } });
      } else if (CHANNEL_RULES[channel].invoiceNeedsXml) {
        cancelOrder(ctx, { ...ref, reason: "Benchmark de replicação" });
      } else if (CHANNEL_RULES[channel].invoiceReplication === "with_shipment") {
        // The invoice waits for the shipping data (Zoom): it leaves with the shipment, or never.
        const invoiced = invoiceOrder(ctx, { ...ref, invoice: { method: "key", accessKey: benchKey(cnpj) } });
        const tracking = { carrier: "jadlog" as const, code, method: "Expresso", handedAt: new Date() };
        shipOrder(ctx, { orderId: o.id, version: invoiced.order.version, tracking });
      } else invoiceOrder(ctx, { ...ref, invoice: { method: "key", accessKey: benchKey(cnpj) } });
    }
    started = performance.now();
    // Until every update is settled: an attempt that waited for its rate-limit turn, or an answer the marketplace
    // confirms later, comes due again, so "idle" alone would count attempts rather than updates delivered.
    let attempts = 0;
    while (unsettled(channel) > 0) {
      attempts += await replicateUntilIdle(
        db,
        { owner: "bench", leaseMs: 30_000, batch: REPLICATION_DEFAULTS.batch, adapterFor },
        REPLICATION_DEFAULTS.lanes,
      );
      if (unsettled(channel) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const replicateSeconds = (performance.now() - started) / 1000;
    const settled = acknowledgedOf(channel);
    const row = `| ${CHANNEL_LABELS[channel]} | ${CHANNEL_RULES[channel].protocol} | ${ingested.length} in ${ingestSeconds.toFixed(1)} s = ${Math.round(ingested.length / ingestSeconds)}/s | ${settled} acknowledged in ${replicateSeconds.toFixed(1)} s = ${(settled / replicateSeconds).toFixed(1)}/s (${attempts} attempts) | ${PUBLISHED_LIMITS[CHANNEL_RULES[channel].protocol]} |`;
    console.log(row);
    rows.push(row);
  }
  // A run of some channels is recorded beside the whole one, not over it.
  const some = CHANNELS.length < CHANNEL_IDS.length ? `: ${CHANNELS.map((c) => CHANNEL_LABELS[c]).join(", ")}` : "";
  recordResults(`Integração com o sandbox, por canal e protocolo (issue 14)${some}`, [
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
    `- orders: ${N}, spread over ${CHANNELS.map((c) => CHANNEL_LABELS[c]).join(", ")}; the sandbox on loopback speaks each protocol`,
    "",
    "| channel | protocol | intake (orders) | replication (updates) | the marketplace's published limit |",
    "|---|---|---|---|---|",
    ...rows,
  ]);
} finally {
  await sandbox.stop();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}
