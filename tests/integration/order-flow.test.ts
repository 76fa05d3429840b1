// SPEC §2–§4: every transition a seller may make, what each one writes (order, timeline, outbox), the transitions
// the table refuses, stale forms, and the changes the marketplace makes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/server/domain/errors";
import { applyMarketplaceUpdate } from "@/server/domain/orders/commands/marketplace";
import type { OrderStatus } from "@/server/domain/orders/status";
import {
  accountCnpj,
  expectRefusal,
  expectRefusedWithoutChange,
  insertOrder,
  invoicesOf,
  orderRow,
  outboxOf,
  shipmentsOf,
  snapshot,
  spDay,
  tableCounts,
  timelineOf,
  tracking,
  validKey,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let cnpjA: string;
let sellerName: string;
let sellerId: string;

beforeAll(async () => {
  world = await createTestWorld(5);
  accountA = world.accounts[0]?.id ?? 0;
  cnpjA = accountCnpj(world, accountA);
  const seller = world.userByEmail(EMAILS.sellerA);
  sellerName = seller.name;
  sellerId = seller.id;
});
afterAll(() => world.close());

const seller = () => world.callerFor(EMAILS.sellerA);

/** Runs a seller change and checks the common contract: status, version + 1, exactly one new timeline entry. */
async function expectChange(
  orderId: number,
  run: (version: number) => Promise<{ status: OrderStatus; version: number }>,
  from: OrderStatus,
  to: OrderStatus,
  kind: string,
) {
  const before = orderRow(world, orderId);
  const timelineBefore = timelineOf(world, orderId);
  const countsBefore = tableCounts(world);
  expect(before.status).toBe(from);
  const result = await run(before.version);
  expect(result.status).toBe(to);
  expect(result.version).toBe(before.version + 1);
  const after = orderRow(world, orderId);
  expect(after.status).toBe(to);
  expect(after.version).toBe(before.version + 1);
  if (from !== to) expect(after.statusChangedAt.getTime()).toBeGreaterThan(before.statusChangedAt.getTime());
  const timeline = timelineOf(world, orderId);
  expect(timeline).toHaveLength(timelineBefore.length + 1);
  // Append-only: earlier entries untouched.
  expect(timeline.slice(0, timelineBefore.length)).toEqual(timelineBefore);
  const entry = timeline.at(-1);
  expect(entry).toMatchObject({
    actorType: "user",
    actorUserId: sellerId,
    actorName: sellerName,
    fromStatus: from,
    toStatus: to,
    kind,
    accountId: accountA,
  });
  expect(entry?.summary.length).toBeGreaterThan(5);
  expect(tableCounts(world).timelineEntries).toBe(countsBefore.timelineEntries + 1);
  expect(tableCounts(world).orders).toBe(countsBefore.orders);
  return { before, after, entry, countsBefore };
}

describe("seller transitions write the order, one timeline entry and the outbox", () => {
  it("Americanas/Correios: invoice (sent at once) → ship → problem → re-ship → delivered", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "americanas", logisticsMode: "correios" });
    const key = validKey(cnpjA);

    const inv = await expectChange(
      order.id,
      async (version) => {
        const out = await seller().orders.invoice({
          orderId: order.id,
          version,
          invoice: { method: "key", accessKey: key },
        });
        expect(out.heldNotice).toBeNull();
        expect(out.warnings).toEqual([]);
        return out;
      },
      "APPROVED",
      "INVOICED",
      "order.invoiced",
    );
    expect(inv.after.accessKey).toBe(key);
    expect(invoicesOf(world, order.id)).toMatchObject([
      { accessKey: key, source: "key", series: "001", accountId: accountA, createdByUserId: sellerId, xml: null },
    ]);
    expect(tableCounts(world).invoices).toBe(inv.countsBefore.invoices + 1);
    expect(outboxOf(world, order.id)).toMatchObject([
      { kind: "invoice", state: "pending", channel: "americanas", payload: { accessKey: key, hasXml: false } },
    ]);

    const code1 = tracking().code;
    const ship = await expectChange(
      order.id,
      (version) =>
        seller().orders.ship({ orderId: order.id, version, tracking: tracking({ code: code1.toLowerCase() }) }),
      "INVOICED",
      "SHIPPED",
      "order.shipped",
    );
    expect(ship.after.trackingCode).toBe(code1);
    expect(shipmentsOf(world, order.id)).toMatchObject([{ carrier: "correios", trackingCode: code1, method: "SEDEX" }]);
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "pending"],
      ["shipment", "pending"],
    ]);
    expect(outboxOf(world, order.id)[1]?.payload).toMatchObject({ trackingCode: code1, invoiceKey: key });

    await expectChange(
      order.id,
      (version) =>
        seller().orders.reportDeliveryProblem({
          orderId: order.id,
          version,
          occurredOn: spDay(0),
          observation: "Destinatário ausente em três tentativas",
        }),
      "SHIPPED",
      "SHIPMENT_EXCEPTION",
      "order.delivery_problem",
    );
    expect(outboxOf(world, order.id).at(-1)).toMatchObject({ kind: "delivery_problem", state: "pending" });

    const code2 = tracking().code;
    const reship = await expectChange(
      order.id,
      (version) =>
        seller().orders.ship({ orderId: order.id, version, tracking: tracking({ code: code2, method: "PAC" }) }),
      "SHIPMENT_EXCEPTION",
      "SHIPPED",
      "order.shipped",
    );
    expect(reship.after.trackingCode).toBe(code2);
    expect(shipmentsOf(world, order.id).map((s) => s.trackingCode)).toEqual([code1, code2]);

    await expectChange(
      order.id,
      (version) => seller().orders.markDelivered({ orderId: order.id, version, deliveredOn: spDay(0) }),
      "SHIPPED",
      "DELIVERED",
      "order.delivered",
    );
    expect(outboxOf(world, order.id).map((r) => r.kind)).toEqual([
      "invoice",
      "shipment",
      "delivery_problem",
      "shipment",
      "delivered",
    ]);
    expect(outboxOf(world, order.id).every((r) => r.state === "pending" && r.accountId === accountA)).toBe(true);

    // The order page reads the same history.
    const detail = await seller().orders.get({ id: order.id });
    expect(detail.order.status).toBe("DELIVERED");
    expect(detail.timeline.map((t) => t.toStatus)).toEqual([
      "NEW",
      "INVOICED",
      "SHIPPED",
      "SHIPMENT_EXCEPTION",
      "SHIPPED",
      "DELIVERED",
    ]);
    expect(detail.replication).toHaveLength(5);
  });

  it("Zoom: the invoice is held until the shipment, then both go out", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "zoom", logisticsMode: "own_carrier" });
    const key = validKey(cnpjA);
    await expectChange(
      order.id,
      async (version) => {
        const out = await seller().orders.invoice({
          orderId: order.id,
          version,
          invoice: { method: "key", accessKey: key },
        });
        expect(out.heldNotice).toBe("A chave será enviada à Zoom junto com os dados de envio.");
        return out;
      },
      "APPROVED",
      "INVOICED",
      "order.invoiced",
    );
    expect(outboxOf(world, order.id)).toMatchObject([{ kind: "invoice", state: "held", nextAttemptAt: null }]);
    expect(timelineOf(world, order.id).at(-1)?.summary).toContain("junto com os dados de envio");

    await expectChange(
      order.id,
      (version) => seller().orders.ship({ orderId: order.id, version, tracking: tracking() }),
      "INVOICED",
      "SHIPPED",
      "order.shipped",
    );
    const rows = outboxOf(world, order.id);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "pending"],
      ["shipment", "pending"],
    ]);
    expect(rows[0]?.nextAttemptAt).not.toBeNull();
  });

  it.each([
    ["americanas", "correios", "pending"],
    ["americanas", "b2w_entregas", "pending"],
    ["carrefour", "correios", "pending"],
    ["zoom", "own_carrier", "held"],
  ] as const)("%s/%s: the invoice outbox row is %s", async (channel, logisticsMode, state) => {
    const order = insertOrder(world, { accountId: accountA, channel, logisticsMode });
    const out = await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: validKey(cnpjA) },
    });
    expect(out.status).toBe("INVOICED");
    expect(out.heldNotice === null).toBe(state === "pending");
    expect(outboxOf(world, order.id)).toMatchObject([{ kind: "invoice", state }]);
  });

  it("cancel of an APPROVED order cancels it and tells the marketplace", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "carrefour" });
    const { after } = await expectChange(
      order.id,
      (version) => seller().orders.cancel({ orderId: order.id, version, reason: "  Cliente desistiu da compra  " }),
      "APPROVED",
      "CANCELED",
      "order.canceled",
    );
    expect(after.cancellationReason).toBe("Cliente desistiu da compra");
    expect(after.cancellationRequestedAt).toBeNull();
    expect(outboxOf(world, order.id)).toMatchObject([
      { kind: "cancel", state: "pending", payload: { reason: "Cliente desistiu da compra" } },
    ]);
  });

  it("cancel of an INVOICED order is a request: status stays, cancellationRequestedAt set, 'cancel' row", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "americanas" });
    await seller().orders.invoice({
      orderId: order.id,
      version: order.version,
      invoice: { method: "key", accessKey: validKey(cnpjA) },
    });
    const { after, entry } = await expectChange(
      order.id,
      (version) => seller().orders.cancel({ orderId: order.id, version, reason: "Cliente pediu o cancelamento" }),
      "INVOICED",
      "INVOICED",
      "order.cancellation_requested",
    );
    expect(after.cancellationRequestedAt).toBeInstanceOf(Date);
    expect(after.cancellationReason).toBe("Cliente pediu o cancelamento");
    expect(entry?.summary).toContain("Cancelamento solicitado");
    // The invoice had not gone out yet: it never will, and it does not hold the cancel back.
    expect(outboxOf(world, order.id).map((r) => [r.kind, r.state])).toEqual([
      ["invoice", "discarded"],
      ["cancel", "pending"],
    ]);
    // Until the marketplace answers, the seller cannot move the order on (nor ask again).
    const current = orderRow(world, order.id);
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => seller().orders.ship({ orderId: order.id, version: current.version, tracking: tracking() }),
      "PRECONDITION_FAILED",
      "TRANSITION_NOT_ALLOWED",
    );
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => seller().orders.cancel({ orderId: order.id, version: current.version, reason: "De novo, por favor" }),
      "PRECONDITION_FAILED",
      "TRANSITION_NOT_ALLOWED",
    );
  });

  it("out of stock and back, then canceled from OUT_OF_STOCK", async () => {
    // "Sem estoque" is the hub's own state (no marketplace's API takes it); the cancellation goes out.
    const order = insertOrder(world, { accountId: accountA, channel: "americanas" });
    await expectChange(
      order.id,
      (version) => seller().orders.markOutOfStock({ orderId: order.id, version, reason: "Fornecedor atrasou" }),
      "APPROVED",
      "OUT_OF_STOCK",
      "order.out_of_stock",
    );
    await expectChange(
      order.id,
      (version) => seller().orders.restock({ orderId: order.id, version, note: "Chegou a reposição" }),
      "OUT_OF_STOCK",
      "APPROVED",
      "order.restocked",
    );
    await expectChange(
      order.id,
      (version) => seller().orders.markOutOfStock({ orderId: order.id, version, reason: "Acabou de novo" }),
      "APPROVED",
      "OUT_OF_STOCK",
      "order.out_of_stock",
    );
    await expectChange(
      order.id,
      (version) => seller().orders.cancel({ orderId: order.id, version, reason: "Sem previsão de estoque" }),
      "OUT_OF_STOCK",
      "CANCELED",
      "order.canceled",
    );
    expect(outboxOf(world, order.id).map((r) => r.kind)).toEqual(["cancel"]);
    expect(timelineOf(world, order.id).find((e) => e.kind === "order.out_of_stock")?.summary).toContain("só no Fluxo");
  });

  it("SHIPMENT_EXCEPTION → DELIVERED and SHIPMENT_EXCEPTION → CANCELED (returned)", async () => {
    const a = insertOrder(world, { accountId: accountA, status: "SHIPMENT_EXCEPTION" });
    await expectChange(
      a.id,
      (version) => seller().orders.markDelivered({ orderId: a.id, version, deliveredOn: spDay(0) }),
      "SHIPMENT_EXCEPTION",
      "DELIVERED",
      "order.delivered",
    );
    const b = insertOrder(world, { accountId: accountA, status: "SHIPMENT_EXCEPTION" });
    await expectChange(
      b.id,
      (version) => seller().orders.cancel({ orderId: b.id, version, reason: "Pacote devolvido ao remetente" }),
      "SHIPMENT_EXCEPTION",
      "CANCELED",
      "order.canceled",
    );
  });

  it("Mercado Livre with the seller's own carrier (ME1): the seller marks delivered; Coleta is ME2, reported by Mercado Livre", async () => {
    const order = insertOrder(world, {
      accountId: accountA,
      channel: "mercado_livre",
      logisticsMode: "own_carrier",
      status: "SHIPPED",
    });
    const out = await seller().orders.markDelivered({
      orderId: order.id,
      version: order.version,
      deliveredOn: spDay(0),
    });
    expect(out.status).toBe("DELIVERED");
    const coleta = insertOrder(world, {
      accountId: accountA,
      channel: "mercado_livre",
      logisticsMode: "mercado_envios_coleta",
      status: "SHIPPED",
    });
    await expect(
      seller().orders.markDelivered({ orderId: coleta.id, version: coleta.version, deliveredOn: spDay(0) }),
    ).rejects.toThrow(/quem informa a entrega é Mercado Livre/);
  });

  it("B2W Entrega and Mercado Envios 2: the marketplace dispatches, so the seller is not asked for tracking", async () => {
    for (const [channel, logisticsMode] of [
      ["americanas", "b2w_entregas"],
      ["mercado_livre", "me2"],
    ] as const) {
      const order = insertOrder(world, { accountId: accountA, channel, logisticsMode, status: "INVOICED" });
      await expect(
        seller().orders.ship({ orderId: order.id, version: order.version, tracking: tracking() }),
      ).rejects.toThrow(/quem despacha é/);
    }
  });
});

