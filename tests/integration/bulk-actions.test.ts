import { TRPCError } from "@trpc/server";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { shownOrderIds } from "@/db/queries/orders";
import * as schema from "@/db/schema";
import type { BoardFilters } from "@/server/domain/orders/board-filters";
import { orderFilters } from "@/server/domain/orders/board-query";
import { insertOrder, orderRow, spDay, tableCounts } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";
import { onPostgres } from "./test-database";

let world: TestWorld;
let accountA: number;
let accountB: number;

beforeAll(async () => {
  world = await createTestWorld(0);
  [accountA, accountB] = world.accounts.map((a) => a.id) as [number, number];
});
afterAll(() => world.close());

describe("bulk actions on a board selection", () => {
  it("marks delivered where the flow allows it and says why not for the others", async () => {
    const shipped = insertOrder(world, {
      accountId: accountA,
      status: "SHIPPED",
      channel: "americanas",
      logisticsMode: "correios",
    });
    const problem = insertOrder(world, {
      accountId: accountA,
      status: "SHIPMENT_EXCEPTION",
      channel: "zoom",
      logisticsMode: "own_carrier",
    });
    const approved = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    const me2 = insertOrder(world, {
      accountId: accountA,
      status: "SHIPPED",
      channel: "mercado_livre",
      logisticsMode: "me2",
    });
    const foreign = insertOrder(world, { accountId: accountB, status: "SHIPPED" });
    const results = await world.callerFor(EMAILS.sellerA).orders.bulkMarkDelivered({
      orderIds: [shipped.id, problem.id, approved.id, me2.id, foreign.id],
      filters: {},
      deliveredOn: spDay(0),
    });
    expect(results.map((r) => [r.orderId, r.ok])).toEqual([
      [shipped.id, true],
      [problem.id, true],
      [approved.id, false],
      [me2.id, false],
      [foreign.id, false],
    ]);
    expect(results[2]?.message).toMatch(/Não é possível marcar como entregue/);
    expect(results[3]?.message).toMatch(/Mercado Livre/);
    expect(results[4]?.message).toMatch(/não encontrado/);
    expect(orderRow(world, shipped.id).status).toBe("DELIVERED");
    expect(orderRow(world, approved.id).status).toBe("APPROVED");
    expect(orderRow(world, foreign.id).status).toBe("SHIPPED");
  });

  it("acts only on orders the board shows under its filters: a tick left in another tab is refused", async () => {
    const shipped = insertOrder(world, {
      accountId: accountA,
      status: "SHIPPED",
      channel: "americanas",
      logisticsMode: "correios",
    });
    // Ticked under "Enviado", then the seller switched to "Problema de entrega" and acted there.
    const problem = insertOrder(world, {
      accountId: accountA,
      status: "SHIPMENT_EXCEPTION",
      channel: "americanas",
      logisticsMode: "correios",
    });
    const amazon = insertOrder(world, {
      accountId: accountA,
      status: "SHIPMENT_EXCEPTION",
      channel: "amazon",
      logisticsMode: "correios",
    });
    const before = orderRow(world, shipped.id);
    const results = await world.callerFor(EMAILS.sellerA).orders.bulkMarkDelivered({
      orderIds: [shipped.id, problem.id, amazon.id],
      filters: { status: "SHIPMENT_EXCEPTION", channels: ["americanas"] },
      deliveredOn: spDay(0),
    });
    expect(results.map((r) => [r.orderId, r.ok])).toEqual([
      [shipped.id, false],
      [problem.id, true],
      [amazon.id, false],
    ]);
    expect(results[0]?.message).toBe(
      "Este pedido não aparece com os filtros atuais do painel: nada foi feito nele; mostre-o e selecione-o de novo.",
    );
    expect(results[0]?.marketplaceCode).toBe(shipped.marketplaceCode);
    expect(orderRow(world, shipped.id)).toEqual(before);
    expect(orderRow(world, amazon.id).status).toBe("SHIPMENT_EXCEPTION");
    expect(orderRow(world, problem.id).status).toBe("DELIVERED");
  });

  it("a search narrows what is shown: only the order found is acted on", async () => {
    // The seller's own carrier on Zoom: the seller reports its delivery (Carrefour's customer confirms it there).
    const found = insertOrder(world, {
      accountId: accountA,
      status: "SHIPPED",
      channel: "zoom",
      logisticsMode: "own_carrier",
    });
    const other = insertOrder(world, {
      accountId: accountA,
      status: "SHIPPED",
      channel: "zoom",
      logisticsMode: "own_carrier",
    });
    const results = await world.callerFor(EMAILS.sellerA).orders.bulkMarkDelivered({
      orderIds: [found.id, other.id],
      filters: { q: found.marketplaceCode.toLowerCase() },
      deliveredOn: spDay(0),
    });
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(orderRow(world, other.id).status).toBe("SHIPPED");
  });

  it("a period the board would refuse is refused in Portuguese, and nothing changes", async () => {
    const shipped = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    const before = tableCounts(world);
    await expect(
      world.callerFor(EMAILS.sellerA).orders.bulkMarkDelivered({
        orderIds: [shipped.id],
        filters: { from: "2026-11-25", to: "2026-11-10" },
        deliveredOn: spDay(0),
      }),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof TRPCError &&
        e.code === "BAD_REQUEST" &&
        e.message.includes("A data inicial deve ser anterior ou igual à data final."),
    );
    expect(tableCounts(world)).toEqual(before);
  });

  it.each([
    ["a manager", EMAILS.managerA, null],
    ["support, switched to the account", EMAILS.support, "A"],
    ["an admin, switched to the account", EMAILS.admin, "A"],
  ] as const)("is for sellers only; nothing changes for %s", async (_who, email, switched) => {
    const shipped = insertOrder(world, {
      accountId: accountA,
      status: "SHIPPED",
      channel: "americanas",
      logisticsMode: "correios",
    });
    const before = tableCounts(world);
    await expect(
      world
        .callerFor(email, switched ? accountA : null)
        .orders.bulkMarkDelivered({ orderIds: [shipped.id], filters: {}, deliveredOn: spDay(0) }),
    ).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    expect(tableCounts(world)).toEqual(before);
  });

  it("another account's seller cannot reach these orders, whatever the filters", async () => {
    const shipped = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    const results = await world.callerFor(EMAILS.sellerB).orders.bulkMarkDelivered({
      orderIds: [shipped.id],
      filters: { status: "SHIPPED" },
      deliveredOn: spDay(0),
    });
    expect(results).toEqual([
      { orderId: shipped.id, marketplaceCode: null, ok: false, message: "Pedido não encontrado nesta conta." },
    ]);
    expect(orderRow(world, shipped.id).status).toBe("SHIPPED");
  });

  // SQLite's plan, read from its EXPLAIN QUERY PLAN: PostgreSQL plans from its statistics.
  it.skipIf(onPostgres).each<[string, BoardFilters]>([
    ["no filter", {}],
    ["a status tab", { status: "SHIPPED" }],
    ["late orders", { deadline: "late" }],
    ["channels and a period", { channels: ["amazon", "magalu"], from: "2026-11-01", to: "2026-11-30" }],
    ["a search", { q: "TEST-AMERICANAS-1" }],
    ["open divergences", { divergent: true }],
  ])("finds which ticked orders are shown by their ids, never walking the account's orders (%s)", (_shape, filters) => {
    const client = world.db.$client;
    const statements: { sql: string; params: unknown[] }[] = [];
    const prepare = client.prepare;
    // A fresh Drizzle handle prepares the statement again, so the SQL it runs can be read and explained.
    Object.assign(client, {
      prepare: (source: string) => {
        const statement = prepare.call(client, source);
        const all = statement.all.bind(statement) as (...args: unknown[]) => unknown;
        return Object.assign(statement, {
          all: (...params: unknown[]) => {
            statements.push({ sql: source, params });
            return all(...params);
          },
        });
      },
    });
    try {
      shownOrderIds(drizzle(client, { schema }) as Db, accountA, orderFilters(filters), [1, 2, 3]);
    } finally {
      Reflect.deleteProperty(client, "prepare");
    }
    const shown = statements.find((s) => s.sql.includes("json_each"));
    if (!shown) throw new Error("shownOrderIds ran no statement over the ticked ids");
    const plan = client.prepare(`EXPLAIN QUERY PLAN ${shown.sql}`).all(...shown.params) as {
      parent: number;
      detail: string;
    }[];
    const outer = plan.filter((row) => row.parent === 0 && /^(SCAN|SEARCH) orders\b/.test(row.detail));
    expect(outer.map((row) => row.detail)).toEqual(["SEARCH orders USING INTEGER PRIMARY KEY (rowid=?)"]);
  });

  it("the picking list has the selected orders of the account with their items, and nothing of another account", async () => {
    const a = insertOrder(world, { accountId: accountA, status: "INVOICED" });
    const foreign = insertOrder(world, { accountId: accountB, status: "INVOICED" });
    const list = await world.callerFor(EMAILS.managerA).orders.pickingList({ orderIds: [a.id, foreign.id] });
    expect(list.map((o) => o.id)).toEqual([a.id]);
    expect(list[0]?.items.length).toBeGreaterThan(0);
  });
});
