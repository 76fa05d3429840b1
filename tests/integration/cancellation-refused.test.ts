// SPEC §2/§5: a cancellation request the marketplace refuses gives back what it had set aside. An invoice held for the
// shipment is discarded by the request while the marketplace decides; a refusal holds it again, so the shipment entered
// afterwards takes the invoice along.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureSandboxConnections } from "@/db/queries/connections";
import { timelineEntries } from "@/db/schema";
import type { ChannelAdapter, PushResult, UpdateToPush } from "@/server/channels/adapter";
import { CHANNEL_IDS } from "@/server/domain/channels/channels";
import { CHANNEL_RULES } from "@/server/domain/channels/rules";
import { replicateOnce } from "@/server/sync/replicate";
import { accountCnpj, insertOrder, orderRow, outboxOf, tracking, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
// No channel today both holds the invoice for the shipment (Zoom) and takes a seller's cancellation once invoiced; both
// are rule data, so the combination must still hold: Zoom takes cancellations for the duration of this file.
const zoomCancels = CHANNEL_RULES.zoom.sellerCancels;

beforeAll(async () => {
  CHANNEL_RULES.zoom.sellerCancels = true;
  world = await createTestWorld(0);
  accountA = world.accounts[0]?.id ?? 0;
  // The connection only has to exist: the marketplace below answers in-process.
  ensureSandboxConnections(world.db, "http://127.0.0.1:9", CHANNEL_IDS, new Date());
});
afterAll(() => {
  CHANNEL_RULES.zoom.sellerCancels = zoomCancels;
  world.close();
});

const seller = () => world.callerFor(EMAILS.sellerA);

/** A marketplace that refuses every cancellation and takes everything else, keeping what it was sent. */
function refusingCancellations() {
  const received: UpdateToPush[] = [];
  const adapter: ChannelAdapter = {
    pullOrders: async () => ({ orders: [], cursor: "0" }),
    readOrder: async () => null,
    checkConnection: async () => ({ ok: true }),
    pushUpdate: async (update): Promise<PushResult> => {
      received.push(update);
      return update.kind === "cancel"
        ? { outcome: "rejected", reason: "O pedido já está em separação no centro de distribuição." }
        : { outcome: "acknowledged", response: { ok: true } };
    },
  };
  const replicate = () =>
    replicateOnce(world.db, { owner: "test", leaseMs: 10_000, batch: 50, adapterFor: () => adapter });
  return { received, replicate };
}

it("holds the invoice again, says so, and sends it with the shipment entered afterwards", async () => {
  const marketplace = refusingCancellations();
  const order = insertOrder(world, { accountId: accountA, channel: "zoom", logisticsMode: "own_carrier" });
  const key = validKey(accountCnpj(world, accountA), 2026, 11);
  const invoiced = await seller().orders.invoice({
    orderId: order.id,
    version: order.version,
    invoice: { method: "key", accessKey: key },
  });
  const requested = await seller().orders.cancel({
    orderId: order.id,
    version: invoiced.version,
    reason: "Cliente desistiu da compra",
  });
  expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
    ["invoice", "discarded"],
    ["cancel", "pending"],
  ]);

  await marketplace.replicate();
  expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
    ["invoice", "held"],
    ["cancel", "rejected"],
  ]);
  const after = orderRow(world, order.id);
  expect(after.status).toBe("INVOICED");
  expect(after.cancellationRequestedAt).toBeNull();
  const refused = world.db
    .select()
    .from(timelineEntries)
    .where(and(eq(timelineEntries.orderId, order.id), eq(timelineEntries.kind, "order.cancellation_refused")))
    .all();
  expect(refused.map((e) => e.summary)).toEqual([
    "Cancelamento recusado: a nota fiscal volta a aguardar os dados de envio. A chave será enviada à Zoom junto com os dados de envio.",
  ]);
  const detail = await seller().orders.get({ id: order.id });
  expect(detail.order.status).toBe("INVOICED");
  expect(detail.replication.find((r) => r.kind === "invoice")?.state).toBe("held");

  await seller().orders.ship({ orderId: order.id, version: requested.version, tracking: tracking() });
  for (let pass = 0; pass < 4; pass++) await marketplace.replicate();
  const invoiceSent = marketplace.received.find((u) => u.kind === "invoice");
  expect(invoiceSent?.payload).toMatchObject({
    accessKey: key,
    shipment: { carrier: "correios" },
    invoiceNumber: expect.any(String),
  });
  expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
    ["invoice", "acknowledged"],
    ["cancel", "rejected"],
    ["shipment", "acknowledged"],
  ]);
});

it("puts a not-yet-sent update of a channel without held invoices back in the queue", async () => {
  const marketplace = refusingCancellations();
  const order = insertOrder(world, { accountId: accountA, channel: "americanas", logisticsMode: "correios" });
  const invoiced = await seller().orders.invoice({
    orderId: order.id,
    version: order.version,
    invoice: { method: "key", accessKey: validKey(accountCnpj(world, accountA), 2026, 11) },
  });
  // Americanas takes the invoice at once; asked to cancel before the worker sent it, the invoice waits aside.
  await seller().orders.cancel({ orderId: order.id, version: invoiced.version, reason: "Cliente desistiu da compra" });
  await marketplace.replicate();
  expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
    ["invoice", "pending"],
    ["cancel", "rejected"],
  ]);
  await marketplace.replicate();
  expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
    ["invoice", "acknowledged"],
    ["cancel", "rejected"],
  ]);
});