type Action = "invoice" | "ship" | "markDelivered" | "reportDeliveryProblem" | "markOutOfStock" | "restock" | "cancel";

// SPEC §2, written out here independently of server/domain/orders/transitions.ts.
const ALLOWED: Record<Action, OrderStatus[]> = {
  invoice: ["APPROVED"],
  ship: ["INVOICED", "SHIPMENT_EXCEPTION"],
  markDelivered: ["SHIPPED", "SHIPMENT_EXCEPTION"],
  reportDeliveryProblem: ["SHIPPED"],
  markOutOfStock: ["APPROVED"],
  restock: ["OUT_OF_STOCK"],
  cancel: ["APPROVED", "OUT_OF_STOCK", "INVOICED", "SHIPMENT_EXCEPTION"],
};

const STATUSES: OrderStatus[] = [
  "NEW",
  "PAYMENT_OVERDUE",
  "APPROVED",
  "OUT_OF_STOCK",
  "INVOICED",
  "SHIPPED",
  "SHIPMENT_EXCEPTION",
  "DELIVERED",
  "CANCELED",
];

function act(action: Action, orderId: number, version: number) {
  const c = seller().orders;
  switch (action) {
    case "invoice":
      return c.invoice({ orderId, version, invoice: { method: "key", accessKey: validKey(cnpjA) } });
    case "ship":
      return c.ship({ orderId, version, tracking: tracking() });
    case "markDelivered":
      return c.markDelivered({ orderId, version, deliveredOn: spDay(0) });
    case "reportDeliveryProblem":
      return c.reportDeliveryProblem({ orderId, version, occurredOn: spDay(0), observation: "Extravio informado" });
    case "markOutOfStock":
      return c.markOutOfStock({ orderId, version, reason: "Sem estoque no depósito" });
    case "restock":
      return c.restock({ orderId, version });
    case "cancel":
      return c.cancel({ orderId, version, reason: "Cliente desistiu da compra" });
  }
}

