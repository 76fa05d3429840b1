// `npm start`: build if stale, migrate, seed if empty, then the sandbox, the worker, the web server and the ERP API, each kept
// running by the supervisor (scripts/supervisor.ts), which reports them in a status file read by GET /api/saude.
import "../server/runtime/survive-log-failures";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { databasePath, databaseTarget } from "../db/client";
import { SANDBOX_APP as SANDBOX_MAGALU_APP } from "../server/channels/magalu/oauth";
import { SANDBOX_APP as SANDBOX_ML_APP } from "../server/channels/mercado-livre/oauth";
import {
  PARTS_STATUS_EVERY_MS,
  partsStatusPath,
  removePartsStatus,
  writePartsStatus,
} from "../server/runtime/parts-status";
import { buildIfStale } from "./build-if-stale";
import { dataFolderMessage, dataFolderProblem } from "./data-folder";
import { accountCnpjs, connectAccountsToSandbox, mirrorDemoOrders, prepareDatabase } from "./prepare-db";
import { createSupervisor } from "./supervisor";

// The data folder keeps the installation's secrets, the sandbox and the parts' status even when the orders are
// on PostgreSQL (DATABASE_URL).
const dbPath = databasePath();
const db = databaseTarget();
const dataFolder = dirname(resolve(dbPath));

/** For whoever runs the hub: one line that names the fix, not a stack trace. */
function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

// Before the build, so a folder the hub cannot use is said at once rather than after minutes of compiling.
const folderProblem = dataFolderProblem(dataFolder);
if (folderProblem) fail(folderProblem);

// A stable secret per installation, so sessions survive restarts without asking the user to configure one.
function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = join(dataFolder, ".auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const port = process.env.PORT ?? "3000";
const erpApiPort = process.env.ERP_API_PORT ?? "3001";
const env = {
  ...process.env,
  PORT: port,
  // The web server shows the ERP API's address on its keys page.
  ERP_API_PORT: erpApiPort,
  FLUXO_URL: process.env.FLUXO_URL ?? `http://localhost:${port}`,
  BETTER_AUTH_SECRET: authSecret(),
  // The demo talks to the marketplace sandbox, where homologation NF-e are the norm.
  FLUXO_NFE_MODE: process.env.FLUXO_NFE_MODE ?? "sandbox",
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
};

const built = await buildIfStale(env);
if (!built) process.exit(1);

let seeded = false;
try {
  seeded = await prepareDatabase(db);
} catch (error) {
  const line = dataFolderMessage(error, dataFolder);
  if (!line) throw error;
  fail(line);
}

// A restarted sandbox comes back on the port the first one took, where the hub's connections point.
let sandboxPort = process.env.SANDBOX_PORT ?? "4010";
let sandboxUrl = "";
const sandboxEnv = {
  ...env,
  SANDBOX_DB: process.env.SANDBOX_DB ?? join(dataFolder, "sandbox.db"),
  SANDBOX_SELLERS: accountCnpjs(db).join(","),
  // Mercado Livre notifies the hub of its orders' changes, as the real one does an app's callback.
  SANDBOX_ML_CALLBACK_URL:
    process.env.SANDBOX_ML_CALLBACK_URL ?? new URL("/api/canais/mercado-livre/notificacoes", env.FLUXO_URL).toString(),
};
// The demo's Mercado Livre app is the sandbox's, so "Conectar com o Mercado Livre" authorizes there.
const hubEnv = () => ({
  ...env,
  ML_CLIENT_ID: process.env.ML_CLIENT_ID ?? SANDBOX_ML_APP.clientId,
  ML_CLIENT_SECRET: process.env.ML_CLIENT_SECRET ?? SANDBOX_ML_APP.clientSecret,
  ML_AUTH_URL: process.env.ML_AUTH_URL ?? sandboxUrl,
  ML_API_URL: process.env.ML_API_URL ?? sandboxUrl,
  // Likewise Magalu's: "Conectar com a Magalu" signs in at the sandbox's ID Magalu.
  MAGALU_CLIENT_ID: process.env.MAGALU_CLIENT_ID ?? SANDBOX_MAGALU_APP.clientId,
  MAGALU_CLIENT_SECRET: process.env.MAGALU_CLIENT_SECRET ?? SANDBOX_MAGALU_APP.clientSecret,
  MAGALU_AUTH_URL: process.env.MAGALU_AUTH_URL ?? (sandboxUrl && new URL("/id-magalu", sandboxUrl).toString()),
  MAGALU_API_URL: process.env.MAGALU_API_URL ?? sandboxUrl,
});
const tsx = (script: string) => ["--import", "tsx", script];

const statusFile = partsStatusPath(dbPath);
const supervisor = createSupervisor({
  parts: [
    {
      name: "sandbox",
      label: "o sandbox de marketplaces",
      command: () => ({ args: tsx("sandbox/server.ts"), env: { ...sandboxEnv, SANDBOX_PORT: sandboxPort } }),
      ready: /sandbox listening on (http:\/\/\S+)/,
    },
    {
      name: "worker",
      label: "o worker",
      command: () => ({ args: tsx("scripts/worker.ts"), env: hubEnv() }),
      ready: /em execução$/,
    },
    {
      name: "web",
      label: "o servidor web",
      command: () => ({ args: tsx("scripts/web.ts"), env: hubEnv() }),
      ready: /\[web\] ouvindo em/,
    },
    {
      name: "erp-api",
      label: "a API para ERP",
      command: () => ({ args: tsx("scripts/erp-api.ts"), env }),
      ready: /\[erp-api\] ouvindo em/,
    },
  ],
  log: (line) => console.log(`[supervisor] ${line}`),
  output: process.stdout,
  onChange: writeStatus,
});

function writeStatus() {
  try {
    writePartsStatus(statusFile, { writtenAt: Date.now(), parts: supervisor.status() });
  } catch {
    // A data folder that stopped taking writes: the status goes stale and /api/saude says the parts are unknown,
    // which is what can be known; the parts themselves go on serving.
  }
}
const heartbeat = setInterval(writeStatus, PARTS_STATUS_EVERY_MS);

let stopping = false;
async function stopAll(signal: NodeJS.Signals, code: number) {
  if (stopping) return;
  stopping = true;
  clearInterval(heartbeat);
  await supervisor.stop(signal);
  try {
    removePartsStatus(statusFile);
  } catch {
    // Left behind on a folder that stopped taking writes; it reads as stale, which is true.
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(signal, 0));

try {
  const listening = await supervisor.start("sandbox");
  sandboxUrl = listening?.[1] ?? "";
  sandboxPort = new URL(sandboxUrl).port;
  await connectAccountsToSandbox(db, sandboxUrl);
  if (seeded) await mirrorDemoOrders(db, sandboxUrl);
  await Promise.all([supervisor.start("worker"), supervisor.start("web"), supervisor.start("erp-api")]);
  console.log(`Fluxo em http://localhost:${port} (marketplaces simulados em ${sandboxUrl})`);
  console.log(`API para ERP (compatível com a SkyHub) em http://localhost:${erpApiPort}`);
} catch (error) {
  // Stopping already (a signal mid-start) explains the failure by itself.
  if (!stopping) {
    console.error(dataFolderMessage(error, dataFolder) ?? (error instanceof Error ? error.message : error));
    await stopAll("SIGTERM", 1);
  }
}
