import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databasePath } from "../db/client";
import { prepareDatabase } from "./prepare-db";

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

await prepareDatabase(databasePath());

const web = spawn(process.execPath, [nextBin, "start", "-p", port], { stdio: "inherit", env });
console.log(`Fluxo em http://localhost:${port}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => web.kill(signal));
}
web.on("exit", (code) => process.exit(code ?? 0));
