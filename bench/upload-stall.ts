// Issue 13: can a bulk NF-e upload stall the hub? A seller sends zip bombs to invoiceImports.addFiles, one after
// another, while another seller reads the board (orders.list) without pause; the reader's latency and the server's
// longest event-loop stall (monitorEventLoopDelay inside the server process, bench/loop-probe.ts) are measured over
// the same window, after a window of reads alone for reference. Figures go to bench/RESULTS.md.
//
// The archive: `--entries` entries that each declare 4 KB and hold one DEFLATE stream of just under 3 MB of spaces
// (about 3 KB compressed, so 500 entries are 1.5 MB, well inside the 8 MB of base64 a file may have and the 10 MB
// body). Before issue 13 the declared sizes were believed: each entry passed the 3 MB and 100 MB checks, and the
// whole archive (1.5 GB for 500 entries) was inflated on the request's thread inside a write transaction. The
// bytes a request may inflate are now bounded by the limits, whatever the archive: no larger body does worse.
//
// Usage: npm run bench:upload -- [--rounds 6] [--uploaders 1] [--entries 500] [--app <checkout>] [--label depois]
//   [--record]
//   --app runs the server of another checkout (e.g. a worktree of the code before the change, built there) on
//   the same database; --record writes the figures to bench/RESULTS.md under the label.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { deflateSync } from "fflate";
import { bombZip } from "../tests/integration/zip-bombs";
import { benchEnv, nextBuild, type RunningApp, seedOrders, startWeb } from "./app";
import { recordResults } from "./results";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    uploaders: { type: "string", default: "1" },
    entries: { type: "string", default: "500" },
    orders: { type: "string", default: "20000" },
    app: { type: "string", default: "." },
    label: { type: "string", default: "depois" },
    record: { type: "boolean", default: false },
  },
});
const root = resolve(values.app);
const commit = execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"]).toString().trim();
const OUT = resolve("bench", "out");
mkdirSync(OUT, { recursive: true });
const DB = join(OUT, "upload.db");
const PROBE_FILE = join(OUT, "loop-probe.json");
const READER = "vendedor@casaverde.com.br";
const REQUEST_TIMEOUT_MS = 60_000;
const env = { ...benchEnv(DB, 3310), LOOP_PROBE_FILE: PROBE_FILE };

seedOrders(env, values.orders);
// The pages are not measured, only the API (loaded from source by tsx): an existing build of the checkout will do.
if (!existsSync(join(root, ".next", "BUILD_ID"))) nextBuild(env, root);

const entries = Number(values.entries);
const bomb = bombZip(deflateSync(new Uint8Array(3 * 1024 * 1024 - 1024).fill(32)), entries);
const base64 = Buffer.from(bomb).toString("base64");

type Timed = { ms: number; ok: boolean; detail: string; body: string };

async function timed(url: string, init: RequestInit): Promise<Timed> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    const message = /"message":"([^"]*)"/.exec(text)?.[1] ?? "";
    return { ms: performance.now() - started, ok: res.ok, detail: `${res.status} ${message}`.trim(), body: text };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
    return { ms: performance.now() - started, ok: false, detail: cause ?? (error as Error).name, body: "" };
  }
}

function mutation(app: RunningApp, path: string, input: unknown, headers: Record<string, string>) {
  return timed(`${app.base}/api/trpc/${path}?batch=1`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", origin: app.base },
    body: JSON.stringify({ 0: { json: input } }),
  });
}

/** The board read without pause until `until` settles; each read's latency. */
async function readBoard(app: RunningApp, until: Promise<unknown>): Promise<Timed[]> {
  const headers = await app.signIn(READER);
  const url = app.trpcUrl("orders.list", { filters: {}, limit: 50 });
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const reads: Timed[] = [];
  while (!done) reads.push(await timed(url, { headers }));
  return reads;
}

