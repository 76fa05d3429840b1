// The dashboard's queries at a million orders: the money and trend figures (dashboard.sales) and the counts
// (dashboard.get) for the largest accounts, over a week, the default month and a quarter, with the plan SQLite
// runs for each statement. Figures go to bench/RESULTS.md.
// Usage: npx tsx bench/dashboard.ts [--database bench/out/board.db] [--variant "com os índices propostos"] (seeded by
// `npm run bench:board`; it is migrated to this code's schema first, so point it at a copy when another benchmark is
// using the file).
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { count, desc } from "drizzle-orm";
import { migrateDb, openDb } from "../db/client";
import { countsByStatusAndChannel, ordersPerDay, replicationHealth, waitingOrders } from "../db/queries/dashboard";
import { orders } from "../db/schema";
import { placedWithinPeriod } from "../server/domain/dashboard/overview";
import { salesFigures } from "../server/domain/dashboard/sales";
import { periodRange, salesPeriod } from "../server/domain/dashboard/sales-period";
import { toSaoPauloYmd } from "../server/domain/time";
import { recordResults } from "./results";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "bench/out/board.db" },
    // A copy with indexes under consideration is recorded in a section of its own.
    variant: { type: "string" },
  },
});
const db = openDb(values.database);
migrateDb(db);

const accounts = db
  .select({ accountId: orders.accountId, n: count() })
  .from(orders)
  .groupBy(orders.accountId)
  .orderBy(desc(count()))
  .limit(2)
  .all();
const total = accounts.reduce((s, a) => s + a.n, 0);

/**
 * Median of 5 runs after one untimed run (statements prepared, pages cached), as wall time and as the CPU this
 * process used: on a machine shared with other work the CPU time is the figure that holds.
 */
function median(run: () => unknown): string {
  run();
  const runs = Array.from({ length: 5 }, () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    run();
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
  });
  const mid = (values: number[]) => values.sort((a, b) => a - b)[2] ?? 0;
  return `${mid(runs.map((r) => r.wall)).toFixed(0)} ms (CPU ${mid(runs.map((r) => r.cpu)).toFixed(0)} ms)`;
}

/** The plan of every statement `run` prepares, with the values it binds. */
function plans(run: () => unknown): string[] {
  const client = db.$client;
  const prepare = client.prepare;
  const seen: { sql: string; params: unknown[] }[] = [];
  client.prepare = ((source: string) => {
    const statement = prepare.call(client, source);
    for (const method of ["all", "get"] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      Object.assign(statement, {
        [method]: (...params: unknown[]) => {
          seen.push({ sql: source, params });
          return original(...params);
        },
      });
    }
    return statement;
  }) as typeof client.prepare;
  try {
    run();
  } finally {
    client.prepare = prepare;
  }
  return seen.map(({ sql, params }) =>
    (prepare.call(client, `EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
      .map((row) => row.detail)
      .join(" | "),
  );
}

const now = new Date();
const today = toSaoPauloYmd(now);
const daysBack = (n: number) => toSaoPauloYmd(new Date(now.getTime() - (n - 1) * 86_400_000));
const PERIODS = [
  { label: "7 dias", from: daysBack(7), to: today },
  { label: "30 dias (padrão)", from: undefined, to: undefined },
  { label: "90 dias", from: daysBack(90), to: today },
];

const lines = [
  `- máquina: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, carga ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}; ${total.toLocaleString("pt-BR")} pedidos nas 2 maiores contas (${values.database})`,
  "- cada número: mediana de 5 execuções da função de domínio/consulta no mesmo processo, depois de uma de aquecimento; tempo de relógio e, entre parênteses, a CPU do processo (a que vale numa máquina dividida com outros trabalhos)",
  "",
  "| conta | período | pedidos no período | dashboard.sales (receita, etapas, tempos) | dos quais pedidos por dia | dashboard.get (status × canal, esperas, sincronização) |",
  "|---|---|---|---|---|---|",
];
for (const { accountId, n } of accounts) {
  for (const period of PERIODS) {
    const chosen = { from: period.from, to: period.to };
    const figures = salesFigures(db, accountId, chosen, now);
    const sales = median(() => salesFigures(db, accountId, chosen, now));
    const range = periodRange(salesPeriod(chosen, now));
    const perDay = median(() => ordersPerDay(db, accountId, range));
    const get = median(() => {
      const placed = placedWithinPeriod(chosen);
      countsByStatusAndChannel(db, accountId, placed);
      waitingOrders(db, accountId, placed, now);
      replicationHealth(db, accountId);
    });
    const line = `| ${accountId} (${n.toLocaleString("pt-BR")}) | ${period.label} | ${figures.total.orders.toLocaleString("pt-BR")} | ${sales} | ${perDay} | ${get} |`;
    console.log(line);
    lines.push(line);
  }
}
lines.push(
  "",
  "- dashboard.sales lê cada pedido do período (o total não está em nenhum índice) e procura a primeira nota e o primeiro envio de cada um pelo seu id: o custo cresce com os pedidos do período, não com a tabela. Pedidos por dia só leem o índice (account_id, placed_at).",
  "- índices propostos (migração do dono das migrações), que tornam a leitura só de índices: `CREATE INDEX orders_account_placed_sales_idx ON orders (account_id, placed_at, channel, status, logistics_mode, total_cents, approved_at, deadline_kind, deadline_at);` `CREATE INDEX invoices_order_created_idx ON invoices (order_id, created_at);` `CREATE INDEX shipments_order_created_idx ON shipments (order_id, created_at);` (a nota guarda o XML na linha: sem o índice, ler created_at percorre o XML)",
);
const [first] = accounts;
if (first) {
  lines.push("", "Planos (dashboard.sales, 30 dias):", "");
  for (const plan of plans(() => salesFigures(db, first.accountId, {}, now))) lines.push(`- \`${plan}\``);
}
console.log(lines.join("\n"));
const title = "Painel: receita, etapas e tempos (dashboard.sales)";
recordResults(values.variant ? `${title}, ${values.variant}` : title, lines);
db.$client.close();
