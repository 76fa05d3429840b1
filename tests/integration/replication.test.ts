import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, outbox, timelineEntries } from "@/db/schema";
import { type SandboxProcess, startSandbox } from "@/sandbox/spawn";
import { adapterFor } from "@/server/channels/registry";
import type { ChannelId, LogisticsModeId } from "@/server/domain/channels/channels";
import { replicateOnce } from "@/server/sync/replicate";
import { connectToSandbox } from "@/server/worker/sandbox-connections";
import { accountCnpj, correiosCode, outboxOf, spDay, spMonth, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";
import { ingestAll, replicateAll } from "./sandbox-sync";

let world: TestWorld;
let sandbox: SandboxProcess;
let accountA: number;
let cnpjA: string;

interface MarketplaceView {
  code: string;
  status: string;
  invoice: { accessKey: string } | null;
  shipment: { trackingCode: string } | null;
}

beforeAll(async () => {
  world = await createTestWorld(3);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  sandbox = await startSandbox({ sellers: world.accounts.map((a) => a.cnpj) });
  await connectToSandbox(world.db, sandbox.url);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
  world?.close();
});

async function marketplaceOrder(
  channel: ChannelId,
  logisticsMode: LogisticsModeId,
  status: "NEW" | "APPROVED" = "APPROVED",
) {
  const created = await sandbox.admin<MarketplaceView>("/admin/orders", {
    seller: cnpjA,
    channel,
    logisticsMode,
    status,
  });
  await ingestAll(world.db);
  const row = world.db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountA), eq(orders.channel, channel), eq(orders.marketplaceCode, created.code)))
    .get();
  if (!row) throw new Error(`order ${created.code} was not ingested`);
  return row;
}

function marketplaceView(channel: ChannelId, code: string) {
  return sandbox.admin<MarketplaceView>(`/v1/orders/${channel}/${encodeURIComponent(code)}?seller=${cnpjA}`);
}

function hubOrder(id: number) {
  const row = world.db.select().from(orders).where(eq(orders.id, id)).get();
  if (!row) throw new Error("gone");
  return row;
}

const seller = () => world.callerFor(EMAILS.sellerA);
const key = () => validKey(cnpjA, spMonth(0).year, spMonth(0).month);
const trackingFor = (code: string) => ({ carrier: "correios" as const, code, method: "SEDEX", handedAt: spDay(0) });

describe("ingestion", () => {
  it("takes each marketplace order once, even when events come duplicated", async () => {
    await sandbox.admin("/admin/faults", { duplicateEvents: true });
    const created = await Promise.all(
      (["americanas", "magalu", "zoom"] as const).map((channel) =>
        sandbox.admin<MarketplaceView>("/admin/orders", { seller: cnpjA, channel, status: "APPROVED" }),
      ),
    );
    await ingestAll(world.db);
    await ingestAll(world.db);
    await sandbox.admin("/admin/faults", { duplicateEvents: false });
    for (const mo of created) {
      const rows = world.db.select().from(orders).where(eq(orders.marketplaceCode, mo.code)).all();
      expect(rows).toHaveLength(1);
      const received = world.db
        .select()
        .from(timelineEntries)
        .where(and(eq(timelineEntries.orderId, rows[0]?.id ?? 0), eq(timelineEntries.kind, "order.received")))
        .all();
      expect(received).toHaveLength(1);
      expect(rows[0]?.status).toBe("APPROVED");
    }
  });

  it("applies a payment approval from the marketplace with the channel as actor", async () => {
    // A channel polled on every pass (Carrefour's Mirakl polls once a minute).
    const order = await marketplaceOrder("zoom", "correios", "NEW");
    expect(order.status).toBe("NEW");
    await sandbox.admin(`/admin/orders/zoom/${encodeURIComponent(order.marketplaceCode)}/manual-change`, {
      status: "APPROVED",
    });
    await ingestAll(world.db);
    const after = hubOrder(order.id);
    expect(after.status).toBe("APPROVED");
    expect(after.approvedAt).not.toBeNull();
    const entry = world.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.orderId, order.id), eq(timelineEntries.toStatus, "APPROVED")))
      .get();
    expect(entry?.actorType).toBe("channel");
    expect(entry?.actorName).toBe("Zoom");
    expect(entry?.fromStatus).toBe("NEW");
  });

  it("records, without applying, a marketplace change the flow does not allow", async () => {
    // A channel whose intake reports every change: SkyHub's queue carries no delivery of a seller-shipped order.
    const order = await marketplaceOrder("zoom", "correios");
    await sandbox.admin(`/admin/orders/zoom/${encodeURIComponent(order.marketplaceCode)}/manual-change`, {
      status: "DELIVERED",
    });
    await ingestAll(world.db);
    expect(hubOrder(order.id).status).toBe("APPROVED");
    const flagged = world.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.orderId, order.id), eq(timelineEntries.kind, "marketplace.unexpected")))
      .all();
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.summary).toMatch(/não foi aplicada/);
  });
});

