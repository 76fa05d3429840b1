import { type ChildProcess, spawn } from "node:child_process";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureSandboxConnections, listEnabledConnections } from "@/db/queries/connections";
import { orders, outbox, timelineEntries } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { adapterFor } from "@/server/channels/registry";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { markOutOfStock, restockOrder } from "@/server/domain/orders/commands/stock-and-cancel";
import { connectionInfo } from "@/server/worker/connection-info";
import { ingestConnection } from "@/server/worker/ingest";
import { accountCnpj } from "./flow-helpers";
import { createTestWorld, type TestWorld } from "./harness";

const ORDERS = 1000;
const UPDATES = ORDERS * 2;

let world: TestWorld;
let sandbox: SandboxProcess;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  // No generated demo orders: every outbox row in this test is one of the updates below.
  world = await createTestWorld(0);
  sandbox = await startSandbox({ sellers: [world.accounts[0]?.cnpj ?? ""] });
  ensureSandboxConnections(world.db, sandbox.url, CHANNEL_IDS, new Date());
}, 60_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await sandbox?.stop();
  world?.close();
});

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_PATH: world.db.$client.name,
      WORKER_LEASE_MS: "1500",
      WORKER_PULL_EVERY_MS: "600000",
      WORKER_IDLE_WAIT_MS: "50",
    },
    stdio: "ignore",
  });
  workers.push(child);
  return child;
}

function acknowledged(): number {
  return world.db.select({ n: count() }).from(outbox).where(eq(outbox.state, "acknowledged")).get()?.n ?? 0;
}

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it("thousands of updates, 20% of calls failing, the worker killed mid-way and two restarted: each update reaches the marketplace exactly once", async () => {
  const accountId = world.accounts[0]?.id ?? 0;
  const seller = accountCnpj(world, accountId);
  for (let i = 0; i < ORDERS; i++) {
    await sandbox.admin("/admin/orders", { seller, channel: CHANNEL_IDS[i % CHANNEL_IDS.length], status: "APPROVED" });
  }
  for (const connection of listEnabledConnections(world.db)) {
    await ingestConnection(world.db, connection, adapterFor(connectionInfo(world.db, connection)));
  }
  const ingested = world.db.select().from(orders).where(eq(orders.status, "APPROVED")).all();
  const fromSandbox = ingested.filter((o) => o.createdAt.getTime() > Date.now() - 10 * 60_000);
  expect(fromSandbox).toHaveLength(ORDERS);

  const ctx = { db: world.db, accountId, actor: { type: "user" as const, userId: null, name: "Teste" } };
  for (const order of fromSandbox) {
    const out = markOutOfStock(ctx, { orderId: order.id, version: order.version, reason: "Teste de carga" });
    restockOrder(ctx, { orderId: order.id, version: out.order.version });
  }
  const keys = world.db.select({ key: outbox.idempotencyKey }).from(outbox).where(eq(outbox.state, "pending")).all();
  expect(keys).toHaveLength(UPDATES);

  await sandbox.admin("/admin/faults", { errorRate: 0.2, errorAfterApply: 0.05 });
  const first = startWorkerProcess();
  await waitFor(() => acknowledged() >= UPDATES * 0.3, 120_000, "the first worker to make progress");
  first.kill("SIGKILL");
  await new Promise((r) => first.once("exit", r));
  const atCrash = acknowledged();
  expect(atCrash).toBeLessThan(UPDATES);

  const second = startWorkerProcess();
  await waitFor(() => acknowledged() === UPDATES, 180_000, "every update to be acknowledged");
  second.kill("SIGTERM");
  await new Promise((r) => second.once("exit", r));
  await sandbox.admin("/admin/faults", { errorRate: 0, errorAfterApply: 0 });

  const received = await sandbox.admin<{ updates: { idempotencyKey: string; result: string }[] }>(
    `/admin/updates?seller=${seller}`,
  );
  const receivedKeys = received.updates.map((u) => u.idempotencyKey);
  expect(new Set(receivedKeys).size).toBe(receivedKeys.length);
  expect(new Set(receivedKeys)).toEqual(new Set(keys.map((k) => k.key)));
  expect(received.updates.every((u) => u.result === "acknowledged")).toBe(true);

  // The hub recorded one answer per update, and the marketplace ended where the seller left each order.
  const answers = world.db
    .select({ n: count() })
    .from(timelineEntries)
    .where(eq(timelineEntries.kind, "replication.acknowledged"))
    .get();
  expect(answers?.n).toBe(UPDATES);
  const sample = fromSandbox[0];
  const view = await sandbox.admin<{ status: string }>(
    `/v1/orders/${sample?.channel}/${sample?.marketplaceCode}?seller=${seller}`,
  );
  expect(view.status).toBe("APPROVED");
}, 400_000);
