// Days are typed as dd/mm/aaaa whatever the browser's language (issue 16, item 7); the server reads them, refuses
// a day that does not exist or lies in the future in pt-BR next to the field, and only the account's seller acts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBrDate } from "@/server/domain/time";
import {
  expectRefusedWithoutChange,
  insertOrder,
  type OrderRow,
  orderRow,
  spDay,
  timelineOf,
  tracking,
  userMessage,
} from "./flow-helpers";
import { createTestWorld, EMAILS, type TestWorld } from "./harness";

let world: TestWorld;
let accountA: number;

beforeAll(async () => {
  world = await createTestWorld(2);
  accountA = world.accounts[0]?.id ?? 0;
});
afterAll(() => world.close());

const seller = () => world.callerFor(EMAILS.sellerA);

/** An order shipped through the seller's own procedure, so its hand-over day is on record. */
async function shippedOrder(handedAt = spDay(-2)): Promise<OrderRow> {
  const order = insertOrder(world, { accountId: accountA, status: "INVOICED" });
  await seller().orders.ship({ orderId: order.id, version: order.version, tracking: tracking({ handedAt }) });
  return orderRow(world, order.id);
}

describe("delivery and delivery-problem days typed as dd/mm/aaaa", () => {
  it("marks an order delivered on a day typed as dd/mm/aaaa", async () => {
    const order = await shippedOrder();
    const typed = formatBrDate(spDay(-1));
    await seller().orders.markDelivered({ orderId: order.id, version: order.version, deliveredOn: typed });
    expect(orderRow(world, order.id).status).toBe("DELIVERED");
    expect(timelineOf(world, order.id).at(-1)?.summary).toBe(`Entregue ao cliente em ${typed}`);
  });

  it("takes a delivery problem dated with one-digit day and month, as people type them", async () => {
    const order = await shippedOrder();
    const [year, month, day] = spDay(0).split("-").map(Number) as [number, number, number];
    await seller().orders.reportDeliveryProblem({
      orderId: order.id,
      version: order.version,
      occurredOn: `${day}/${month}/${year}`,
      observation: "Destinatário ausente em três tentativas",
    });
    expect(orderRow(world, order.id).status).toBe("SHIPMENT_EXCEPTION");
  });

  it("refuses a future delivery day in pt-BR, next to the field, changing nothing", async () => {
    const order = await shippedOrder();
    const error = await expectRefusedWithoutChange(
      world,
      order.id,
      () =>
        seller().orders.markDelivered({
          orderId: order.id,
          version: order.version,
          deliveredOn: formatBrDate(spDay(1)),
        }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    expect(error.message).toBe("A data de entrega não pode ser futura.");
    expect((error.cause as { field?: string }).field).toBe("deliveredOn");
  });

  it("refuses a day that does not exist, or is not written as a day, saying how to write it", async () => {
    const order = await shippedOrder();
    for (const deliveredOn of ["31/02/2026", "2026/11/20", "ontem", "11-20-2026"]) {
      const error = await expectRefusedWithoutChange(
        world,
        order.id,
        () => seller().orders.markDelivered({ orderId: order.id, version: order.version, deliveredOn }),
        "BAD_REQUEST",
      );
      expect(userMessage(error)).toBe("Informe a data no formato dd/mm/aaaa, por exemplo 03/12/2026.");
    }
  });

  it("refuses a delivery problem dated before the parcel was handed to the carrier, naming that day", async () => {
    const order = await shippedOrder(spDay(-1));
    const error = await expectRefusedWithoutChange(
      world,
      order.id,
      () =>
        seller().orders.reportDeliveryProblem({
          orderId: order.id,
          version: order.version,
          occurredOn: formatBrDate(spDay(-3)),
          observation: "Extravio informado pela transportadora",
        }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    expect(error.message).toBe(`A data da ocorrência não pode ser anterior ao envio (${formatBrDate(spDay(-1))}).`);
  });

  it("lets only the account's seller mark a delivery: others are refused, another account's seller finds nothing", async () => {
    const order = await shippedOrder();
    const input = { orderId: order.id, version: order.version, deliveredOn: formatBrDate(spDay(0)) };
    for (const email of [EMAILS.managerA, EMAILS.support, EMAILS.admin]) {
      await expectRefusedWithoutChange(
        world,
        order.id,
        () => world.callerFor(email, accountA).orders.markDelivered(input),
        "FORBIDDEN",
      );
    }
    await expectRefusedWithoutChange(
      world,
      order.id,
      () => world.callerFor(EMAILS.sellerB).orders.markDelivered(input),
      "NOT_FOUND",
    );
  });
});
