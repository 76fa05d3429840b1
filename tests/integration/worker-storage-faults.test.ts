import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Db, openDb } from "@/db/client";
import { orders, outbox } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import type { ChannelAdapter } from "@/server/channels/adapter";
import type { ConnectionInfo } from "@/server/channels/registry";
import { adapterFor } from "@/server/channels/registry";
import { invoiceOrder } from "@/server/domain/orders/commands/invoice";
import { startWorker } from "@/server/worker/run";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import { accountCnpj, spMonth, validKey } from "./flow-helpers";
import { createTestWorld, type TestWorld } from "./harness";

const READ_ONLY = "O Fluxo não conseguiu gravar: a pasta de dados do servidor não aceita escrita.";

let world: TestWorld;
let sandbox: SandboxProcess;
let workerDb: Db;

beforeAll(async () => {
  world = await createTestWorld(0);
  sandbox = await startSandbox({ sellers: [world.accounts[0]?.cnpj ?? ""] });
  await connectToSandbox(world.db, sandbox.url);
  // The worker's own connection, as in its own process: the disk is full for it alone.
  workerDb = openDb(world.db.$client.name);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  workerDb?.$client.close();
  world?.close();
});

function startTestWorker(lines: string[], adapters: (connection: ConnectionInfo) => ChannelAdapter = adapterFor) {
  return startWorker(workerDb, {
    owner: "disk-fault-test",
    adapterFor: adapters,
    pullEveryMs: 20,
    reconcileEveryMs: 60_000,
    idleWaitMs: 20,
    batch: 10,
    lanes: 1,
    // Short, so an update whose answer could not be written is taken up again soon.
    leaseMs: 500,
    log: (line) => lines.push(line),
  });
}

async function waitFor(predicate: () => boolean, what: string, lines: string[]) {
  const deadline = Date.now() + 30_000;
  while (!predicate()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; the worker logged:\n${lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Every write refused, as on a full or read-only disk (a full disk capped with max_page_count still takes the small
// rows that fit the room left in their pages, so it cannot refuse every write of the worker's).
it("a disk that refuses writes stops the worker's writes, not the worker: it logs them in pt-BR and catches up once writes go through again", async () => {
  const seller = accountCnpj(world, world.accounts[0]?.id ?? 0);
  const created = await sandbox.admin<{ code: string }>("/admin/orders", {
    seller,
    channel: "amazon",
    logisticsMode: "correios",
    status: "APPROVED",
  });
  workerDb.$client.pragma("query_only = ON");
  const giveBack = () => workerDb.$client.pragma("query_only = OFF");
  const lines: string[] = [];
  const worker = startTestWorker(lines);
  const ingested = () =>
    world.db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.channel, "amazon"), eq(orders.marketplaceCode, created.code)))
      .get() !== undefined;
  try {
    await waitFor(
      () => lines.filter((line) => line.includes(READ_ONLY)).length >= 2,
      "two failed pulls to be logged",
      lines,
    );
    expect(ingested()).toBe(false);
    expect(lines.join("\n")).not.toMatch(/readonly database|Failed query/);
    giveBack();
    await waitFor(ingested, "the order to be ingested once writes go through", lines);
  } finally {
    giveBack();
    await worker.stop();
  }
}, 90_000);

it("an answer the disk refused to record is not lost: once writes go through, the update is read back and settled, sent once", async () => {
  const accountId = world.accounts[0]?.id ?? 0;
  const seller = accountCnpj(world, accountId);
  const created = await sandbox.admin<{ code: string }>("/admin/orders", {
    seller,
    channel: "americanas",
    logisticsMode: "correios",
    status: "APPROVED",
  });
  const lines: string[] = [];
  let worker = startTestWorker(lines);
  const order = () =>
    world.db
      .select()
      .from(orders)
      .where(and(eq(orders.channel, "americanas"), eq(orders.marketplaceCode, created.code)))
      .get();
  await waitFor(() => order() !== undefined, "the order to be ingested", lines);
  await worker.stop();
  const ingested = order();
  if (!ingested) throw new Error("not ingested");
  invoiceOrder(
    { db: world.db, accountId, actor: { type: "user", userId: null, name: "Teste" }, nfeMode: "sandbox" },
    {
      orderId: ingested.id,
      version: ingested.version,
      invoice: { method: "key", accessKey: validKey(seller, spMonth(0).year, spMonth(0).month) },
    },
  );
  const update = () => world.db.select().from(outbox).where(eq(outbox.orderId, ingested.id)).get();
  // The marketplace takes the update, and the disk refuses the write of its answer.
  let pushes = 0;
  worker = startTestWorker(lines, (connection) => {
    const adapter = adapterFor(connection);
    return {
      pullOrders: (cursor) => adapter.pullOrders(cursor),
      readOrder: (code) => adapter.readOrder(code),
      checkConnection: () => adapter.checkConnection(),
      pushUpdate: async (pushed) => {
        pushes += 1;
        const answer = await adapter.pushUpdate(pushed);
        workerDb.$client.pragma("query_only = ON");
        return answer;
      },
    };
  });
  try {
    await waitFor(
      () => pushes === 1 && lines.some((line) => line.includes(READ_ONLY)),
      "the answer's write to fail",
      lines,
    );
    expect(update()?.state).toBe("sent");
    workerDb.$client.pragma("query_only = OFF");
    await waitFor(() => update()?.state === "acknowledged", "the update to be settled", lines);
    expect(pushes).toBe(1);
  } finally {
    workerDb.$client.pragma("query_only = OFF");
    await worker.stop();
  }
}, 90_000);

it("a data folder the worker cannot open is said in one line that names the fix, not a stack trace", () => {
  const folder = mkdtempSync(join(tmpdir(), "fluxo-worker-"));
  try {
    // A folder where the database file should be: SQLite cannot open it (SQLITE_CANTOPEN), as in a folder it may not
    // write (chmod does not stop root, who runs these tests).
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_PATH: folder },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `[worker] O Fluxo não consegue gravar na pasta de dados ${dirname(folder)}: libere a escrita nela (ou aponte DATABASE_PATH para uma pasta gravável) e inicie o Fluxo de novo.\n`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
