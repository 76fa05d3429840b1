import { type ChildProcess, spawn } from "node:child_process";
import { and, count, eq, inArray, isNull, lt, ne, or } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { databaseEnv } from "@/db/client";
import { listEnabledConnections } from "@/db/queries/connections";
import { orders, outbox, timelineEntries } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { adapterFor } from "@/server/channels/registry";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { CHANNEL_RULES } from "@/server/domain/channels/rules";
import { invoiceOrder } from "@/server/domain/orders/commands/invoice";
import { shipOrder } from "@/server/domain/orders/commands/ship";
import { cancelOrder } from "@/server/domain/orders/commands/stock-and-cancel";
import { findStaleUpdates } from "@/server/domain/replication/stale-updates";
import { connectionInfo } from "@/server/sync/connection-info";
import { ingestConnection } from "@/server/sync/ingest";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import { accountCnpj, homologationXmlWithKey, spDay, spMonth, tracking, validKey } from "./flow-helpers";
import { createTestWorld, type TestWorld } from "./harness";

// Spread over every channel, so each protocol (SkyHub, Magalu, Mercado Livre, SP-API, Mirakl, the sandbox's /v1)
// meets the crash.
const ORDERS = 600;

let world: TestWorld;
let sandbox: SandboxProcess;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  // No generated demo orders: every outbox row in this test is one of the updates below.
  world = await createTestWorld(0);
  sandbox = await startSandbox({ sellers: [world.accounts[0]?.cnpj ?? ""] });
  await connectToSandbox(world.db, sandbox.url);
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
      ...databaseEnv(world.db),
      // Longer than the longest wait an adapter allows itself for a rate-limit turn (SkyHub: 10 s), so a lease never
      // lapses while its update waits; a killed worker's leases still lapse and are taken over.
      WORKER_LEASE_MS: "12000",
      WORKER_PULL_EVERY_MS: "600000",
      WORKER_IDLE_WAIT_MS: "50",
      // An Amazon NF-e takes three calls, each failing one time in five here, so one attempt in two fails and a few
      // updates fail seven or eight times running: with five-minute waits their tail outlasts any test. The operator's
      // cap on the wait keeps what is tested (exactly once, nothing stuck) within minutes.
      WORKER_RETRY_MAX_MS: "15000",
    },
    stdio: "ignore",
  });
  workers.push(child);
  return child;
}

function acknowledged(): number {
  return world.db.select({ n: count() }).from(outbox).where(eq(outbox.state, "acknowledged")).get()?.n ?? 0;
}

/** Where the unsettled updates are, by channel, kind and state, with their last error: what a timeout needs said. */
function unsettled(): string {
  const rows = world.db
    .select({
      channel: outbox.channel,
      kind: outbox.kind,
      state: outbox.state,
      lastError: outbox.lastError,
      n: count(),
    })
    .from(outbox)
    .where(ne(outbox.state, "acknowledged"))
    .groupBy(outbox.channel, outbox.kind, outbox.state, outbox.lastError)
    .all();
  return JSON.stringify(rows, null, 1);
}

/**
 * Updates in flight with no way out: waiting with no time to go out, or sent with no lease (or, once every worker is
 * done, a lease that lapsed with nobody left to take it over).
 */
