// The board at a million orders: orders.list and counts through the running app (p50, p99, req/s with
// autocannon), the same query from a bare node:http server on the same engine for comparison (better-sqlite3 or
// node-postgres), the board's first HTML time and first-load JavaScript, and the server's peak RSS. Figures go to
// bench/RESULTS.md, one section per engine and orders count. Each measurement runs after a warm-up of its own, so
// JIT compilation and first statement preparation are not counted as latency.
// Usage: npm run bench:board -- [--orders 1000000] [--reuse] [--engine sqlite|postgres]
// With postgres, DATABASE_URL names a database the benchmark empties and seeds.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { migrateDb, openDb } from "../db/client";
import { benchDatabase, benchEnv, ENGINE_LABELS, nextBuild, parseEngine, seedOrders, startWeb } from "./app";
import { recordResults } from "./results";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000000" },
    reuse: { type: "boolean", default: false },
    engine: { type: "string", default: "sqlite" },
  },
});
const engine = parseEngine(values.engine);
const DB = benchDatabase(engine, join("bench", "out", "board.db"));
const env = benchEnv(DB, 3300);

let seedLine = "- seed: base reaproveitada (--reuse)";
// A PostgreSQL database is reused when asked: whether it holds a seed is the operator's to know.
if (!values.reuse || (engine === "sqlite" && !existsSync(DB))) {
  const started = performance.now();
  seedOrders(env, values.orders);
  seedLine = `- seed de ${values.orders} pedidos: ${((performance.now() - started) / 1000).toFixed(1)} s (meta ≤ 60 s)`;
  console.log(seedLine);
} else {
  // A reused database still gets this code's migrations: the figures must describe the schema as it is now.
  const db = openDb(DB);
  migrateDb(db);
  db.$client.close();
}
// Always a fresh production build: the figures must describe the code as it is.
nextBuild(env);

// The app's own web server (scripts/web.ts), as `npm start` runs it.
const app = await startWeb(env);
const { server, base: BASE, signIn, trpcUrl } = app;

function peakRssKb(pid: number): number {
  // Whatever the server starts counts too: the peak of the whole tree is what the machine pays.
  const pids = [
    pid,
    ...spawnSync("pgrep", ["-P", String(pid)])
      .stdout.toString()
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  ];
  return pids.reduce((sum, p) => {
    const status = existsSync(`/proc/${p}/status`) ? readFileSync(`/proc/${p}/status`, "utf8") : "";
    return sum + Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }, 0);
}

/**
 * Throughput and latency with 10 connections, where a one-threaded server's latency is mostly the queue in
 * front of it, and latency with a single connection, which is what one user waits for.
 */
async function load(title: string, url: string, headers: Record<string, string>) {
  await autocannon({ url, headers, connections: 10, duration: 3 });
  const result = await autocannon({ url, headers, connections: 10, duration: 10 });
  const alone = await autocannon({ url, headers, connections: 1, duration: 5 });
  return {
    title,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    aloneP50: alone.latency.p50,
    aloneP99: alone.latency.p99,
    errors: result.errors + result.non2xx + alone.errors + alone.non2xx,
  };
}

/** Requests per second with 10 connections for 8 s, after 3 s of warm-up. */
async function requestsPerSecond(url: string, headers: Record<string, string>): Promise<number> {
  await autocannon({ url, headers, connections: 10, duration: 3 });
  return (await autocannon({ url, headers, connections: 10, duration: 8 })).requests.average;
}

/** The bare server in a process of its own, as the app's server is: sharing autocannon's would slow it down. */
async function startBareServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", join("bench", "bare-server.ts"), DB], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  return { port: Number(line.toString().trim()), stop: () => child.kill("SIGTERM") };
}