describe("the transition table, every seller action from every status", () => {
  const cases = STATUSES.flatMap((status) =>
    (Object.keys(ALLOWED) as Action[]).map((action) => [status, action, ALLOWED[action].includes(status)] as const),
  );
  it.each(cases)("%s + %s → allowed: %s", async (status, action, allowed) => {
    const order = insertOrder(world, { accountId: accountA, channel: "americanas", logisticsMode: "correios", status });
    if (allowed) {
      const out = await act(action, order.id, order.version);
      expect(out.version).toBe(order.version + 1);
      expect(timelineOf(world, order.id)).toHaveLength(2);
    } else {
      const error = await expectRefusedWithoutChange(
        world,
        order.id,
        () => act(action, order.id, order.version),
        "PRECONDITION_FAILED",
        "TRANSITION_NOT_ALLOWED",
      );
      // The message says what to do instead.
      expect(error.message).toMatch(/^Não é possível .+\. .+/);
    }
  });

  it("ship an APPROVED order and invoice a NEW order are refused with what to do instead", async () => {
    const approved = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    const e1 = await expectRefusedWithoutChange(
      world,
      approved.id,
      () => seller().orders.ship({ orderId: approved.id, version: approved.version, tracking: tracking() }),
      "PRECONDITION_FAILED",
      "TRANSITION_NOT_ALLOWED",
    );
    expect(e1.message).toContain("informar a nota fiscal");
    const fresh = insertOrder(world, { accountId: accountA, status: "NEW" });
    const e2 = await expectRefusedWithoutChange(
      world,
      fresh.id,
      () =>
        seller().orders.invoice({
          orderId: fresh.id,
          version: fresh.version,
          invoice: { method: "key", accessKey: validKey(cnpjA) },
        }),
      "PRECONDITION_FAILED",
      "TRANSITION_NOT_ALLOWED",
    );
    expect(e2.message).toContain("pagamento");
  });
});

