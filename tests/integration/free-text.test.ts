// SPEC §3 free text: reasons, notes, shipping method and observations made only of NUL, bidirectional overrides,
// zero-width or other invisible characters are refused by every procedure that takes them, and nothing changes.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { divergences, timelineEntries } from "@/db/schema";
import {
  expectRefusal,
  expectRefusedWithoutChange,
  insertOrder,
  orderRow,
  spDay,
  tracking,
  userMessage,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;

beforeAll(async () => {
  world = await createTestWorld(0);
  accountA = world.accounts[0]?.id ?? 0;
});
afterAll(() => world.close());

const seller = () => world.callerFor(EMAILS.sellerA);
const support = () => world.callerFor(EMAILS.support);

const NOTHING = {
  "NUL bytes": "\u0000\u0000\u0000\u0000\u0000\u0000",
  "a right-to-left override": "\u202E\u202E\u202E\u202E\u202E\u202E",
  "zero-width spaces": "\u200B\u200B\u200B\u200B\u200B\u200B\u200B",
  "blanks and a byte order mark": " \u00A0\u3000\uFEFF\u2060\t ",
} as const;
const HAS_CONTROLS = (text: string) => text.includes("\u0000") || text.includes("\u202E");

describe.each(Object.entries(NOTHING))("text made of %s", (_, nothing) => {
  it("is not a reason to mark out of stock or to cancel", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    for (const run of [
      () => seller().orders.markOutOfStock({ orderId: order.id, version: order.version, reason: nothing }),
      () => seller().orders.cancel({ orderId: order.id, version: order.version, reason: nothing }),
    ]) {
      const error = await expectRefusedWithoutChange(world, order.id, run, "BAD_REQUEST");
      expect(userMessage(error)).toMatch(/^(O motivo tem caracteres de controle|Escreva o motivo com pelo menos 5)/);
    }
  });

  it("is not a shipping method", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "INVOICED", accessKey: null });
    const error = await expectRefusedWithoutChange(
      world,
      order.id,
      () =>
        seller().orders.ship({ orderId: order.id, version: order.version, tracking: tracking({ method: nothing }) }),
      "BAD_REQUEST",
    );
    expect(userMessage(error)).toMatch(/forma de envio/);
  });

  it("is not an observation of a delivery problem, nor a restock note", async () => {
    const shipped = insertOrder(world, { accountId: accountA, status: "SHIPPED" });
    const problem = await expectRefusedWithoutChange(
      world,
      shipped.id,
      () =>
        seller().orders.reportDeliveryProblem({
          orderId: shipped.id,
          version: shipped.version,
          occurredOn: spDay(0),
          observation: nothing,
        }),
      "BAD_REQUEST",
    );
    expect(userMessage(problem)).toMatch(/problema de entrega/);
    // The restock note is optional: nothing is fine, but control characters never are.
    if (HAS_CONTROLS(nothing)) {
      const out = insertOrder(world, { accountId: accountA, status: "OUT_OF_STOCK" });
      await expectRefusedWithoutChange(
        world,
        out.id,
        () => seller().orders.restock({ orderId: out.id, version: out.version, note: nothing }),
        "BAD_REQUEST",
      );
    }
  });

  it("is not a note that resolves a divergence or marks it handled manually", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "INVOICED" });
    const divergence = world.db
      .insert(divergences)
      .values({
        orderId: order.id,
        accountId: accountA,
        channel: order.channel,
        kind: "manual_change",
        hubState: { status: "INVOICED" },
        marketplaceState: { status: "APPROVED" },
        likelyCause: "Alteração manual no painel do marketplace",
        openedAt: new Date(),
      })
      .returning()
      .get();
    const before = world.db.select().from(timelineEntries).where(eq(timelineEntries.orderId, order.id)).all();
    await expectRefusal(support().divergences.resolve({ id: divergence.id, note: nothing }), "BAD_REQUEST");
    if (HAS_CONTROLS(nothing)) {
      await expectRefusal(support().divergences.handleManually({ id: divergence.id, note: nothing }), "BAD_REQUEST");
    }
    expect(world.db.select().from(divergences).where(eq(divergences.id, divergence.id)).get()?.resolvedAt).toBeNull();
    expect(world.db.select().from(timelineEntries).where(eq(timelineEntries.orderId, order.id)).all()).toEqual(before);
    expect(orderRow(world, order.id).handledManuallyAt).toBeNull();
  });
});

describe("control characters inside real text", () => {
  it("are refused too, while invisible edges are trimmed from what is stored and sent", async () => {
    const order = insertOrder(world, { accountId: accountA, status: "APPROVED" });
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => seller().orders.cancel({ orderId: order.id, version: order.version, reason: "Cliente\u0000 desistiu" }),
      "BAD_REQUEST",
    );
    await seller().orders.cancel({
      orderId: order.id,
      version: order.version,
      reason: "\u200B Cliente desistiu da compra \uFEFF",
    });
    expect(orderRow(world, order.id).cancellationReason).toBe("Cliente desistiu da compra");
  });
});
