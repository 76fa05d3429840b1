// Ingestion (orders/s) and replication (updates/s) between the hub and the marketplace sandbox on loopback, done
// by one or two worker processes (bench/integration-worker.ts), each with its own connection and owner, on
// either engine.
// Usage: npm run bench:integration -- [--orders 10000] [--channels zoom,carrefour] [--engine sqlite|postgres]
//        [--workers 1|2] [--faults 0.2]
// With postgres, DATABASE_URL names a database the benchmark empties.
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { and, count, eq, inArray } from "drizzle-orm";
import { migrateDb, openDb, resetDatabase } from "../db/client";
import { listEnabledConnections } from "../db/queries/connections";
import { orders, outbox } from "../db/schema";
import { startSandbox } from "../sandbox/spawn";
import { renderNfeXml } from "../scripts/seed-data/nfe-xml";
import { seed } from "../scripts/seed-data/seed";
import { CHANNEL_IDS, CHANNEL_LABELS, type ChannelId } from "../server/domain/channels/channels";
import { CHANNEL_RULES, type ChannelProtocol } from "../server/domain/channels/rules";
import { buildAccessKey } from "../server/domain/invoice/access-key";
import { invoiceOrder } from "../server/domain/orders/commands/invoice";
import { shipOrder } from "../server/domain/orders/commands/ship";
import { cancelOrder } from "../server/domain/orders/commands/stock-and-cancel";
import { REPLICATION_DEFAULTS } from "../server/worker/run";
import { connectToSandbox } from "../server/worker/sandbox-connections";
import { benchDatabase, ENGINE_LABELS, parseEngine } from "./app";
import type { WorkerAnswer, WorkerCommand } from "./integration-worker";
import { recordResults } from "./results";

// SkyHub's queue gives one order per call at 9 calls/s: a few thousand orders keep the run within minutes.
// `--channels zoom,carrefour` measures some channels only: Amazon's usage plans alone take minutes.
const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1800" },
    channels: { type: "string", default: CHANNEL_IDS.join(",") },
    engine: { type: "string", default: "sqlite" },
    workers: { type: "string", default: "1" },
    // The share of marketplace calls that fail (a fifth of those after the marketplace applied them, the answer
    // lost), and then a check that every update reached the marketplace once and in order per order.
    faults: { type: "string", default: "0" },
  },
});
const FAULTS = Number(values.faults);
if (!(FAULTS >= 0 && FAULTS < 1)) {
  console.error(`--faults deve ser uma fração entre 0 e 1 (recebido: ${values.faults}).`);
  process.exit(2);
}
const engine = parseEngine(values.engine);
const WORKERS = Number(values.workers);
if (WORKERS !== 1 && WORKERS !== 2) {
  console.error(`--workers deve ser 1 ou 2 (recebido: ${values.workers}).`);
  process.exit(2);
}
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
const target = benchDatabase(engine, join(dir, "hub.db"));
resetDatabase(target);
const db = openDb(target);
migrateDb(db);
// The workers decrypt the credentials this process stores: one key for all, and no key file left in data/.
process.env.FLUXO_SECRETS_KEY ??= randomBytes(32).toString("base64");
await seed(db, { accounts: 1, ordersPerAccount: 0 });
const cnpj = "06929383000163";
const sandbox = await startSandbox({ sellers: [cnpj] });
await connectToSandbox(db, sandbox.url);

/**
 * Under faults, what the marketplace received against what the hub sent: every update acknowledged once (the
 * sandbox's /v1 by idempotency key, the real protocols, which take none, by order and kind) and an order's updates
 * received in the order the hub made them. Throws on the first update that breaks either.
 */
async function checkDelivery(): Promise<string[]> {
  const received = await sandbox.admin<{
    updates: {
      idempotencyKey: string;
      channel: string;
      code: string;
      kind: string;
      receivedCount: number;
      firstReceivedAt: string;
    }[];
  }>(`/admin/updates?seller=${cnpj}`);
  const keyOf = (u: { channel: string; code: string; kind: string; idempotencyKey: string }) =>
    u.idempotencyKey.includes(":") ? `${u.channel} ${u.code} ${u.kind}` : u.idempotencyKey;
  const seen = new Map<string, string>();
  for (const u of received.updates) {
    // A /v1 update sent again under its key after a lost answer is applied once: the sandbox counts it, not twice.
    if (seen.has(keyOf(u))) throw new Error(`aplicada mais de uma vez: ${keyOf(u)}`);
    seen.set(keyOf(u), u.firstReceivedAt);
  }
  const sent = db
    .select({
      key: outbox.idempotencyKey,
      orderId: outbox.orderId,
      channel: outbox.channel,
      kind: outbox.kind,
      state: outbox.state,
      code: orders.marketplaceCode,
      response: outbox.marketplaceResponse,
    })
    .from(outbox)
    .innerJoin(orders, eq(orders.id, outbox.orderId))
    .orderBy(outbox.id)
    .all();
  const times = new Map<number, string[]>();
  let readBack = 0;
  for (const u of sent) {
    if (u.state !== "acknowledged") throw new Error(`não confirmada: ${u.channel} ${u.code} ${u.kind} (${u.state})`);
    const at = seen.get(CHANNEL_RULES[u.channel].protocol === "sandbox" ? u.key : `${u.channel} ${u.code} ${u.kind}`);
    // Zoom's held invoice carries the shipment: a shipment whose first try failed is found there on read-back.
    if (!at && (u.response as { confirmedBy?: string } | null)?.confirmedBy === "read_back") readBack += 1;
    else if (!at) throw new Error(`não recebida: ${u.channel} ${u.code} ${u.kind}`);
    else times.set(u.orderId, [...(times.get(u.orderId) ?? []), at]);
  }
  for (const [orderId, at] of times) {
    if (at.some((t, i) => i > 0 && t < (at[i - 1] as string))) throw new Error(`fora de ordem: pedido ${orderId}`);
  }
  return [
    "",
    `- faults: ${Math.round(FAULTS * 100)}% of replication calls failed (${Math.round((FAULTS / 4) * 100)}% after the marketplace applied them, the answer lost); ${sent.length} updates, every one acknowledged, each received once by the marketplace (${readBack} confirmed by reading the order back), an order's updates in the order the hub made them`,
  ];
}