describe("channel rules", () => {
  it.each([
    ["americanas", "b2w_entregas"],
    ["americanas", "b2w_entregas_direct"],
    ["mercado_livre", "me2"],
    ["magalu", "magalu_entregas"],
  ] as const)("%s/%s: the seller cannot mark delivered", async (channel, logisticsMode) => {
    for (const status of ["SHIPPED", "SHIPMENT_EXCEPTION"] as const) {
      const order = insertOrder(world, { accountId: accountA, channel, logisticsMode, status });
      const error = await expectRefusedWithoutChange(
        world,
        order.id,
        () => seller().orders.markDelivered({ orderId: order.id, version: order.version, deliveredOn: spDay(0) }),
        "PRECONDITION_FAILED",
        "CHANNEL_RULE",
      );
      expect(error.message).toMatch(/marketplace/);
    }
  });

  it("Mercado Livre refuses an invoice by key alone, naming the XML", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "mercado_livre", logisticsMode: "me2" });
    const error = await expectRefusedWithoutChange(
      world,
      order.id,
      () =>
        seller().orders.invoice({
          orderId: order.id,
          version: order.version,
          invoice: { method: "key", accessKey: validKey(cnpjA) },
        }),
      "PRECONDITION_FAILED",
      "CHANNEL_RULE",
    );
    expect(error.message).toContain("XML");
    expect(error.message).toContain("Mercado Livre");
  });
});

