import { TRPCError } from "@trpc/server";
import { and, count, eq, inArray, isNull, lt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEnabledConnections } from "@/db/queries/connections";
import { divergences, orders, outbox, timelineEntries } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { adapterFor } from "@/server/channels/registry";
import type { ChannelId } from "@/server/domain/channels/channels";
import { connectionInfo } from "@/server/sync/connection-info";
import { ingestConnection } from "@/server/sync/ingest";
import { reconcileOrder } from "@/server/sync/reconcile";
import { replicateOnce } from "@/server/sync/replicate";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import { accountCnpj, outboxOf, spMonth, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let sandbox: SandboxProcess;
let accountA: number;
let cnpjA: string;

beforeAll(async () => {
  world = await createTestWorld(0);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  await connectToSandbox(world.db, sandbox.url);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

const seller = () => world.callerFor(EMAILS.sellerA);
const support = () => world.callerFor(EMAILS.support);
const key = () => validKey(cnpjA, spMonth(0).year, spMonth(0).month);

/**
 * Until nothing is on its way: an update that waited for SkyHub's request limit (deferred) or failed once is due
 * again a moment later, and a test must not read the marketplace before it went.
 */
async function replicateAll() {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const sent = await replicateOnce(world.db, { owner: "t", leaseMs: 10_000, batch: 100, adapterFor });
    const onItsWay = world.db
      .select({ n: count() })
      .from(outbox)
      .where(inArray(outbox.state, ["pending", "retrying", "sent"]))
      .get()?.n;
    if (sent === 0 && !onItsWay) return;
    if (sent === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function marketplaceOrder(channel: ChannelId = "americanas") {
  const created = await sandbox.admin<{ code: string }>("/admin/orders", {
    seller: cnpjA,
    channel,
    logisticsMode: "correios",
    status: "APPROVED",
  });
  for (const connection of listEnabledConnections(world.db))
    await ingestConnection(world.db, connection, adapterFor(connectionInfo(world.db, connection)));
  const row = world.db.select().from(orders).where(eq(orders.marketplaceCode, created.code)).get();
  if (!row) throw new Error("not ingested");
  return row;
}

function manualChange(channel: ChannelId, code: string, body: Record<string, unknown>) {
  return sandbox.admin(`/admin/orders/${channel}/${encodeURIComponent(code)}/manual-change`, body);
}

function openOf(orderId: number) {
  return world.db
    .select()
    .from(divergences)
    .where(and(eq(divergences.orderId, orderId), isNull(divergences.resolvedAt)))
    .all();
}

function timelineKinds(orderId: number) {
  return world.db
    .select({ kind: timelineEntries.kind })
    .from(timelineEntries)
    .where(eq(timelineEntries.orderId, orderId))
    .all()
    .map((t) => t.kind);
}

/** The classic case: canceled in the hub, invoiced by hand in the marketplace's panel. */
async function canceledThenInvoicedByHand() {
  const order = await marketplaceOrder();
  await seller().orders.cancel({ orderId: order.id, version: order.version, reason: "Cliente desistiu da compra" });
  await replicateAll();
  await manualChange("americanas", order.marketplaceCode, { status: "INVOICED", accessKey: key() });
  // A read the marketplace did not answer concludes nothing (null): on a loaded machine, read again.
  for (let i = 0; i < 3 && (await reconcileOrder(world.db, order.id, adapterFor)) === null; i++);
  return order;
}

describe("detection against the sandbox", () => {
  it("a manual change in the marketplace is found in one reconciliation cycle", async () => {
    const order = await canceledThenInvoicedByHand();
    const [found] = openOf(order.id);
    expect(found?.kind).toBe("manual_change");
    expect(found?.hubState).toMatchObject({ status: "CANCELED" });
    expect(found?.marketplaceState).toMatchObject({ status: "INVOICED" });
    expect(timelineKinds(order.id)).toContain("divergence.opened");
    const detail = await seller().orders.get({ id: order.id });
    expect(detail.openDivergences).toHaveLength(1);
    expect((await seller().divergences.countMine()).orders).toBeGreaterThanOrEqual(1);
    // Checking again does not open it twice.
    await reconcileOrder(world.db, order.id, adapterFor);
    expect(openOf(order.id)).toHaveLength(1);
  });

  it("is not raised while the hub's own update is on its way, nor for a held invoice", async () => {
    const order = await marketplaceOrder();
    await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: key() },
    });
    await reconcileOrder(world.db, order.id, adapterFor);
    expect(openOf(order.id)).toEqual([]);
    const zoom = await marketplaceOrder("zoom");
    await seller().orders.invoice({
      orderId: zoom.id,
      version: zoom.version,
      invoice: { method: "key", accessKey: key() },
    });
    await reconcileOrder(world.db, zoom.id, adapterFor);
    expect(openOf(zoom.id)).toEqual([]);
  });

  it("a late order, or an invoice held for the shipment for days, agrees with the marketplace (SPEC §5)", async () => {
    const tenDaysOn = new Date(Date.now() + 10 * 24 * 3_600_000);
    const late = await marketplaceOrder();
    expect(await reconcileOrder(world.db, late.id, adapterFor, tenDaysOn)).toEqual([]);
    const held = await marketplaceOrder("zoom");
    await seller().orders.invoice({
      orderId: held.id,
      version: held.version,
      invoice: { method: "key", accessKey: key() },
    });
    expect(outboxOf(world, held.id).map((u) => u.state)).toEqual(["held"]);
    expect(await reconcileOrder(world.db, held.id, adapterFor, tenDaysOn)).toEqual([]);
    expect([...openOf(late.id), ...openOf(held.id)]).toEqual([]);
  });

  it("a key changed by hand in the marketplace is a data mismatch; a rejection is not acknowledged", async () => {
    const order = await marketplaceOrder();
    await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: key() },
    });
    await replicateAll();
    await manualChange("americanas", order.marketplaceCode, { accessKey: key() });
    await reconcileOrder(world.db, order.id, adapterFor);
    expect(openOf(order.id).map((d) => d.kind)).toEqual(["data_mismatch"]);

    const other = await marketplaceOrder();
    await manualChange("americanas", other.marketplaceCode, { status: "OUT_OF_STOCK" });
    await seller().orders.invoice({
      orderId: other.id,
      version: other.version,
      invoice: { method: "key", accessKey: key() },
    });
    await replicateAll();
    await reconcileOrder(world.db, other.id, adapterFor);
    expect(openOf(other.id).map((d) => d.kind)).toContain("not_acknowledged");
  });

  it("the seller can ask for the check from the order page; another account's order is not found", async () => {
    const order = await marketplaceOrder();
    expect(await seller().orders.reconcile({ id: order.id })).toEqual({ reachable: true, divergences: 0 });
    await expect(world.callerFor(EMAILS.sellerB).orders.reconcile({ id: order.id })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND",
    );
  });
});

