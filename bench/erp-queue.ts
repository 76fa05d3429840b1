// The ERP queue loop at a million orders (issue 18): an ERP reads GET /queues/orders and acknowledges each order with
// DELETE /queues/orders/{code}, over HTTP against the ERP API in its own process, on a base of a million orders with
// every order of one account (about 500 000) waiting in the queue. Throughput (orders read and acknowledged per
// second) with 1 and 4 ERP clients at once, latency of each call, and the machine's load, which is shared.
// Usage: npx tsx bench/erp-queue.ts [--orders 1000000] [--copy-from <a seeded database>] [--loops 3000] [--reuse]
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { insertErpKey } from "../db/queries/erp-keys";
import { erpQueue, orders, sellerAccounts, users } from "../db/schema";
import { newErpKey } from "../server/erp-api/keys";
import { benchEnv, seedOrders } from "./app";
import { recordResults } from "./results";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000000" },
    "copy-from": { type: "string" },
    loops: { type: "string", default: "3000" },
    reuse: { type: "boolean", default: false },
  },
});
const DB = join("bench", "out", "erp-queue.db");
const PORT = 3390;
const env = benchEnv(DB, 3391);
const LOOPS = Number(values.loops);

const source = values["copy-from"];
if (!values.reuse || !existsSync(DB)) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${DB}${suffix}`, { force: true });
  if (source && existsSync(source)) copyFileSync(source, DB);
  else seedOrders(env, values.orders);
}

const db = openDb(DB);
migrateDb(db);
const total = db.select({ n: sql<number>`count(*)` }).from(orders).get()?.n ?? 0;
const account = db.select({ id: sellerAccounts.id }).from(sellerAccounts).orderBy(sellerAccounts.id).get();
if (!account) throw new Error("no account in the benchmark database");
const seller = db.select({ email: users.email }).from(users).where(eq(users.sellerAccountId, account.id)).get();
// The whole account waits in the queue, as if an ERP were connected to an account with its whole history unread.
db.delete(erpQueue).run();
db.$client
  .prepare(
    "INSERT INTO erp_queue (order_id, account_id, visible_at) SELECT id, account_id, 0 FROM orders WHERE account_id = ?",
  )
  .run(account.id);
db.$client.exec("ANALYZE erp_queue");
const queued = db.select({ n: sql<number>`count(*)` }).from(erpQueue).get()?.n ?? 0;
const key = newErpKey();
insertErpKey(db, {
  accountId: account.id,
  name: "bench",
  userEmail: seller?.email ?? "bench@fluxo.local",
  keyHash: key.hash,
  keyPrefix: key.prefix,
  createdByUserId: null,
  now: new Date(),
});
db.$client.close();

const server = spawn(process.execPath, ["--import", "tsx", "bench/erp-api-server.ts"], {
  env: { ...env, ERP_API_PORT: String(PORT) },
  stdio: ["ignore", "pipe", "inherit"],
});
process.on("exit", () => server.kill("SIGTERM"));
await new Promise<void>((resolve, reject) => {
  server.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
  server.on("exit", () => reject(new Error("ERP API server did not start")));
});

const base = `http://127.0.0.1:${PORT}`;
const headers = { "X-User-Email": seller?.email ?? "bench@fluxo.local", "X-Api-Key": key.key };

async function timed(method: string, path: string, into: number[]): Promise<{ status: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { method, headers });
  const text = await response.text();
  into.push(performance.now() - started);
  return { status: response.status, text };
}

/** `clients` ERPs draining `loops` orders in all; each order read, then acknowledged. */
async function drain(clients: number, loops: number) {
  const reads: number[] = [];
  const acks: number[] = [];
  let left = loops;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) {
        const next = await timed("GET", "/queues/orders", reads);
        if (next.status !== 200) throw new Error(`queue answered ${next.status}`);
        const code = (JSON.parse(next.text) as { code: string }).code;
        const ack = await timed("DELETE", `/queues/orders/${encodeURIComponent(code)}`, acks);
        if (ack.status !== 204) throw new Error(`DELETE answered ${ack.status}`);
      }
    }),
  );
  return { reads, acks, seconds: (performance.now() - started) / 1000 };
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const loadBefore = loadavg();
// Warm-up: statement preparation and JIT are not the loop's throughput.
await drain(1, 200);
const lines = [
  `- base: ${total.toLocaleString("pt-BR")} pedidos; na fila da conta medida: ${queued.toLocaleString("pt-BR")}`,
  `- máquina: ${cpus().length} núcleos compartilhados; carga (1/5/15 min) antes: ${loadBefore.map((l) => l.toFixed(1)).join(" / ")}`,
  "",
  "| ERPs ao mesmo tempo | pedidos lidos e confirmados | pedidos/s | GET /queues/orders p50 / p99 | DELETE p50 / p99 |",
  "|---|---|---|---|---|",
];
for (const clients of [1, 4, 1]) {
  const run = await drain(clients, LOOPS);
  lines.push(
    `| ${clients} | ${LOOPS} | ${(LOOPS / run.seconds).toFixed(0)} | ${ms(pct(run.reads, 50))} / ${ms(pct(run.reads, 99))} | ${ms(pct(run.acks, 50))} / ${ms(pct(run.acks, 99))} |`,
  );
  console.log(lines.at(-1));
}
lines.push(
  "",
  `- carga depois: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(
      " / ",
    )}. A máquina é dividida com outras sessões de trabalho hoje (builds e testes de três outros engenheiros): os números são um piso, não a capacidade de uma máquina dedicada.`,
  "- Cada volta é a de um ERP pelo guia da SkyHub: GET /queues/orders (o pedido inteiro, com itens, notas e envios) e DELETE do código; limites por chave desligados (bench/erp-api-server.ts) para medir o servidor e não os 9/s da SkyHub.",
);
recordResults("ERP API: queue loop at a million orders (issue 18)", lines);
server.kill("SIGTERM");
process.exit(0);
