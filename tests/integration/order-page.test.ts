// Issue 16, item 3: the order page says one thing per fact, read from orders.get as each role sees it. The guidance
// runs on what the procedure returns from a real database, after the seller's, the worker's, the marketplace's and
// support's changes.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { divergences, outbox } from "@/db/schema";
import { applyMarketplaceUpdate } from "@/server/domain/orders/commands/marketplace";
import { orderGuidance } from "@/server/domain/orders/order-guidance";
import { accountCnpj, expectRefusal, insertOrder, orderRow, outboxOf, tracking, validKey } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let cnpjA: string;

beforeAll(async () => {
  world = await createTestWorld(2);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
});
afterAll(() => world.close());

const seller = () => world.callerFor(EMAILS.sellerA);
const readers = () => [
  world.callerFor(EMAILS.sellerA),
  world.callerFor(EMAILS.managerA),
  world.callerFor(EMAILS.support, accountA),
  world.callerFor(EMAILS.admin, accountA),
];

/** The page's guidance as whoever calls it would see it. */
async function pageOf(caller: ReturnType<TestWorld["callerFor"]>, id: number) {
  const detail = await caller.orders.get({ id });
  return orderGuidance({
    order: detail.order,
    updates: detail.replication,
    timeline: detail.timeline,
    divergences: detail.openDivergences,
    deadline: detail.deadline,
  });
}

/** What the worker records when the marketplace acknowledges an update, without a marketplace to call. */
function acknowledge(orderId: number, kind: string) {
  const row = outboxOf(world, orderId).find((u) => u.kind === kind);
  if (!row) throw new Error(`no ${kind} update`);
  world.db.update(outbox).set({ state: "acknowledged", updatedAt: new Date() }).where(eq(outbox.id, row.id)).run();
}

describe("the order page, for every role", () => {
  it("says once that a Zoom invoice waits for the shipment, the same for everyone who may read the order", async () => {
    const order = insertOrder(world, {
      accountId: accountA,
      channel: "zoom",
      logisticsMode: "own_carrier",
      status: "APPROVED",
    });
    await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: validKey(cnpjA) },
    });
    for (const caller of readers()) {
      const page = await pageOf(caller, order.id);
      expect(page.notices.map((n) => n.text)).toEqual([
        "A chave será enviada à Zoom junto com os dados de envio.",
        "Pedidos da Zoom só são cancelados pelo atendimento da Zoom: abra um chamado na central do lojista, e o Fluxo atualiza o pedido quando o cancelamento chegar.",
      ]);
      expect(page.updates.map((u) => u.stateLabel)).toEqual(["Retida — aguardando os dados de envio"]);
      expect(page.nextStep).toBe("Informe o envio (rastreio)");
    }
    await expectRefusal(world.callerFor(EMAILS.sellerB).orders.get({ id: order.id }), "NOT_FOUND");
  });

  it("keeps a cancellation request 'solicitado' until the marketplace confirms, then says 'Cancelado'", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "INVOICED" });
    await seller().orders.cancel({ orderId: order.id, version: order.version, reason: "Cliente desistiu da compra" });
    acknowledge(order.id, "cancel");
    const waiting = await pageOf(seller(), order.id);
    expect(waiting.statusLine).toBe("Cancelamento solicitado");
    expect(waiting.updates.find((u) => u.kind === "cancel")?.stateLabel).toBe(
      "Recebida — aguardando a confirmação do marketplace",
    );

    applyMarketplaceUpdate(world.db, { accountId: accountA, orderId: order.id, action: "cancel" });
    for (const caller of readers()) {
      const confirmed = await pageOf(caller, order.id);
      expect(confirmed.statusLine).toBe("Cancelado");
      expect(confirmed.updates.find((u) => u.kind === "cancel")?.stateLabel).toBe("Confirmada pelo marketplace");
      expect(confirmed.nextStep).toBeNull();
    }
  });

  it("says once that support handles an order manually, and the seller's later change promises nothing", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "carrefour", status: "APPROVED" });
    await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: validKey(cnpjA) },
    });
    const divergence = world.db
      .insert(divergences)
      .values({
        orderId: order.id,
        accountId: accountA,
        channel: "carrefour",
        kind: "manual_change",
        hubState: { status: "INVOICED" },
        marketplaceState: { status: "APPROVED" },
        likelyCause: "Alteração no painel do marketplace",
        openedAt: new Date(),
      })
      .returning()
      .get();
    await world.callerFor(EMAILS.support, accountA).divergences.handleManually({ id: divergence.id });
    for (const caller of readers()) {
      const page = await pageOf(caller, order.id);
      expect(page.notices.map((n) => n.id)).toEqual(["handled-manually"]);
      expect(page.synchronised).toBe(false);
      expect(page.nextStep).toBe("Acompanhe o pedido até a entrega no painel do marketplace.");
      expect(page.updates.map((u) => u.state)).toEqual(["discarded"]);
      expect(page.updates.some((u) => u.resendable)).toBe(false);
    }
    const handled = orderRow(world, order.id);
    await seller().orders.ship({ orderId: order.id, version: handled.version, tracking: tracking() });
    const after = await pageOf(seller(), order.id);
    expect(after.notices.map((n) => n.id)).toEqual(["handled-manually"]);
    expect(after.updates.map((u) => u.state)).toEqual(["discarded"]);
  });
});