describe("support console", () => {
  it("lists open divergences across accounts, filtered, oldest first", async () => {
    const list = await support().divergences.list({});
    expect(list.length).toBeGreaterThan(0);
    const times = list.map((d) => d.openedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const manual = await support().divergences.list({
      kind: "manual_change",
      accountId: accountA,
      channel: "americanas",
    });
    expect(manual.every((d) => d.kind === "manual_change" && d.accountId === accountA)).toBe(true);
    expect(await support().divergences.list({ minAgeHours: 24 })).toEqual([]);
  });

  it("accepting the marketplace's state moves the order and records who did it", async () => {
    const order = await canceledThenInvoicedByHand();
    const [d] = openOf(order.id);
    await support().divergences.acceptMarketplace({ id: d?.id ?? 0 });
    const after = world.db.select().from(orders).where(eq(orders.id, order.id)).get();
    expect(after?.status).toBe("INVOICED");
    expect(openOf(order.id)).toEqual([]);
    const entry = world.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.orderId, order.id), eq(timelineEntries.kind, "divergence.accepted_marketplace")))
      .get();
    expect(entry?.actorName).toContain("(suporte)");
    expect(entry?.summary).toMatch(/Cancelado → Nota fiscal emitida/);
    await reconcileOrder(world.db, order.id, adapterFor);
    expect(openOf(order.id)).toEqual([]);
  });

  it("re-sending the hub's state queues the last update again under a new key", async () => {
    const order = await canceledThenInvoicedByHand();
    const before = outboxOf(world, order.id);
    const [d] = openOf(order.id);
    await support().divergences.resend({ id: d?.id ?? 0 });
    const after = outboxOf(world, order.id);
    expect(after).toHaveLength(before.length + 1);
    const added = after.at(-1);
    expect(added).toMatchObject({ kind: "cancel", state: "pending" });
    expect(before.map((r) => r.idempotencyKey)).not.toContain(added?.idempotencyKey);
    expect(timelineKinds(order.id)).toContain("divergence.resent");
  });

  it("resolving with a note closes it, and it is not raised again until the order changes", async () => {
    const order = await canceledThenInvoicedByHand();
    const [d] = openOf(order.id);
    await expect(support().divergences.resolve({ id: d?.id ?? 0, note: "ok" })).rejects.toThrow(/5 caracteres/);
    await support().divergences.resolve({ id: d?.id ?? 0, note: "Vendedor confirmou com o cliente por telefone" });
    expect(openOf(order.id)).toEqual([]);
    await reconcileOrder(world.db, order.id, adapterFor);
    expect(openOf(order.id)).toEqual([]);
    expect(timelineKinds(order.id)).toContain("divergence.resolved");
    await expect(support().divergences.resolve({ id: d?.id ?? 0, note: "de novo, por engano" })).rejects.toThrow(
      /já foi resolvida/,
    );
  });

  it("an order handled manually is no longer replicated", async () => {
    const order = await marketplaceOrder();
    await manualChange("americanas", order.marketplaceCode, { status: "INVOICED", accessKey: key() });
    await reconcileOrder(world.db, order.id, adapterFor);
    const [d] = openOf(order.id);
    await support().divergences.handleManually({ id: d?.id ?? 0, note: "Vendedor faturou pelo painel" });
    const flagged = world.db.select().from(orders).where(eq(orders.id, order.id)).get();
    expect(flagged?.handledManuallyAt).not.toBeNull();
    // The seller may still record the flow in the hub, but nothing goes to the marketplace.
    await seller().orders.invoice({
      orderId: order.id,
      version: flagged?.version ?? 0,
      invoice: { method: "key", accessKey: key() },
    });
    expect(world.db.select().from(outbox).where(eq(outbox.orderId, order.id)).all()).toEqual([]);
    await reconcileOrder(world.db, order.id, adapterFor);
    expect(openOf(order.id)).toEqual([]);
    expect(
      (await seller().orders.list({ filters: { q: order.marketplaceCode } })).orders[0]?.handledManuallyAt,
    ).not.toBeNull();
  });

  it("counts late orders per account apart from the queue, for support and admin", async () => {
    const order = await marketplaceOrder();
    world.db
      .update(orders)
      .set({ deadlineAt: new Date(Date.now() - 3_600_000), deadlineKind: "invoice" })
      .where(eq(orders.id, order.id))
      .run();
    const lateInA = world.db
      .select({ n: count() })
      .from(orders)
      .where(and(eq(orders.accountId, accountA), lt(orders.deadlineAt, new Date())))
      .get()?.n;
    for (const staff of [support(), world.callerFor(EMAILS.admin)]) {
      const all = await staff.divergences.lateOrders({});
      expect(all.map((a) => a.accountId).sort()).toEqual(world.accounts.map((a) => a.id).sort());
      expect(all.find((a) => a.accountId === accountA)?.late).toBe(lateInA);
      expect(await staff.divergences.lateOrders({ accountId: accountA })).toEqual([
        { accountId: accountA, tradeName: expect.any(String), late: lateInA },
      ]);
    }
    const queue = await support().divergences.list({ accountId: accountA });
    expect(queue.map((d) => d.orderId)).not.toContain(order.id);
  });

  it("is closed to sellers and managers", async () => {
    for (const email of [EMAILS.sellerA, EMAILS.managerA]) {
      const caller = world.callerFor(email);
      for (const call of [
        () => caller.divergences.list({}),
        () => caller.divergences.lateOrders({}),
        () => caller.divergences.resend({ id: 1 }),
        () => caller.divergences.acceptMarketplace({ id: 1 }),
        () => caller.divergences.handleManually({ id: 1 }),
        () => caller.divergences.resolve({ id: 1, note: "tentativa indevida" }),
      ]) {
        await expect(call()).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
      }
    }
  });
});
