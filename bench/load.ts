// Under load at a million orders: 100 readers (board lists under every filter, searches, counts, an order's page)
// and 10 writers (invoice, ship, deliver, each on orders of its own) for 60 s through the app's tRPC HTTP API with
// real sessions; p50/p95/p99/max per kind of request and the errors, for one web process and for one per core,
// side by side. Figures go to bench/RESULTS.md.
// `--root`: the checkout whose app is built and served (by default this one); a copy of a commit keeps the figures
// apart from edits and builds going on in the working tree.
// `--database`: another copy of the million orders (e.g. with an index under consideration); `--skip-build`: the root's
// build is already of its sources.
// Usage: npm run bench:load -- [--orders 1000000] [--reuse] [--seconds 60] [--processes 1,2] [--root DIR]
//        [--database FILE] [--skip-build]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { and, count, eq, gte, inArray, isNotNull, isNull } from "drizzle-orm";
import { type Db, migrateDb, openDb } from "../db/client";
import { divergences, orders, sellerAccounts } from "../db/schema";
import { buildAccessKey } from "../server/domain/invoice/access-key";
import { s10CheckDigit } from "../server/domain/shipping/s10";
import { saoPauloDayStart, toSaoPauloYmd } from "../server/domain/time";
import { benchEnv, nextBuild, seedOrders, startWeb } from "./app";
import {
  type Call,
  type Client,
  type Percentiles,
  percentiles,
  type Sample,
  think,
  timed,
  tRpcClient,
} from "./load-client";
import { recordResults } from "./results";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000000" },
    reuse: { type: "boolean", default: false },
    seconds: { type: "string", default: "60" },
    readers: { type: "string", default: "100" },
    writers: { type: "string", default: "10" },
    "think-ms": { type: "string", default: "1000" },
    processes: { type: "string", default: `1,${cpus().length}` },
    root: { type: "string", default: process.cwd() },
    // The database bench/board.ts keeps, so either benchmark reuses the other's million orders.
    database: { type: "string", default: "bench/out/board.db" },
    "skip-build": { type: "boolean", default: false },
  },
});
const SECONDS = Number(values.seconds);
const READERS = Number(values.readers);
const WRITERS = Number(values.writers);
const THINK_MS = Number(values["think-ms"]);
const WARM_UP_SECONDS = 10;
const GOAL_P99_MS = 250;
const DB_PATH = resolve(values.database);
const PORT = 3340;

/** A deterministic generator, so every run asks the same mix. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const baseEnv = benchEnv(DB_PATH, PORT);
if (!values.reuse) seedOrders(baseEnv, values.orders);
const db = openDb(DB_PATH);
migrateDb(db);
const account = db.select().from(sellerAccounts).orderBy(sellerAccounts.id).limit(1).get();
if (!account) throw new Error(`no account in ${DB_PATH}`);
openDivergences(db, account.id);
const samples = searchSamples(db, account.id);
const candidates = writableOrders(db, account.id);
db.$client.close();
if (!values["skip-build"]) nextBuild(baseEnv, values.root);

/**
 * Open divergences as the reconciler leaves them (the generated orders have none), so the board's divergent
 * filter reads a list of realistic length: one order in 500 of the account.
 */
function openDivergences(db: Db, accountId: number): void {
  const open = db
    .select({ n: count() })
    .from(divergences)
    .where(and(eq(divergences.accountId, accountId), isNull(divergences.resolvedAt)))
    .get();
  if (open?.n) return;
  const picked = db
    .select({ id: orders.id, channel: orders.channel })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), eq(orders.status, "SHIPPED")))
    .limit(1_000)
    .all();
  const now = new Date();
  db.insert(divergences)
    .values(
      picked.map((o) => ({
        orderId: o.id,
        accountId,
        channel: o.channel,
        kind: "manual_change" as const,
        hubState: { status: "SHIPPED" },
        marketplaceState: { status: "DELIVERED" },
        likelyCause: "Alteração manual no painel do marketplace",
        openedAt: now,
      })),
    )
    .run();
}

type SearchSamples = { codes: string[]; documents: string[]; keys: string[]; tracking: string[]; ids: number[] };