/** The server's event-loop delay since the previous call. */
async function loopDelay(app: RunningApp): Promise<{ maxMs: number; p99Ms: number }> {
  rmSync(PROBE_FILE, { force: true });
  app.server.kill("SIGUSR2");
  for (let i = 0; i < 100 && !existsSync(PROBE_FILE); i++) await new Promise((r) => setTimeout(r, 20));
  return JSON.parse(readFileSync(PROBE_FILE, "utf8"));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

function summary(reads: Timed[]) {
  const ms = reads.map((r) => r.ms).sort((a, b) => a - b);
  return {
    n: reads.length,
    failed: reads.filter((r) => !r.ok).length,
    failures: [...new Set(reads.filter((r) => !r.ok).map((r) => r.detail))],
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: ms.at(-1) ?? 0,
  };
}

const app = await startWeb(env, { root, preload: [new URL("./loop-probe.ts", import.meta.url).href] });
try {
  const uploader = await app.signIn();
  // Warm-up: first statements prepared, the upload's worker thread loaded.
  await readBoard(app, new Promise((r) => setTimeout(r, 2_000)));
  const started = await mutation(app, "invoiceImports.start", null, uploader);
  const importId = Number(/"importId":(\d+)/.exec(started.body)?.[1] ?? 0);
  const small = bombZip(deflateSync(new Uint8Array(1024).fill(32)), 1);
  await mutation(
    app,
    "invoiceImports.addFiles",
    { importId, files: [{ fileName: "aquecer.zip", base64: Buffer.from(small).toString("base64") }] },
    uploader,
  );

  await loopDelay(app);
  const alone = summary(await readBoard(app, new Promise((r) => setTimeout(r, 5_000))));
  const aloneLoop = await loopDelay(app);

  const uploads: Timed[] = [];
  // Each uploader is a session of its own (the same seller) sending bombs one after another.
  const uploadLoop = async () => {
    const session = await app.signIn();
    for (let i = 0; i < Number(values.rounds); i++) {
      const fresh = await mutation(app, "invoiceImports.start", null, session);
      const id = Number(/"importId":(\d+)/.exec(fresh.body)?.[1] ?? importId);
      uploads.push(
        await mutation(
          app,
          "invoiceImports.addFiles",
          { importId: id, files: [{ fileName: "bomba.zip", base64 }] },
          session,
        ),
      );
      // A server killed by the archive answers nothing more; waiting for the other rounds would only time out.
      if (app.server.exitCode !== null) return;
    }
  };
  const uploading = Promise.all(Array.from({ length: Number(values.uploaders) }, uploadLoop));
  const during = summary(await readBoard(app, uploading));
  const duringLoop = app.server.exitCode === null ? await loopDelay(app) : { maxMs: Number.NaN, p99Ms: Number.NaN };

  const uploadMs = uploads.map((u) => u.ms).sort((a, b) => a - b);
  const answers = [...new Set(uploads.map((u) => u.detail))];
  const lines = [
    `### ${values.label}`,
    "",
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}; ${values.orders} pedidos; servidor do commit ${commit}${root === process.cwd() ? "" : ` (${root})`}`,
    `- arquivo: ${entries} entradas que declaram 4 KB e inflam ~3 MB cada (${(bomb.length / 1024).toFixed(0)} KB zipado, ${((entries * 3) / 1024).toFixed(1)} GB descompactado); ${uploads.length} envios (${values.uploaders === "1" ? "um vendedor, um envio após o outro" : `${values.uploaders} sessões do mesmo vendedor ao mesmo tempo, cada uma um envio após o outro`}), mediana de ${percentile(uploadMs, 50).toFixed(0)} ms cada; resposta: ${answers.join(" | ")}`,
    "",
    "| leitor do quadro (orders.list, outra conta, 1 conexão) | leituras | p50 | p99 | máx | falhas | maior parada do event loop | p99 do atraso do event loop |",
    "|---|---|---|---|---|---|---|---|",
    `| sozinho (5 s) | ${alone.n} | ${alone.p50.toFixed(1)} ms | ${alone.p99.toFixed(1)} ms | ${alone.max.toFixed(0)} ms | ${alone.failed} | ${aloneLoop.maxMs} ms | ${aloneLoop.p99Ms} ms |`,
    `| durante os envios | ${during.n} | ${during.p50.toFixed(1)} ms | ${during.p99.toFixed(1)} ms | ${during.max.toFixed(0)} ms | ${during.failed} | ${duringLoop.maxMs} ms | ${duringLoop.p99Ms} ms |`,
    "",
    ...(during.failures.length ? [`- leituras que falharam durante os envios: ${during.failures.join(" | ")}`] : []),
    `- meta: p99 do leitor < 100 ms durante os envios${app.server.exitCode !== null ? `; o servidor caiu durante os envios (código ${app.server.exitCode})` : ""}`,
  ];
  console.log(lines.join("\n"));
  if (values.record) recordResults(`Envio de NF-e em lote sob zip bomb (issue 13), ${values.label}`, lines.slice(2));
} finally {
  app.stop();
}
