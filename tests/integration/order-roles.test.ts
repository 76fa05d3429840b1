// SPEC §1: only the account's seller changes its orders. Managers, support and admin are refused (FORBIDDEN);
// a seller of another account gets "not found" for every procedure; nothing changes either way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountCnpj,
  expectRefusal,
  fixtureBase64,
  insertOrder,
  type OrderRow,
  orderRow,
  spDay,
  tableCounts,
  timelineOf,
  tracking,
  validKey,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;
let accountB: number;
let cnpjA: string;
let orders: Record<"approved" | "invoiced" | "shipped" | "exception" | "outOfStock", OrderRow>;

beforeAll(async () => {
  world = await createTestWorld(3);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
  cnpjA = accountCnpj(world, accountA);
  const placedAt = new Date(Date.UTC(2026, 10, 10, 15));
  orders = {
    approved: insertOrder(world, { accountId: accountA, status: "APPROVED", placedAt }),
    invoiced: insertOrder(world, { accountId: accountA, status: "INVOICED", placedAt }),
    shipped: insertOrder(world, { accountId: accountA, status: "SHIPPED", placedAt }),
    exception: insertOrder(world, { accountId: accountA, status: "SHIPMENT_EXCEPTION", placedAt }),
    outOfStock: insertOrder(world, { accountId: accountA, status: "OUT_OF_STOCK", placedAt }),
  };
});
afterAll(() => world.close());

type Caller = ReturnType<TestWorld["callerFor"]>;

/** Every procedure that changes an order (or belongs to the seller's invoice form), each with valid input. */
function sellerProcedures(): [string, (c: Caller) => Promise<unknown>][] {
  const { approved, invoiced, shipped, exception, outOfStock } = orders;
  return [
    [
      "invoice (key)",
      (c) =>
        c.orders.invoice({
          orderId: approved.id,
          version: approved.version,
          invoice: { method: "key", accessKey: validKey(cnpjA) },
        }),
    ],
    [
      "invoice (xml)",
      (c) =>
        c.orders.invoice({
          orderId: approved.id,
          version: approved.version,
          invoice: { method: "xml", fileName: "nota.xml", xmlBase64: fixtureBase64("authorized-homologation.xml") },
        }),
    ],
    ["ship", (c) => c.orders.ship({ orderId: invoiced.id, version: invoiced.version, tracking: tracking() })],
    ["re-ship", (c) => c.orders.ship({ orderId: exception.id, version: exception.version, tracking: tracking() })],
    [
      "markDelivered",
      (c) => c.orders.markDelivered({ orderId: shipped.id, version: shipped.version, deliveredOn: spDay(0) }),
    ],
    [
      "reportDeliveryProblem",
      (c) =>
        c.orders.reportDeliveryProblem({
          orderId: shipped.id,
          version: shipped.version,
          occurredOn: spDay(0),
          observation: "Extraviado",
        }),
    ],
    [
      "markOutOfStock",
      (c) => c.orders.markOutOfStock({ orderId: approved.id, version: approved.version, reason: "Sem estoque" }),
    ],
    ["restock", (c) => c.orders.restock({ orderId: outOfStock.id, version: outOfStock.version })],
    ["cancel", (c) => c.orders.cancel({ orderId: approved.id, version: approved.version, reason: "Cliente desistiu" })],
    [
      "cancel (request)",
      (c) => c.orders.cancel({ orderId: invoiced.id, version: invoiced.version, reason: "Cliente desistiu" }),
    ],
    ["decodeAccessKey", (c) => c.orders.decodeAccessKey({ orderId: approved.id, accessKey: validKey(cnpjA) })],
    [
      "previewInvoiceXml",
      (c) =>
        c.orders.previewInvoiceXml({
          orderId: approved.id,
          fileName: "nota.xml",
          xmlBase64: fixtureBase64("authorized-homologation.xml"),
        }),
    ],
  ];
}

function state() {
  return {
    counts: tableCounts(world),
    orders: Object.values(orders).map((o) => orderRow(world, o.id)),
    timelines: Object.values(orders).map((o) => timelineOf(world, o.id)),
  };
}