/** Values a seller would type into the search box, read from orders spread over the account's history. */
function searchSamples(db: Db, accountId: number): SearchSamples {
  const random = mulberry32(7);
  const max = db.select({ n: count() }).from(orders).get()?.n ?? 0;
  const ids = Array.from({ length: 400 }, () => 1 + Math.floor(random() * max));
  const rows = db
    .select({
      id: orders.id,
      code: orders.marketplaceCode,
      document: orders.customerDocument,
      key: orders.accessKey,
      tracking: orders.trackingCode,
    })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), inArray(orders.id, ids)))
    .all();
  const withTracking = db
    .select({ key: orders.accessKey, tracking: orders.trackingCode })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), isNotNull(orders.trackingCode)))
    .limit(100)
    .all();
  return {
    codes: rows.map((r) => r.code),
    documents: rows.map((r) => r.document),
    keys: withTracking.flatMap((r) => (r.key ? [r.key] : [])),
    tracking: withTracking.flatMap((r) => (r.tracking ? [r.tracking] : [])),
    ids: rows.map((r) => r.id),
  };
}

/** Approved orders this month that the seller ships by Correios, on channels that take an invoice by key. */
function writableOrders(db: Db, accountId: number): { id: number; version: number }[] {
  const monthStart = saoPauloDayStart(`${toSaoPauloYmd(new Date()).slice(0, 7)}-01`);
  return db
    .select({ id: orders.id, version: orders.version })
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        eq(orders.status, "APPROVED"),
        eq(orders.logisticsMode, "correios"),
        inArray(orders.channel, ["americanas", "magalu", "amazon", "carrefour", "zoom"]),
        isNull(orders.cancellationRequestedAt),
        isNull(orders.handledManuallyAt),
        gte(orders.placedAt, monthStart),
      ),
    )
    .all();
}

/**
 * The board's filters with how often a reader picks each: tabs, channels and periods most, the dashboard's
 * drill-downs (divergent, updates by state, orders stuck in a status, late deliveries) a third of the time.
 */
const FILTERS: [number, Record<string, unknown>][] = [
  [4, {}],
  [4, { status: "APPROVED" }],
  [2, { channels: ["amazon"] }],
  [2, { status: "INVOICED", channels: ["magalu", "americanas"] }],
  [1, { from: "2026-11-01", to: "2026-11-30" }],
  [1, { status: "DELIVERED", from: "2026-10-01" }],
  [1, { divergent: true }],
  [1, { divergent: true, channels: ["americanas"] }],
  [1, { replication: "held" }],
  [1, { replication: "pending" }],
  [1, { status: "APPROVED", stuckForHours: 24 }],
  [1, { status: "INVOICED", stuckForHours: 48 }],
  [1, { status: "SHIPPED", lateDelivery: true }],
];
const WEIGHTED_FILTERS = FILTERS.flatMap(([weight, filters]) => Array.from({ length: weight }, () => filters));
const DASHBOARD_KEYS = ["divergent", "replication", "stuckForHours", "lateDelivery"];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** One reader's next click, named by the kind of request it measures. */
function readerCall(random: () => number): { kind: string; call: Call } {
  const roll = random();
  const filters = pick(WEIGHTED_FILTERS, random);
  const suffix =
    "divergent" in filters
      ? " (divergentes)"
      : DASHBOARD_KEYS.some((k) => k in filters)
        ? " (outros filtros do painel)"
        : "";
  if (roll < 0.35) return { kind: `lista${suffix}`, call: { path: "orders.list", input: { filters, limit: 50 } } };
  if (roll < 0.65) return { kind: `contagens${suffix}`, call: { path: "orders.counts", input: { filters } } };
  if (roll < 0.85) {
    const q = pick(
      [
        pick(samples.codes, random),
        pick(samples.documents, random),
        pick(samples.keys, random),
        pick(samples.tracking, random),
        "mariana silva",
        "silva",
        "souza",
      ],
      random,
    );
    return { kind: "busca", call: { path: "orders.list", input: { filters: { q }, limit: 50 } } };
  }
  return { kind: "pedido", call: { path: "orders.get", input: { id: pick(samples.ids, random) } } };
}

let keySeq = 0;
// Keys and tracking codes unique across runs: the seconds of the epoch start the numbering.
const runBase = Math.floor(Date.now() / 1000) % 80_000_000;

function nextKey(): string {
  keySeq += 1;
  const now = new Date();
  return buildAccessKey({
    stateCode: 35,
    year: now.getUTCFullYear(),
    month: now.getUTCMonth() + 1,
    cnpj: account?.cnpj ?? "",
    series: 7,
    number: runBase + keySeq,
    randomCode: String(10_000_000 + keySeq).slice(-8),
  });
}

function nextTracking(): string {
  const digits = String(runBase + keySeq)
    .padStart(8, "0")
    .slice(-8);
  return `LB${digits}${s10CheckDigit(digits)}BR`;
}

type Run = { samples: Sample[]; seconds: number };

