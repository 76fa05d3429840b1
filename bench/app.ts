// The app as the benchmarks run it: its own web server (scripts/web.ts, as `npm start` runs it) on a database of
// the benchmark's, in production mode, with sessions signed in through the real sign-in endpoint.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { type Engine, isPostgresUrl } from "../db/client";
import { DEMO_PASSWORD } from "../scripts/seed-data/seed";

export type BenchEnv = NodeJS.ProcessEnv & { PORT: string };

export const ENGINE_LABELS: Record<Engine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/** `--engine sqlite|postgres`; anything else stops the benchmark before it touches a database. */
export function parseEngine(value: string | undefined): Engine {
  if (value === undefined || value === "sqlite" || value === "postgres") return value ?? "sqlite";
  console.error(`--engine deve ser sqlite ou postgres (recebido: ${value}).`);
  process.exit(2);
}

/**
 * Where a benchmark on `engine` keeps its data: the SQLite file `sqlitePath`, or the database DATABASE_URL names,
 * which the benchmark empties, so it never picks one on its own.
 */
export function benchDatabase(engine: Engine, sqlitePath: string): string {
  if (engine === "sqlite") return sqlitePath;
  const url = process.env.DATABASE_URL?.trim();
  if (!url || !isPostgresUrl(url)) {
    console.error(
      "--engine postgres precisa de DATABASE_URL=postgres://usuário@host:porta/banco apontando para um banco que o benchmark pode apagar (ex.: createdb fluxo_bench e DATABASE_URL=postgres://fluxo@127.0.0.1:5432/fluxo_bench).",
    );
    process.exit(2);
  }
  return url;
}

/** `database` is a SQLite file or a postgres:// URL; the children get that one and not the other from our env. */
export function benchEnv(database: string, port: number): BenchEnv {
  const { DATABASE_URL: _url, DATABASE_PATH: _path, ...inherited } = process.env;
  return {
    ...inherited,
    ...(isPostgresUrl(database) ? { DATABASE_URL: database } : { DATABASE_PATH: database }),
    PORT: String(port),
    NODE_ENV: "production",
    BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0",
    AUTH_SIGNIN_LIMIT_PER_MINUTE: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

export function run(cmd: string, args: string[], env: BenchEnv, cwd = process.cwd()): void {
  const r = spawnSync(cmd, args, { stdio: "inherit", env, cwd });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

/** A fresh database of `orders` orders over two accounts, generated as `npm run seed` does. */
export function seedOrders(env: BenchEnv, orders: string): void {
  run(process.execPath, ["--import", "tsx", "scripts/seed.ts", "--orders", orders, "--accounts", "2", "--reset"], env);
}

/** A production build of the checkout at `root`. */
export function nextBuild(env: BenchEnv, root = process.cwd()): void {
  run(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"], env, root);
}

export type RunningApp = {
  server: ChildProcess;
  base: string;
  stop: () => void;
  /** A fresh signed-in session's cookie header. */
  signIn: (email?: string) => Promise<Record<string, string>>;
  /** A batched GET of one tRPC query, as the app's client sends it. */
  trpcUrl: (path: string, input: unknown) => string;
};

/**
 * scripts/web.ts of the checkout at `root` (its build included), stopped when this process exits. `preload` are
 * modules the server process imports first (e.g. a probe of its event loop).
 */
export async function startWeb(
  env: BenchEnv,
  options: { root?: string; preload?: string[] } = {},
): Promise<RunningApp> {
  const root = options.root ?? process.cwd();
  const imports = ["tsx", ...(options.preload ?? [])].flatMap((m) => ["--import", m]);
  const server = spawn(process.execPath, [...imports, join("scripts", "web.ts")], { env, cwd: root, stdio: "ignore" });
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  process.on("exit", stop);
  const base = `http://localhost:${env.PORT}`;
  await waitUp(base);
  return {
    server,
    base,
    stop,
    signIn: (email = "vendedor@lojaaurora.com.br") => signIn(base, email),
    trpcUrl: (path, input) =>
      `${base}/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`,
  };
}

async function waitUp(base: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/entrar`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("app did not start");
}

/**
 * A fresh session per measurement. The app renews the signed cookie cache through Set-Cookie, which a
 * browser follows and autocannon does not: one cookie for the whole run would have the cache lapse after
 * a minute and every later request read the session from the database, which no browser does.
 */
async function signIn(base: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie };
}