describe("people who may look but not act", () => {
  const viewers: [string, string, () => number | null][] = [
    ["manager of the account", EMAILS.managerA, () => null],
    ["support, switched to the account", EMAILS.support, () => accountA],
    ["admin, switched to the account", EMAILS.admin, () => accountA],
    ["manager of another account", EMAILS.managerB, () => null],
  ];

  it.each(viewers)(
    "%s gets FORBIDDEN on every seller procedure, and nothing changes",
    async (_who, email, staffAccount) => {
      const before = state();
      const caller = world.callerFor(email, staffAccount());
      for (const [name, run] of sellerProcedures()) {
        const error = await expectRefusal(run(caller), "FORBIDDEN").catch((e: unknown) => {
          throw new Error(`${name}: ${String(e)}`);
        });
        expect(error.message, name).toContain("vendedor");
      }
      expect(state()).toEqual(before);
    },
  );

  it("they can still read the order", async () => {
    for (const [email, staff] of [
      [EMAILS.managerA, null],
      [EMAILS.support, accountA],
      [EMAILS.admin, accountA],
    ] as const) {
      const detail = await world.callerFor(email, staff).orders.get({ id: orders.approved.id });
      expect(detail.order.id).toBe(orders.approved.id);
    }
  });
});

describe("a seller of another account", () => {
  it("gets NOT_FOUND on every procedure for account A's orders, and nothing changes", async () => {
    const before = state();
    for (const staff of [null, accountA]) {
      const caller = world.callerFor(EMAILS.sellerB, staff);
      const all: [string, (c: Caller) => Promise<unknown>][] = [
        ["get", (c) => c.orders.get({ id: orders.approved.id })],
        ...sellerProcedures(),
      ];
      for (const [name, run] of all) {
        const error = await expectRefusal(run(caller), "NOT_FOUND", "ORDER_NOT_FOUND").catch((e: unknown) => {
          throw new Error(`${name} (staff cookie ${staff}): ${String(e)}`);
        });
        // Says nothing about the order it did not find.
        expect(error.message).not.toContain(orders.approved.marketplaceCode);
        expect(error.message).not.toContain("Cliente de Teste");
      }
    }
    expect(state()).toEqual(before);
  });

  it("a missing order id and a foreign order id get the same answer", async () => {
    const caller = world.callerFor(EMAILS.sellerB);
    const foreign = await expectRefusal(
      caller.orders.restock({ orderId: orders.outOfStock.id, version: 1 }),
      "NOT_FOUND",
    );
    const missing = await expectRefusal(caller.orders.restock({ orderId: 987_654_321, version: 1 }), "NOT_FOUND");
    expect(foreign.message).toBe(missing.message);
  });

  it("and the account's own seller can do all of it (the refusals above were about who, not what)", async () => {
    const caller = world.callerFor(EMAILS.sellerA);
    const { invoiced, shipped, outOfStock } = orders;
    await caller.orders.ship({ orderId: invoiced.id, version: invoiced.version, tracking: tracking() });
    await caller.orders.markDelivered({ orderId: shipped.id, version: shipped.version, deliveredOn: spDay(0) });
    await caller.orders.restock({ orderId: outOfStock.id, version: outOfStock.version });
    const decoded = await caller.orders.decodeAccessKey({ orderId: orders.approved.id, accessKey: validKey(cnpjA) });
    expect(decoded.ok).toBe(true);
    expect(orderRow(world, invoiced.id).status).toBe("SHIPPED");
    expect(orderRow(world, shipped.id).status).toBe("DELIVERED");
    expect(orderRow(world, outOfStock.id).status).toBe("APPROVED");
    expect(accountB).not.toBe(accountA);
  });
});

describe("signed out", () => {
  it("every seller procedure is UNAUTHORIZED", async () => {
    const before = state();
    const caller = world.callerFor(null);
    for (const [, run] of sellerProcedures()) await expectRefusal(run(caller), "UNAUTHORIZED");
    expect(state()).toEqual(before);
  });
});