function stuck(leasesMustBeLive: boolean): number {
  const now = new Date();
  const noWayOut = or(
    and(inArray(outbox.state, ["pending", "retrying"]), isNull(outbox.nextAttemptAt)),
    and(
      eq(outbox.state, "sent"),
      leasesMustBeLive ? or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now)) : isNull(outbox.leaseUntil),
    ),
  );
  return world.db.select({ n: count() }).from(outbox).where(noWayOut).get()?.n ?? -1;
}

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; not settled: ${unsettled()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it("hundreds of updates over every protocol, 20% of calls failing and 5% of answers lost, two workers and one killed mid-way: each update reaches the marketplace exactly once, and none is left stuck", async () => {
  const accountId = world.accounts[0]?.id ?? 0;
  const seller = accountCnpj(world, accountId);
  for (let i = 0; i < ORDERS; i++) {
    // SkyHub reads one order a second per store and Amazon one every two seconds (its NF-e upload 1.1 a second), and
    // each answer in doubt costs a read: a few dozen orders of each keep the test within minutes (docs/CHANNELS.md);
    // the rest go to Zoom, on the sandbox's /v1, where the invoice leaves with the shipment.
    const cycle = CHANNEL_IDS[i % CHANNEL_IDS.length] ?? "zoom";
    const limited = cycle === "americanas" || cycle === "amazon";
    const channel = limited && Math.floor(i / CHANNEL_IDS.length) % 4 !== 0 ? "zoom" : cycle;
    // Modes where the seller dispatches, so nothing moves on the marketplace's side meanwhile.
    const logisticsMode = CHANNEL_RULES[channel].logisticsModes.includes("correios") ? "correios" : "own_carrier";
    const created = await sandbox.admin<{ code: string }>("/admin/orders", {
      seller,
      channel,
      logisticsMode,
      status: "APPROVED",
    });
    // Magalu confirms an invoice only once it validates it (a generator tick this test does not run) and takes no
    // cancellation from the seller: its orders come invoiced from Magalu's side, and the seller ships them.
    if (CHANNEL_RULES[channel].protocol === "magalu") {
      await sandbox.admin(`/admin/orders/magalu/${encodeURIComponent(created.code)}/manual-change`, {
        status: "INVOICED",
        accessKey: validKey(seller, spMonth(0).year, spMonth(0).month),
      });
    }
  }
  for (const connection of listEnabledConnections(world.db)) {
    await ingestConnection(world.db, connection, adapterFor(connectionInfo(world.db, connection)));
  }
  const ingested = world.db
    .select()
    .from(orders)
    .where(inArray(orders.status, ["APPROVED", "INVOICED"]))
    .all();
  const fromSandbox = ingested.filter((o) => o.createdAt.getTime() > Date.now() - 10 * 60_000);
  expect(fromSandbox).toHaveLength(ORDERS);

  // What each order's protocol carries: the shipping of an invoiced order (Magalu); the NF-e XML where it has a call of
  // its own (Amazon's invoice upload); where the invoice waits on the marketplace's label, a cancellation (Mercado
  // Livre's feedback); where it waits for the shipment, both (Zoom); else the invoice by key (SkyHub, Mirakl's OR31).
  const ctx = {
    db: world.db,
    accountId,
    actor: { type: "user" as const, userId: null, name: "Teste" },
    nfeMode: "sandbox" as const,
  };
  for (const order of fromSandbox) {
    const ref = { orderId: order.id, version: order.version };
    if (order.status === "INVOICED") {
      shipOrder(ctx, {
        ...ref,
        tracking: tracking({ carrier: "jadlog", code: `JD${String(order.id).padStart(12, "0")}`, handedAt: spDay(0) }),
      });
    } else if (CHANNEL_RULES[order.channel].protocol === "amazon_sp") {
      const accessKey = validKey(seller, spMonth(0).year, spMonth(0).month);
      invoiceOrder(ctx, {
        ...ref,
        invoice: { method: "xml", fileName: "nota.xml", xml: homologationXmlWithKey(accessKey) },
      });
    } else if (CHANNEL_RULES[order.channel].invoiceNeedsXml) {
      cancelOrder(ctx, { ...ref, reason: "Cliente desistiu da compra" });
    } else if (CHANNEL_RULES[order.channel].invoiceReplication === "with_shipment") {
      const accessKey = validKey(seller, spMonth(0).year, spMonth(0).month);
      const invoiced = invoiceOrder(ctx, { ...ref, invoice: { method: "key", accessKey } });
      shipOrder(ctx, {
        orderId: order.id,
        version: invoiced.order.version,
        tracking: tracking({ carrier: "jadlog", code: `JD${String(order.id).padStart(12, "0")}`, handedAt: spDay(0) }),
      });
    } else {
      invoiceOrder(ctx, {
        ...ref,
        invoice: { method: "key", accessKey: validKey(seller, spMonth(0).year, spMonth(0).month) },
      });
    }
  }
  const sent = world.db
    .select({ key: outbox.idempotencyKey, channel: outbox.channel, orderId: outbox.orderId, kind: outbox.kind })
    .from(outbox)
    .where(eq(outbox.state, "pending"))
    .all();
  expect(sent.length).toBeGreaterThan(ORDERS);

  await sandbox.admin("/admin/faults", { errorRate: 0.2, errorAfterApply: 0.05 });
  // Two workers share the outbox, as a hub with several runs them; one is killed mid-way and the other carries on.
  const first = startWorkerProcess();
  const steady = startWorkerProcess();
  await waitFor(() => acknowledged() >= sent.length * 0.3, 120_000, "the workers to make progress");
  first.kill("SIGKILL");
  await new Promise((r) => first.once("exit", r));
  const atCrash = acknowledged();
  expect(atCrash).toBeLessThan(sent.length);
  // What the dead worker held is leased, and its lease lapses for the next worker to take over.
  expect(stuck(false)).toBe(0);

  const second = startWorkerProcess();
  // An Amazon NF-e takes three calls (status, upload, read-back), each failing one time in five here: an update may
  // need six or seven attempts, and back-off doubles up to minutes between them.
  await waitFor(() => acknowledged() === sent.length, 420_000, "every update to be acknowledged");
  for (const worker of [second, steady]) {
    worker.kill("SIGTERM");
    await new Promise((r) => worker.once("exit", r));
  }
  await sandbox.admin("/admin/faults", { errorRate: 0, errorAfterApply: 0 });

  // Nothing stuck: nothing in flight without a way out, nothing the worker would report as stuck even a day from now.
  expect(stuck(true)).toBe(0);
  expect(findStaleUpdates(world.db, new Date(Date.now() + 2 * 24 * 60 * 60 * 1000))).toEqual([]);

  // What the marketplace received: /v1 by idempotency key; the real protocols, which take none, by order and kind.
  const received = await sandbox.admin<{
    updates: {
      idempotencyKey: string;
      channel: string;
      code: string;
      kind: string;
      result: string;
      firstReceivedAt: string;
    }[];
  }>(`/admin/updates?seller=${seller}`);
  const codeOf = new Map(fromSandbox.map((o) => [o.id, o.marketplaceCode]));
  const overV1 = sent.filter((u) => CHANNEL_RULES[u.channel].protocol === "sandbox");
  const v1Keys = received.updates.filter((u) => !u.idempotencyKey.includes(":")).map((u) => u.idempotencyKey);
  expect(new Set(v1Keys).size).toBe(v1Keys.length);
  // Zoom's held invoice leaves carrying the shipment: a shipment update whose first try failed finds it already there
  // when read back, and is settled without going out. Every other /v1 update arrived once.
  const readBack = new Set(
    world.db
      .select({ key: outbox.idempotencyKey, response: outbox.marketplaceResponse })
      .from(outbox)
      .all()
      .filter((u) => u.response?.confirmedBy === "read_back")
      .map((u) => u.key),
  );
  const notReceived = overV1.filter((u) => !v1Keys.includes(u.key));
  expect(notReceived.filter((u) => u.kind !== "shipment" || !readBack.has(u.key))).toEqual([]);
  expect(v1Keys.every((key) => overV1.some((u) => u.key === key))).toBe(true);
  const applied = received.updates
    .filter((u) => u.result === "acknowledged" && u.idempotencyKey.includes(":"))
    .map((u) => `${u.channel} ${u.code} ${u.kind}`);
  const expected = sent
    .filter((u) => CHANNEL_RULES[u.channel].protocol !== "sandbox")
    .map((u) => `${u.channel} ${codeOf.get(u.orderId)} ${u.kind}`);
  expect(applied.length).toBe(new Set(applied).size);
  expect(new Set(applied)).toEqual(new Set(expected));
  expect(received.updates.every((u) => u.result === "acknowledged")).toBe(true);

  // In order per order: the marketplace received an order's updates in the order the hub made them.
  const receivedAt = new Map(
    received.updates.map((u) => [
      u.idempotencyKey.includes(":") ? `${u.channel} ${u.code} ${u.kind}` : u.idempotencyKey,
      u.firstReceivedAt,
    ]),
  );
  const byOrder = new Map<number, string[]>();
  for (const u of world.db.select().from(outbox).orderBy(outbox.id).all()) {
    const at = receivedAt.get(
      CHANNEL_RULES[u.channel].protocol === "sandbox"
        ? u.idempotencyKey
        : `${u.channel} ${codeOf.get(u.orderId)} ${u.kind}`,
    );
    if (at) byOrder.set(u.orderId, [...(byOrder.get(u.orderId) ?? []), at]);
  }
  for (const times of byOrder.values()) expect(times).toEqual([...times].sort());

  // The hub recorded one answer per update.
  const answers = world.db
    .select({ n: count() })
    .from(timelineEntries)
    .where(eq(timelineEntries.kind, "replication.acknowledged"))
    .get();
  expect(answers?.n).toBe(sent.length);
}, 660_000);
