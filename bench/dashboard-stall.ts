// How long the web process's thread is held while a manager's dashboard is computed at a million orders: the same
// figures (dashboard.sales for the busiest account, the default 30 days) computed on the thread, as before issue 16's
// follow-up, and in the figures worker thread (server/domain/dashboard/figures-off-thread.ts), side by side in one
// run. A 1 ms timer stands for the other users' requests: its worst delay is how long they would wait.
// Usage: npx tsx bench/dashboard-stall.ts [--database bench/out/board.db] [--rounds 6]
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { count, desc } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { orders } from "../db/schema";
import { salesOffThread, stopFiguresThreads } from "../server/domain/dashboard/figures-off-thread";
import { salesFigures } from "../server/domain/dashboard/sales";
import { recordResults } from "./results";

const { values } = parseArgs({
  options: { database: { type: "string", default: "bench/out/board.db" }, rounds: { type: "string", default: "6" } },
});
const rounds = Number(values.rounds);
const db = openDb(values.database);
migrateDb(db);
const busiest = db
  .select({ accountId: orders.accountId, n: count() })
  .from(orders)
  .groupBy(orders.accountId)
  .orderBy(desc(count()))
  .limit(1)
  .get();
if (!busiest) throw new Error("Base vazia: rode npm run bench:board antes.");

const ms = (ns: number) => (ns / 1e6).toFixed(0);

/** Each round computes the figures once; meanwhile the event loop's delay is sampled every millisecond. */
async function measure(compute: () => Promise<unknown>) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const ticker = setInterval(() => {}, 1);
  histogram.enable();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    await compute();
    // Let the late timer fire, so a stall on this thread is sampled before the next round.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const perRound = (performance.now() - started) / rounds - 5;
  histogram.disable();
  clearInterval(ticker);
  return { perRound: perRound.toFixed(0), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}

const now = new Date();
// Warm both: the thread loads its modules once, and the first read pages the database in.
salesFigures(db, busiest.accountId, {}, now);
await salesOffThread(db, busiest.accountId, {}, now);
const onThread = await measure(async () => salesFigures(db, busiest.accountId, {}, now));
const offThread = await measure(() => salesOffThread(db, busiest.accountId, {}, now));
await stopFiguresThreads();

const lines = [
  `- machine: ${cpus().length} × ${cpus()[0]?.model.split(" ").slice(0, 2).join(" ")}, Node ${process.version}; load average ao começar ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`,
  `- base ${values.database}: conta ${busiest.accountId} com ${busiest.n} pedidos; dashboard.sales dos 30 dias padrão, ${rounds} vezes em cada modo`,
  "",
  "| onde o painel é calculado | tempo por painel | atraso p99 do laço de eventos | maior atraso (o que outro pedido esperaria) |",
  "|---|---|---|---|",
  `| na thread do servidor (antes) | ${onThread.perRound} ms | ${onThread.p99} ms | ${onThread.max} ms |`,
  `| em uma worker thread (agora) | ${offThread.perRound} ms | ${offThread.p99} ms | ${offThread.max} ms |`,
];
console.log(lines.join("\n"));
recordResults("Painel calculado fora da thread do servidor (issue 16)", lines);
