import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOrder, orderRow, spDay, tableCounts } from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

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
      channel: "amazon",
      logisticsMode: "correios",
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

  it("is for sellers only; nothing changes for a manager", async () => {
    const shipped = insertOrder(world, {
      accountId: accountA,
      status: "SHIPPED",
      channel: "americanas",
      logisticsMode: "correios",
    });
    const before = tableCounts(world);
    await expect(
      world.callerFor(EMAILS.managerA).orders.bulkMarkDelivered({ orderIds: [shipped.id], deliveredOn: spDay(0) }),
    ).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
    expect(tableCounts(world)).toEqual(before);
  });

  it("the picking list has the selected orders of the account with their items, and nothing of another account", async () => {
    const a = insertOrder(world, { accountId: accountA, status: "INVOICED" });
    const foreign = insertOrder(world, { accountId: accountB, status: "INVOICED" });
    const list = await world.callerFor(EMAILS.managerA).orders.pickingList({ orderIds: [a.id, foreign.id] });
    expect(list.map((o) => o.id)).toEqual([a.id]);
    expect(list[0]?.items.length).toBeGreaterThan(0);
  });
});