async function runLoad(
  client: Client,
  readerCookies: string[],
  writerCookies: string[],
  orderQueue: { id: number; version: number }[],
  seconds: number,
): Promise<Run> {
  const collected: Sample[] = [];
  const until = Date.now() + seconds * 1000;
  const today = toSaoPauloYmd(new Date());
  const reader = async (n: number) => {
    const random = mulberry32(1_000 + n);
    await think(THINK_MS, random, until);
    while (Date.now() < until) {
      const { kind, call } = readerCall(random);
      await timed(client, readerCookies[n % readerCookies.length] ?? "", kind, call, collected);
      await think(THINK_MS, random, until);
    }
  };
  const writer = async (n: number) => {
    const random = mulberry32(2_000 + n);
    const cookie = writerCookies[n] ?? "";
    await think(THINK_MS, random, until);
    while (Date.now() < until) {
      const order = orderQueue.shift();
      if (!order) throw new Error("not enough approved orders left for the writers");
      const steps: [string, (version: number) => Call][] = [
        [
          "faturar",
          (version) => ({
            path: "orders.invoice",
            mutation: true,
            input: { orderId: order.id, version, invoice: { method: "key", accessKey: nextKey() } },
          }),
        ],
        [
          "enviar",
          (version) => ({
            path: "orders.ship",
            mutation: true,
            input: {
              orderId: order.id,
              version,
              tracking: { carrier: "correios", code: nextTracking(), method: "SEDEX", handedAt: today },
            },
          }),
        ],
        [
          "entregar",
          (version) => ({
            path: "orders.markDelivered",
            mutation: true,
            input: { orderId: order.id, version, deliveredOn: today },
          }),
        ],
      ];
      let version = order.version;
      for (const [kind, call] of steps) {
        if (Date.now() >= until) break;
        const data = (await timed(client, cookie, kind, call(version), collected)) as { version?: number } | null;
        if (!data?.version) break;
        version = data.version;
        await think(THINK_MS, random, until);
      }
    }
  };
  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: READERS }, (_, i) => reader(i)),
    ...Array.from({ length: WRITERS }, (_, i) => writer(i)),
  ]);
  return { samples: collected, seconds: (performance.now() - started) / 1000 };
}

type Measured = { processes: number; run: Run; load: string; serverCpuSeconds: number; besideSlow: Percentiles };

const SLOW_SECONDS = 15;
/** The board's tab counts under the dashboard's "stuck for 24 h": every order of the account read, ~0.7 s. */
const SLOW_CALL: Call = { path: "orders.counts", input: { filters: { status: "APPROVED", stuckForHours: 24 } } };

/**
 * Four readers who just arrived paging the board (a cheap query) while one user asks for a slow count again and
 * again, each on a connection of its own: with one process each of their requests waits for the count running;
 * with several, the primary hands a new connection to a process that is free.
 */