describe("stale forms", () => {
  it("every procedure refuses a stale version with CONFLICT when the status did not change", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "americanas", status: "APPROVED" });
    const stale = order.version;
    // Another tab: out of stock and back. Same status, newer version.
    await seller().orders.markOutOfStock({ orderId: order.id, version: stale, reason: "Conferindo estoque" });
    await seller().orders.restock({ orderId: order.id, version: stale + 1 });
    expect(orderRow(world, order.id)).toMatchObject({ status: "APPROVED", version: stale + 2 });

    for (const action of ["invoice", "markOutOfStock", "cancel"] as const) {
      const error = await expectRefusedWithoutChange(
        world,
        order.id,
        () => act(action, order.id, stale),
        "CONFLICT",
        "VERSION_CONFLICT",
      );
      expect(error.message).toContain("Recarregue");
    }
  });

  it("ship, delivered and problem forms loaded before another change get CONFLICT", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    const stale = order.version;
    await seller().orders.reportDeliveryProblem({
      orderId: order.id,
      version: stale,
      occurredOn: spDay(0),
      observation: "Transportadora extraviou",
    });
    for (const action of ["ship", "markDelivered", "cancel"] as const) {
      await expectRefusedWithoutChange(
        world,
        order.id,
        () => act(action, order.id, stale),
        "CONFLICT",
        "VERSION_CONFLICT",
      );
    }
  });

  it("an invoice form loaded before the order was invoiced in another tab gets CONFLICT", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    await act("invoice", order.id, order.version);
    // Same form, still holding the version it was loaded with.
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => act("invoice", order.id, order.version),
      "CONFLICT",
      "VERSION_CONFLICT",
    );
  });

  it("a version from the future is also a conflict", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => act("markOutOfStock", order.id, order.version + 5),
      "CONFLICT",
      "VERSION_CONFLICT",
    );
  });
});

