import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

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

/**
 * Builds the app when its sources changed since the last build; false when the build failed or was stopped. The
 * build is awaited rather than run synchronously so a SIGINT or SIGTERM meanwhile stops it too, instead of leaving
 * it compiling with no one waiting.
 */
export async function buildIfStale(env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!buildIsStale()) return true;
  console.log("Compilando o Fluxo (só na primeira vez ou após mudanças)…");
  const build = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  const stop = (signal: NodeJS.Signals) => build.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const [code] = await once(build, "exit");
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  return code === 0;
}