async function besideSlowRequest(base: string, cookie: string): Promise<Percentiles> {
  const collected: Sample[] = [];
  const until = Date.now() + SLOW_SECONDS * 1000;
  const slow = async () => {
    const client = tRpcClient(base, 1);
    while (Date.now() < until) await timed(client, cookie, "lenta", SLOW_CALL, []);
  };
  const reader = async () => {
    const client = tRpcClient(base, 1);
    while (Date.now() < until) {
      await timed(client, cookie, "lista", { path: "orders.list", input: { filters: {}, limit: 50 } }, collected);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await Promise.all([slow(), reader(), reader(), reader(), reader()]);
  return percentiles(collected);
}

/**
 * CPU seconds the web server's processes have used so far: beside the requests they served, it tells a server
 * short of work (queues with CPU to spare) from one the machine's other load starves.
 */
function serverCpuSeconds(pid: number): number {
  const children = spawnSync("pgrep", ["-P", String(pid)])
    .stdout.toString()
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return [String(pid), ...children].reduce((sum, p) => {
    const stat = existsSync(`/proc/${p}/stat`) ? readFileSync(`/proc/${p}/stat`, "utf8") : "";
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, the 14th and 15th fields, in clock ticks (100 per second on Linux).
    return sum + (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
  }, 0);
}

async function measure(processes: number, orderQueue: { id: number; version: number }[]): Promise<Measured> {
  const app = await startWeb({ ...baseEnv, WEB_PROCESSES: String(processes) }, { root: values.root });
  try {
    const client = tRpcClient(app.base, READERS + WRITERS);
    const readerCookies = await Promise.all(Array.from({ length: 10 }, async () => (await app.signIn()).cookie ?? ""));
    const writerCookies = await Promise.all(
      Array.from({ length: WRITERS }, async () => (await app.signIn()).cookie ?? ""),
    );
    await runLoad(client, readerCookies, writerCookies, orderQueue, WARM_UP_SECONDS);
    const before = loadavg()[0] ?? 0;
    const cpuBefore = serverCpuSeconds(app.server.pid ?? 0);
    const run = await runLoad(client, readerCookies, writerCookies, orderQueue, SECONDS);
    const load = `${before.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`;
    const serverCpu = serverCpuSeconds(app.server.pid ?? 0) - cpuBefore;
    const besideSlow = await besideSlowRequest(app.base, readerCookies[0] ?? "");
    return { processes, run, load, serverCpuSeconds: serverCpu, besideSlow };
  } finally {
    app.stop();
    await new Promise((r) => app.server.once("exit", r));
  }
}

const KINDS = [
  "lista",
  "lista (divergentes)",
  "lista (outros filtros do painel)",
  "busca",
  "contagens",
  "contagens (divergentes)",
  "contagens (outros filtros do painel)",
  "pedido",
  "faturar",
  "enviar",
  "entregar",
];
const WRITE_KINDS = new Set(["faturar", "enviar", "entregar"]);
const ms = (v: number) => `${v.toFixed(0)} ms`;
const cells = (p: Percentiles) => `${p.n} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.p99)} | ${ms(p.max)} | ${p.errors}`;

const orderQueue = [...candidates];
const results: Measured[] = [];
for (const processes of values.processes.split(",").map(Number)) results.push(await measure(processes, orderQueue));

const lines = [
  `- máquina: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}; ${values.orders} pedidos (${values.database}, 1 000 divergências abertas na conta medida); o gerador de carga roda na mesma máquina`,
  `- ${READERS} leitores e ${WRITERS} escritores, cada um esperando a resposta e pausando de 0 a ${(2 * THINK_MS) / 1000} s (média ${THINK_MS / 1000} s) antes do próximo clique; ${WARM_UP_SECONDS} s de aquecimento, ${SECONDS} s medidos; sessões reais, API tRPC por HTTP`,
  `- leitores: lista do quadro com ${FILTERS.length} combinações de filtro (todas as do quadro, inclusive divergentes; as do painel em um terço das vezes), busca (código, CPF/CNPJ, chave, rastreio, nomes), contagens com os mesmos filtros, página do pedido; escritores: faturar (chave), enviar (Correios), entregar, cada pedido de um escritor só`,
  "",
  `| tipo | ${results.map((r) => `${r.processes} processo${r.processes > 1 ? "s" : ""}: n | p50 | p95 | p99 | máx | erros`).join(" | ")} |`,
  `|---|${results.map(() => "---|---|---|---|---|---|").join("")}`,
  ...[...KINDS, "todas as leituras", "todas as escritas"].map((kind) => {
    const columns = results.map((r) => {
      const chosen = r.run.samples.filter((s) =>
        kind === "todas as leituras"
          ? !WRITE_KINDS.has(s.kind)
          : kind === "todas as escritas"
            ? WRITE_KINDS.has(s.kind)
            : s.kind === kind,
      );
      return cells(percentiles(chosen));
    });
    return `| ${kind} | ${columns.join(" | ")} |`;
  }),
  "",
  ...results.map((r) => {
    const all = percentiles(r.run.samples);
    const errors = [...new Set(r.run.samples.flatMap((s) => (s.error ? [`${s.kind}: ${s.error}`] : [])))].slice(0, 3);
    const cpuShare = r.serverCpuSeconds / r.run.seconds;
    return `- ${r.processes} processo${r.processes > 1 ? "s" : ""}: ${(all.n / r.run.seconds).toFixed(0)} req/s; o servidor usou ${cpuShare.toFixed(2)} núcleo (${((1000 * r.serverCpuSeconds) / Math.max(1, all.n)).toFixed(1)} ms de CPU por requisição); carga média (1 min) ${r.load}${errors.length ? `; erros: ${errors.join("; ")}` : ""}`;
  }),
  ...results.map((r) => {
    const b = r.besideSlow;
    return `- ${r.processes} processo${r.processes > 1 ? "s" : ""}, ao lado de um pedido lento (contagens "no status há mais de 24 h" em laço, ${SLOW_SECONDS} s, sem a carga acima; cada um com sua conexão): a lista do quadro de 4 leitores em p50 ${ms(b.p50)}, p99 ${ms(b.p99)}, máx ${ms(b.max)} (${b.n} pedidos, ${b.errors} erros)`;
  }),
  `- meta: p99 ≤ ${GOAL_P99_MS} ms para leituras e escritas, 0 erros`,
];
console.log(lines.join("\n"));
const variant = values.database === "bench/out/board.db" ? "" : ` (${basename(values.database)})`;
recordResults(`Carga: 100 leitores e 10 escritores com um milhão de pedidos (issue 15)${variant}`, lines);
