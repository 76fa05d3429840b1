import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databasePath } from "../db/client";
import { SANDBOX_APP as SANDBOX_ML_APP } from "../server/channels/mercado-livre/oauth";
import { accountCnpjs, connectAccountsToSandbox, mirrorDemoOrders, prepareDatabase } from "./prepare-db";

const root = process.cwd();
const nextBin = join(root, "node_modules/next/dist/bin/next");

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = join(root, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "server", "db", "public", "proxy.ts", "next.config.ts", "package.json", "package-lock.json"];
  return sources.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > built);
}

// A stable secret per installation, so sessions survive restarts without asking the user to configure one.
function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = join(dirname(databasePath()), ".auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  PORT: port,
  FLUXO_URL: process.env.FLUXO_URL ?? `http://localhost:${port}`,
  BETTER_AUTH_SECRET: authSecret(),
  // The demo talks to the marketplace sandbox, where homologation NF-e are the norm.
  FLUXO_NFE_MODE: process.env.FLUXO_NFE_MODE ?? "sandbox",
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
};

if (buildIsStale()) {
  console.log("Compilando o Fluxo (só na primeira vez ou após mudanças)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const seeded = await prepareDatabase(databasePath());

// The marketplace sandbox stands in for the six marketplaces; its state lives next to the hub's database.
const sandboxPort = process.env.SANDBOX_PORT ?? "4010";
const children: ChildProcess[] = [];
const sandbox = spawn(process.execPath, ["--import", "tsx", "sandbox/server.ts"], {
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...env,
    SANDBOX_PORT: sandboxPort,
    SANDBOX_DB: process.env.SANDBOX_DB ?? join(dirname(databasePath()), "sandbox.db"),
    SANDBOX_SELLERS: accountCnpjs(databasePath()).join(","),
    // Mercado Livre notifies the hub of its orders' changes, as the real one does an app's callback.
    SANDBOX_ML_CALLBACK_URL:
      process.env.SANDBOX_ML_CALLBACK_URL ??
      new URL("/api/canais/mercado-livre/notificacoes", env.FLUXO_URL).toString(),
  },
});
children.push(sandbox);
const sandboxUrl = await new Promise<string>((resolve, reject) => {
  let out = "";
  sandbox.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    out += chunk.toString();
    const match = /sandbox listening on (http:\/\/\S+)/.exec(out);
    if (match?.[1]) resolve(match[1]);
  });
  sandbox.once("exit", (code) => reject(new Error(`O sandbox de marketplaces terminou (código ${code}).`)));
});
await connectAccountsToSandbox(databasePath(), sandboxUrl);
if (seeded) await mirrorDemoOrders(databasePath(), sandboxUrl);

// The demo's Mercado Livre app is the sandbox's, so "Conectar com o Mercado Livre" authorizes there.
const hubEnv = {
  ...env,
  ML_CLIENT_ID: process.env.ML_CLIENT_ID ?? SANDBOX_ML_APP.clientId,
  ML_CLIENT_SECRET: process.env.ML_CLIENT_SECRET ?? SANDBOX_ML_APP.clientSecret,
  ML_AUTH_URL: process.env.ML_AUTH_URL ?? sandboxUrl,
  ML_API_URL: process.env.ML_API_URL ?? sandboxUrl,
};
children.push(spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { stdio: "inherit", env: hubEnv }));
children.push(spawn(process.execPath, ["--import", "tsx", "scripts/web.ts"], { stdio: "inherit", env: hubEnv }));
console.log(`Fluxo em http://localhost:${port} (marketplaces simulados em ${sandboxUrl})`);

let stopping = false;
function stopAll(signal: NodeJS.Signals, code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null))).then(() =>
    process.exit(code),
  );
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(signal, 0));
// If one part dies the hub is not whole: stop the others rather than limp on.
for (const child of children) child.on("exit", (code) => stopAll("SIGTERM", code ?? 1));