type Worker = { child: ChildProcess; answers: WorkerAnswer[]; waiting: ((answer: WorkerAnswer) => void)[] };
const workers: Worker[] = [];

function nextAnswer(worker: Worker): Promise<WorkerAnswer> {
  const queued = worker.answers.shift();
  if (queued) return Promise.resolve(queued);
  return new Promise((resolve) => worker.waiting.push(resolve));
}

async function ask(worker: Worker, command: WorkerCommand): Promise<WorkerAnswer> {
  worker.child.send(command);
  const answer = await nextAnswer(worker);
  if (answer.kind === "failed") throw new Error(`worker ${worker.child.pid}: ${answer.message}`);
  return answer;
}

try {
  for (let i = 0; i < WORKERS; i++) {
    const child = fork(join("bench", "integration-worker.ts"), [target, `bench-${i + 1}`], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const worker: Worker = { child, answers: [], waiting: [] };
    child.on("message", (answer: WorkerAnswer) => {
      const resolve = worker.waiting.shift();
      if (resolve) resolve(answer);
      else worker.answers.push(answer);
    });
    child.once("exit", (code) => {
      if (code) console.error(`worker ${child.pid} saiu com código ${code}`);
    });
    workers.push(worker);
  }
  await Promise.all(workers.map(nextAnswer));

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
    // Every worker is asked at once, as their schedules would have them try; the connection's lease lets one read
    // it. The time is the reader's: a worker that came late and read an emptied queue again is not counted.
    let started = performance.now();
    let ingestSeconds = 0;
    await Promise.all(
      workers.map(async (worker) => {
        const answer = await ask(worker, { kind: "ingest", connectionId: connection.id });
        if (answer.kind === "ingested" && answer.read && !ingestSeconds)
          ingestSeconds = (performance.now() - started) / 1000;
      }),
    );
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
    // Faults on replication only: a failed read is retried on the worker's schedule, which this run does not keep.
    const faults = (errorRate: number) => sandbox.admin("/admin/faults", { errorRate, errorAfterApply: errorRate / 4 });
    if (FAULTS > 0) await faults(FAULTS);
    started = performance.now();
    let attempts = 0;
    await Promise.all(
      workers.map(async (worker) => {
        const answer = await ask(worker, { kind: "replicate", channel });
        if (answer.kind === "replicated") attempts += answer.attempts;
      }),
    );
    const replicateSeconds = (performance.now() - started) / 1000;
    if (FAULTS > 0) await faults(0);
    const settled = acknowledgedOf(channel);
    const row = `| ${CHANNEL_LABELS[channel]} | ${CHANNEL_RULES[channel].protocol} | ${ingested.length} in ${ingestSeconds.toFixed(1)} s = ${Math.round(ingested.length / ingestSeconds)}/s | ${settled} acknowledged in ${replicateSeconds.toFixed(1)} s = ${(settled / replicateSeconds).toFixed(1)}/s (${attempts} attempts) | ${PUBLISHED_LIMITS[CHANNEL_RULES[channel].protocol]} |`;
    console.log(row);
    rows.push(row);
  }
  const delivery = FAULTS > 0 ? await checkDelivery() : [];
  // A run of some channels is recorded beside the whole one, not over it.
  const some = CHANNELS.length < CHANNEL_IDS.length ? `: ${CHANNELS.map((c) => CHANNEL_LABELS[c]).join(", ")}` : "";
  const crew = `${WORKERS === 1 ? "1 worker" : `${WORKERS} workers`}${FAULTS > 0 ? `, ${Math.round(FAULTS * 100)}% of calls failing` : ""}`;
  recordResults(`Integração com o sandbox (issue 19): ${ENGINE_LABELS[engine]}, ${crew}${some}`, [
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
    `- ${ENGINE_LABELS[engine]}; ${crew} in processes of their own (own connection, own owner), each with the worker's batch of ${REPLICATION_DEFAULTS.batch} and ${REPLICATION_DEFAULTS.lanes} lanes; a connection is read by the worker that takes its lease`,
    `- orders: ${N}, spread over ${CHANNELS.map((c) => CHANNEL_LABELS[c]).join(", ")}; the sandbox on loopback speaks each protocol`,
    "",
    "| channel | protocol | intake (orders) | replication (updates) | the marketplace's published limit |",
    "|---|---|---|---|---|",
    ...rows,
    ...delivery,
  ]);
} finally {
  for (const worker of workers) if (worker.child.connected) worker.child.disconnect();
  await Promise.all(workers.map((w) => (w.child.exitCode === null ? once(w.child, "exit") : null)));
  await sandbox.stop();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}