describe("marketplace updates", () => {
  it("NEW → APPROVED sets approvedAt, with the channel as actor and nothing sent back", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "zoom", status: "NEW" });
    expect(order.approvedAt).toBeNull();
    const at = new Date(Date.UTC(2026, 10, 12, 13, 0, 0));
    const outboxBefore = tableCounts(world).outbox;
    const result = applyMarketplaceUpdate(world.db, {
      accountId: accountA,
      orderId: order.id,
      action: "approvePayment",
      at,
    });
    expect(result.order).toMatchObject({ status: "APPROVED", version: order.version + 1 });
    const after = orderRow(world, order.id);
    expect(after.approvedAt?.getTime()).toBe(at.getTime());
    expect(after.statusChangedAt.getTime()).toBe(at.getTime());
    expect(timelineOf(world, order.id).at(-1)).toMatchObject({
      actorType: "channel",
      actorUserId: null,
      actorName: "Zoom",
      fromStatus: "NEW",
      toStatus: "APPROVED",
      kind: "marketplace.approvePayment",
    });
    expect(tableCounts(world).outbox).toBe(outboxBefore);
    // And the seller can now invoice it.
    const out = await act("invoice", order.id, after.version);
    expect(out.status).toBe("INVOICED");
  });

  it("NEW → PAYMENT_OVERDUE → CANCELED by the marketplace", () => {
    const order = insertOrder(world, { accountId: accountA, status: "NEW" });
    applyMarketplaceUpdate(world.db, { accountId: accountA, orderId: order.id, action: "expirePayment" });
    expect(orderRow(world, order.id).status).toBe("PAYMENT_OVERDUE");
    applyMarketplaceUpdate(world.db, { accountId: accountA, orderId: order.id, action: "cancel" });
    expect(orderRow(world, order.id).status).toBe("CANCELED");
    expect(timelineOf(world, order.id).map((t) => t.toStatus)).toEqual(["NEW", "PAYMENT_OVERDUE", "CANCELED"]);
  });

  it("a change the table does not allow (approvePayment on DELIVERED) throws and changes nothing", () => {
    const order = insertOrder(world, { accountId: accountA, status: "DELIVERED" });
    const before = snapshot(world, order.id);
    let caught: unknown = null;
    try {
      applyMarketplaceUpdate(world.db, { accountId: accountA, orderId: order.id, action: "approvePayment" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe("TRANSITION_NOT_ALLOWED");
    expect((caught as DomainError).message).toContain("não foi aplicada");
    expect(snapshot(world, order.id)).toEqual(before);
  });

  it("the marketplace cannot cancel a DELIVERED order, nor act on another account's order", () => {
    const delivered = insertOrder(world, { accountId: accountA, status: "DELIVERED" });
    const before = snapshot(world, delivered.id);
    expect(() =>
      applyMarketplaceUpdate(world.db, { accountId: accountA, orderId: delivered.id, action: "cancel" }),
    ).toThrow(DomainError);
    const accountB = world.accounts[1]?.id ?? 0;
    expect(() =>
      applyMarketplaceUpdate(world.db, { accountId: accountB, orderId: delivered.id, action: "markDelivered" }),
    ).toThrow(/não encontrado/);
    expect(snapshot(world, delivered.id)).toEqual(before);
  });

  it("confirming the seller's cancellation request of an INVOICED order → CANCELED", async () => {
    const order = insertOrder(world, { accountId: accountA, channel: "americanas" });
    await act("invoice", order.id, order.version);
    await seller().orders.cancel({ orderId: order.id, version: order.version + 1, reason: "Cliente desistiu" });
    const requested = orderRow(world, order.id);
    expect(requested.status).toBe("INVOICED");
    expect(requested.cancellationRequestedAt).not.toBeNull();

    applyMarketplaceUpdate(world.db, { accountId: accountA, orderId: order.id, action: "cancel" });
    const after = orderRow(world, order.id);
    expect(after).toMatchObject({ status: "CANCELED", version: requested.version + 1 });
    expect(timelineOf(world, order.id).at(-1)).toMatchObject({
      actorType: "channel",
      actorName: "Americanas",
      fromStatus: "INVOICED",
      toStatus: "CANCELED",
      summary: "Cancelamento confirmado pelo marketplace",
    });
    const detail = await seller().orders.get({ id: order.id });
    expect(detail.order.status).toBe("CANCELED");
  });

  it("marketplace-logistics delivery: SHIPPED (ME2) → DELIVERED by the channel", () => {
    const order = insertOrder(world, {
      accountId: accountA,
      channel: "mercado_livre",
      logisticsMode: "me2",
      status: "SHIPPED",
    });
    applyMarketplaceUpdate(world.db, { accountId: accountA, orderId: order.id, action: "markDelivered" });
    expect(orderRow(world, order.id).status).toBe("DELIVERED");
    expect(timelineOf(world, order.id).at(-1)).toMatchObject({ actorType: "channel", actorName: "Mercado Livre" });
  });
});

describe("refused seller input leaves the order as it was", () => {
  it("delivered and problem dates: not in the future, not before the hand-over", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "INVOICED" });
    await seller().orders.ship({ orderId: order.id, version: order.version, tracking: tracking() });
    const v = order.version + 1;
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => seller().orders.markDelivered({ orderId: order.id, version: v, deliveredOn: spDay(2) }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => seller().orders.markDelivered({ orderId: order.id, version: v, deliveredOn: spDay(-3) }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    await expectRefusedWithoutChange(
      world,
      order.id,
      // Not a calendar day: refused by the procedure's input check, before the domain sees it.
      () => seller().orders.markDelivered({ orderId: order.id, version: v, deliveredOn: "2026-02-30" }),
      "BAD_REQUEST",
    );
    await expectRefusedWithoutChange(
      world,
      order.id,
      () =>
        seller().orders.reportDeliveryProblem({
          orderId: order.id,
          version: v,
          occurredOn: spDay(1),
          observation: "Atrasou muito",
        }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    await expectRefusedWithoutChange(
      world,
      order.id,
      () =>
        seller().orders.reportDeliveryProblem({
          orderId: order.id,
          version: v,
          occurredOn: spDay(0),
          observation: "  ab  ",
        }),
      "BAD_REQUEST",
    );
  });

  it("reasons must have 5 to 300 characters", async () => {
    const order = insertOrder(world, { accountId: accountA });
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => seller().orders.cancel({ orderId: order.id, version: order.version, reason: "  não  " }),
      "BAD_REQUEST",
    );
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => seller().orders.markOutOfStock({ orderId: order.id, version: order.version, reason: "x".repeat(301) }),
      "BAD_REQUEST",
    );
  });

  it("a missing order is NOT_FOUND", async () => {
    await expectRefusal(act("cancel", 9_999_999, 1), "NOT_FOUND", "ORDER_NOT_FOUND");
    await expectRefusal(act("invoice", 9_999_999, 1), "NOT_FOUND", "ORDER_NOT_FOUND");
  });
});