try {
  const filters = { status: "APPROVED", channels: ["amazon"] };

  const results = [
    await load(
      "orders.list (status + canal, 50 linhas)",
      trpcUrl("orders.list", { filters, limit: 50 }),
      await signIn(),
    ),
    await load(
      "orders.list (busca por nome)",
      trpcUrl("orders.list", { filters: { q: "mariana silva" }, limit: 50 }),
      await signIn(),
    ),
    await load(
      "orders.list (atrasados, 50 linhas)",
      trpcUrl("orders.list", { filters: { deadline: "late" }, limit: 50 }),
      await signIn(),
    ),
    await load(
      "orders.list (ordem por prazo, 50 linhas)",
      trpcUrl("orders.list", { filters: {}, sort: "deadline", limit: 50 }),
      await signIn(),
    ),
    await load(
      "orders.list (vencem hoje, ordem por prazo)",
      trpcUrl("orders.list", { filters: { deadline: "today" }, sort: "deadline", limit: 50 }),
      await signIn(),
    ),
    // The tab counts carry the late and due-today figures too.
    await load("orders.counts (abas)", trpcUrl("orders.counts", { filters: {} }), await signIn()),
    await load(
      "orders.counts (canal)",
      trpcUrl("orders.counts", { filters: { channels: ["amazon"] } }),
      await signIn(),
    ),
  ];

  const bare = await startBareServer();
  const bareInput = encodeURIComponent(JSON.stringify({ account: 1, channel: "amazon", status: "APPROVED" }));
  const bareUrl = `http://127.0.0.1:${bare.port}/?input=${bareInput}`;
  const bareClient = engine === "postgres" ? "pg, uma conexão" : "better-sqlite3";
  const bareResult = await load(`bare node:http + ${bareClient} (mesma consulta)`, bareUrl, {});
  // The ratio pairs the app's list with the bare server measured right after it, five times over: a machine
  // that slows down or speeds up during the run then moves both sides of a pair, not one side of the ratio.
  const pairs: { app: number; bare: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const app = await requestsPerSecond(trpcUrl("orders.list", { filters, limit: 50 }), await signIn());
    pairs.push({ app, bare: await requestsPerSecond(bareUrl, {}) });
  }
  const pairRatios = pairs.map((p) => p.app / Math.max(1, p.bare));
  bare.stop();

  // First HTML of the board, signed in.
  const headers = await signIn();
  const times: number[] = [];
  let html = "";
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const res = await fetch(`${BASE}/pedidos`, { headers });
    html = await res.text();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const firstHtml = times[Math.floor(times.length / 2)] ?? 0;
  // noModule scripts are polyfills for browsers without ES modules; every browser the app supports skips them.
  const scriptTags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)];
  const gzipSizes = async (tags: RegExpMatchArray[]) => {
    const srcs = new Set(tags.map((m) => m[1] ?? ""));
    let total = 0;
    for (const src of srcs)
      total += gzipSync(Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer())).length;
    return { kb: (total / 1024).toFixed(0), files: srcs.size };
  };
  const firstLoad = await gzipSizes(scriptTags.filter((m) => !/\snomodule/i.test(m[0])));
  const legacy = await gzipSizes(scriptTags.filter((m) => /\snomodule/i.test(m[0])));
  const rssMb = Math.round(peakRssKb(server.pid ?? 0) / 1024);

  const ratio = [...pairRatios].sort((a, b) => a - b)[2] ?? 0;
  const lines = [
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${values.orders} orders; ${ENGINE_LABELS[engine]}`,
    "- autocannon com 10 conexões (3 s de aquecimento, 10 s medidos), depois 5 s com 1 conexão; uma sessão nova por medida; servidor nu em processo próprio",
    "",
    "| medida | p50 | p99 | req/s | p50 / p99 com 1 conexão |",
    "|---|---|---|---|---|",
    ...[...results, bareResult].map(
      (r) =>
        `| ${r.title} | ${r.p50} ms | ${r.p99} ms | ${r.rps}${r.errors ? ` (${r.errors} erros)` : ""} | ${r.aloneP50} / ${r.aloneP99} ms |`,
    ),
    "",
    `- vazão do app / servidor nu (orders.list): ${ratio.toFixed(2)} (meta ≥ 0,5), mediana de 5 pares medidos em seguida, 8 s cada lado (app/nu em req/s: ${pairs.map((p) => `${Math.round(p.app)}/${Math.round(p.bare)}`).join(", ")})`,
    `- primeiro HTML do quadro (mediana de 20): ${firstHtml.toFixed(0)} ms (meta ≤ 200 ms)`,
    `- JavaScript da primeira carga do quadro (gzip): ${firstLoad.kb} KB em ${firstLoad.files} arquivos (meta ≤ 200 KB); fora disso, ${legacy.kb} KB de polyfills noModule que só navegadores sem módulos ES baixam`,
    `- pico de memória do servidor (RSS): ${rssMb} MB`,
    seedLine,
    "- metas de latência: p50 ≤ 20 ms e p99 ≤ 100 ms para lista e contagens, sob a carga de 10 conexões",
  ];
  console.log(lines.join("\n"));
  // A smaller run or the other engine gets a section of its own, so neither replaces the SQLite million's figures.
  const size = Number(values.orders) === 1_000_000 ? "um milhão de" : values.orders;
  recordResults(`Quadro com ${size} pedidos (issue 6)${engine === "postgres" ? " — PostgreSQL" : ""}`, lines);
} finally {
  app.stop();
}
