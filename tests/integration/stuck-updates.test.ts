import { and, count, eq, gt, inArray, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { findStaleUpdates } from "@/server/domain/replication/stale-updates";
import { reportStaleUpdates } from "@/server/sync/stale-updates";
import { insertOrder } from "./flow-helpers";
import { createTestWorld, FIXED_NOW, type TestWorld } from "./harness";

const HOUR = 60 * 60 * 1000;

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld(300);
});
afterAll(() => world.close());

let keys = 0;

function addUpdate(orderId: number, accountId: number, values: Partial<typeof outbox.$inferInsert>) {
  keys += 1;
  const at = new Date(FIXED_NOW);
  return world.db
    .insert(outbox)
    .values({
      orderId,
      accountId,
      channel: "amazon",
      kind: "cancel",
      payload: {},
      state: "pending",
      idempotencyKey: `stuck-test-${keys}`,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
      ...values,
    })
    .returning()
    .get();
}

describe("an update waiting to go out always has a time to go out", () => {
  it("the database refuses a pending or retrying update with no next-attempt time, written or changed so", () => {
    const accountId = world.accounts[0]?.id ?? 0;
    const order = insertOrder(world, { accountId });
    for (const state of ["pending", "retrying"] as const) {
      expect(() => addUpdate(order.id, accountId, { state, nextAttemptAt: null })).toThrow(/next_attempt_at/);
    }
    const sent = addUpdate(order.id, accountId, { state: "sent", nextAttemptAt: null });
    for (const state of ["pending", "retrying"] as const) {
      expect(() => world.db.update(outbox).set({ state }).where(eq(outbox.id, sent.id)).run()).toThrow(
        /next_attempt_at/,
      );
    }
    const pending = addUpdate(order.id, accountId, { state: "pending" });
    expect(() => world.db.update(outbox).set({ nextAttemptAt: null }).where(eq(outbox.id, pending.id)).run()).toThrow(
      /next_attempt_at/,
    );
    // Settled and held updates need no time: nothing sends them.
    expect(addUpdate(order.id, accountId, { state: "held", nextAttemptAt: null }).state).toBe("held");
  });

  it("a freshly seeded demo has none without one, and every pending update is already due", () => {
    // The seed's own rows, not those the test above wrote.
    const waiting = and(inArray(outbox.state, ["pending", "retrying"]), like(outbox.idempotencyKey, "seed-%"));
    const n = (where: ReturnType<typeof and>) =>
      world.db.select({ n: count() }).from(outbox).where(where).get()?.n ?? -1;
    expect(n(waiting)).toBeGreaterThan(0);
    expect(n(and(waiting, isNull(outbox.nextAttemptAt)))).toBe(0);
    expect(n(and(waiting, gt(outbox.nextAttemptAt, new Date(FIXED_NOW))))).toBe(0);
  });
});

describe("updates stuck for over a day", () => {
  it("are counted per account and channel with the oldest, whatever is still owed to the marketplace; settled, held and recent ones are not", () => {
    const [a, b] = world.accounts.map((account) => account.id) as [number, number];
    const dayAndHour = new Date(FIXED_NOW - 25 * HOUR);
    const twoDays = new Date(FIXED_NOW - 48 * HOUR);
    const now = new Date(FIXED_NOW);
    // The seed leaves nothing stuck.
    expect(findStaleUpdates(world.db, now)).toEqual([]);
    const orderA = insertOrder(world, { accountId: a, channel: "magalu" });
    const orderB = insertOrder(world, { accountId: b, channel: "zoom" });
    const old = (orderId: number, accountId: number, channel: "magalu" | "zoom", state: string, createdAt: Date) =>
      addUpdate(orderId, accountId, {
        channel,
        state: state as typeof outbox.$inferInsert.state,
        createdAt,
        nextAttemptAt: createdAt,
      });
    old(orderA.id, a, "magalu", "pending", twoDays);
    old(orderA.id, a, "magalu", "retrying", dayAndHour);
    old(orderA.id, a, "magalu", "sent", dayAndHour);
    for (const state of ["acknowledged", "rejected", "discarded", "held"]) old(orderA.id, a, "magalu", state, twoDays);
    old(orderA.id, a, "magalu", "pending", new Date(FIXED_NOW - 23 * HOUR));
    old(orderB.id, b, "zoom", "pending", dayAndHour);

    expect(findStaleUpdates(world.db, now)).toEqual([
      { accountId: a, accountName: "Loja Aurora", channel: "magalu", count: 3, oldestAt: twoDays },
      { accountId: b, accountName: "Casa Verde", channel: "zoom", count: 1, oldestAt: dayAndHour },
    ]);

    const lines: string[] = [];
    reportStaleUpdates(world.db, (line) => lines.push(line), now);
    expect(lines).toContain(
      `3 atualizações de Loja Aurora (conta ${a}) esperam há mais de um dia para chegar à Magalu, a mais antiga de 18/11/2026, 12:00: confira a conexão do canal em Conexões e reenvie pela página de cada pedido.`,
    );
    expect(lines).toContain(
      `1 atualização de Casa Verde (conta ${b}) espera há mais de um dia para chegar à Zoom, a mais antiga de 19/11/2026, 11:00: confira a conexão do canal em Conexões e reenvie pela página de cada pedido.`,
    );
  });
});