describe("replication", () => {
  it("sends invoice, shipment and delivery, each acknowledged, and the marketplace follows", async () => {
    const order = await marketplaceOrder("americanas", "correios");
    const accessKey = key();
    const invoiced = await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey },
    });
    await replicateAll(world.db);
    expect((await marketplaceView("americanas", order.marketplaceCode)).status).toBe("INVOICED");
    const code = correiosCode();
    const shipped = await seller().orders.ship({
      orderId: order.id,
      version: invoiced.version,
      tracking: trackingFor(code),
    });
    await replicateAll(world.db);
    const view = await marketplaceView("americanas", order.marketplaceCode);
    expect(view.status).toBe("SHIPPED");
    expect(view.invoice?.accessKey).toBe(accessKey);
    expect(view.shipment?.trackingCode).toBe(code);
    await seller().orders.markDelivered({ orderId: order.id, version: shipped.version, deliveredOn: spDay(0) });
    await replicateAll(world.db);
    expect((await marketplaceView("americanas", order.marketplaceCode)).status).toBe("DELIVERED");
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "acknowledged"],
      ["shipment", "acknowledged"],
      ["delivered", "acknowledged"],
    ]);
    const answers = world.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.orderId, order.id), eq(timelineEntries.kind, "replication.acknowledged")))
      .all();
    expect(answers).toHaveLength(3);
  });

  it("keeps out of stock in the hub, which no marketplace takes, and sends the cancel and a delivery problem", async () => {
    const a = await marketplaceOrder("americanas", "correios");
    const out = await seller().orders.markOutOfStock({
      orderId: a.id,
      version: a.version,
      reason: "Fornecedor atrasou",
    });
    const back = await seller().orders.restock({ orderId: a.id, version: out.version });
    await replicateAll(world.db);
    expect(outboxOf(world, a.id)).toEqual([]);
    expect((await marketplaceView("americanas", a.marketplaceCode)).status).toBe("APPROVED");
    await seller().orders.cancel({ orderId: a.id, version: back.version, reason: "Cliente desistiu da compra" });
    await replicateAll(world.db);
    expect((await marketplaceView("americanas", a.marketplaceCode)).status).toBe("CANCELED");

    const b = await marketplaceOrder("americanas", "own_carrier");
    const inv = await seller().orders.invoice({
      orderId: b.id,
      version: b.version,
      invoice: { method: "key", accessKey: key() },
    });
    const shp = await seller().orders.ship({
      orderId: b.id,
      version: inv.version,
      tracking: { carrier: "jadlog", code: "JD123456789", method: "Expresso", handedAt: spDay(0) },
    });
    await seller().orders.reportDeliveryProblem({
      orderId: b.id,
      version: shp.version,
      occurredOn: spDay(0),
      observation: "Endereço não localizado",
    });
    await replicateAll(world.db);
    expect((await marketplaceView("americanas", b.marketplaceCode)).status).toBe("SHIPMENT_EXCEPTION");
    expect(outboxOf(world, b.id).every((r) => r.state === "acknowledged")).toBe(true);
  });

  it("holds a Zoom invoice until the shipment, then sends both together", async () => {
    const order = await marketplaceOrder("zoom", "own_carrier");
    const accessKey = key();
    const invoiced = await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey },
    });
    await replicateAll(world.db);
    expect(outboxOf(world, order.id).map((r) => r.state)).toEqual(["held"]);
    expect((await marketplaceView("zoom", order.marketplaceCode)).status).toBe("APPROVED");
    const code = correiosCode();
    await seller().orders.ship({ orderId: order.id, version: invoiced.version, tracking: trackingFor(code) });
    await replicateAll(world.db);
    const view = await marketplaceView("zoom", order.marketplaceCode);
    expect(view.status).toBe("SHIPPED");
    expect(view.invoice?.accessKey).toBe(accessKey);
    expect(view.shipment?.trackingCode).toBe(code);
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "acknowledged"],
      ["shipment", "acknowledged"],
    ]);
  });

  it("ships a Zoom order with the NF-e's number and series beside its key; Zoom reports the delivery and cancels only through its support", async () => {
    const order = await marketplaceOrder("zoom", "correios");
    const accessKey = key();
    const invoiced = await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey },
    });
    const shipped = await seller().orders.ship({
      orderId: order.id,
      version: invoiced.version,
      tracking: trackingFor(correiosCode()),
    });
    await replicateAll(world.db);
    const view = await marketplaceView("zoom", order.marketplaceCode);
    expect(view).toMatchObject({ status: "SHIPPED", invoice: { accessKey } });
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "acknowledged"],
      ["shipment", "acknowledged"],
    ]);
    await expect(
      seller().orders.markDelivered({ orderId: order.id, version: shipped.version, deliveredOn: spDay(0) }),
    ).rejects.toThrow(/quem informa a entrega é Zoom/);

    const other = await marketplaceOrder("zoom", "own_carrier");
    await expect(
      seller().orders.cancel({ orderId: other.id, version: other.version, reason: "Cliente desistiu" }),
    ).rejects.toThrow(
      "Pedidos da Zoom só são cancelados pelo atendimento da Zoom: abra um chamado na central do lojista, e o Fluxo atualiza o pedido quando o cancelamento chegar.",
    );
    expect(outboxOf(world, other.id)).toEqual([]);
  });

  it("shows a rejection with the marketplace's reason, and the seller re-sends it once fixed", async () => {
    const order = await marketplaceOrder("americanas", "correios");
    const path = `/admin/orders/americanas/${encodeURIComponent(order.marketplaceCode)}/manual-change`;
    await sandbox.admin(path, { status: "OUT_OF_STOCK" });
    await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: key() },
    });
    await replicateAll(world.db);
    const [rejected] = outboxOf(world, order.id);
    expect(rejected?.state).toBe("rejected");
    expect(rejected?.lastError).toBeTruthy();
    const detail = await seller().orders.get({ id: order.id });
    expect(detail.replication[0]?.lastError).toBe(rejected?.lastError);

    await sandbox.admin(path, { status: "APPROVED" });
    await seller().orders.resendUpdate({ orderId: order.id, updateId: rejected?.id ?? 0 });
    await replicateAll(world.db);
    expect(outboxOf(world, order.id)[0]?.state).toBe("acknowledged");
    expect((await marketplaceView("americanas", order.marketplaceCode)).status).toBe("INVOICED");
    await expect(seller().orders.resendUpdate({ orderId: order.id, updateId: rejected?.id ?? 0 })).rejects.toThrow(
      /recusada/,
    );
  });

  it("honours Retry-After when the marketplace answers 429", async () => {
    const order = await marketplaceOrder("zoom", "correios");
    const invoiced = await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: key() },
    });
    await seller().orders.ship({ orderId: order.id, version: invoiced.version, tracking: trackingFor(correiosCode()) });
    await sandbox.admin("/admin/faults", { rateLimitEvery: 1, retryAfterSeconds: 7 });
    const before = Date.now();
    await replicateOnce(world.db, { owner: "test-worker", leaseMs: 10_000, batch: 100, adapterFor });
    await sandbox.admin("/admin/faults", { rateLimitEvery: 0 });
    const row = world.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.orderId, order.id), eq(outbox.kind, "invoice")))
      .get();
    expect(row?.state).toBe("retrying");
    expect(row?.lastError).toMatch(/429/);
    expect((row?.nextAttemptAt?.getTime() ?? 0) - before).toBeGreaterThanOrEqual(7_000);
    // Not due yet: the next pass leaves it alone.
    expect(await replicateOnce(world.db, { owner: "test-worker", leaseMs: 10_000, batch: 100, adapterFor })).toBe(0);
  });
});

describe("cancellation requests", () => {
  it("a cancellation the marketplace refuses is no longer pending, and the seller may act again", async () => {
    const order = await marketplaceOrder("americanas", "correios");
    const invoiced = await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: key() },
    });
    await replicateAll(world.db);
    const shippedByHand = `/admin/orders/americanas/${encodeURIComponent(order.marketplaceCode)}/manual-change`;
    await sandbox.admin(shippedByHand, { status: "SHIPPED", trackingCode: "QB473124827BR" });
    await seller().orders.cancel({
      orderId: order.id,
      version: invoiced.version,
      reason: "Cliente desistiu da compra",
    });
    await replicateAll(world.db);
    const cancel = outboxOf(world, order.id).find((r) => r.kind === "cancel");
    expect(cancel?.state).toBe("rejected");
    expect(hubOrder(order.id).cancellationRequestedAt).toBeNull();
    const detail = await seller().orders.get({ id: order.id });
    expect(detail.order.status).toBe("INVOICED");
  });
});
