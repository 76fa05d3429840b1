import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, type OrderStatus } from "../orders/status";
import { entersErpQueue } from "./queue";

const queued = (from: OrderStatus | null, to: OrderStatus, by: "marketplace" | "hub") =>
  entersErpQueue({ from, to, by });

describe("entersErpQueue: SkyHub's queue events", () => {
  it("queues every order that arrives, whatever its status", () => {
    for (const status of ORDER_STATUSES) expect(queued(null, status, "marketplace")).toBe(true);
  });

  it("queues a payment approved and a cancellation, whoever made them", () => {
    expect(queued("NEW", "APPROVED", "marketplace")).toBe(true);
    for (const from of ["NEW", "PAYMENT_OVERDUE", "APPROVED", "INVOICED", "SHIPMENT_EXCEPTION"] as const) {
      expect(queued(from, "CANCELED", "marketplace")).toBe(true);
    }
    expect(queued("APPROVED", "CANCELED", "hub")).toBe(true);
    expect(queued("AWAITING_ACCEPTANCE", "APPROVED", "marketplace")).toBe(true);
    expect(queued("AWAITING_ACCEPTANCE", "CANCELED", "hub")).toBe(true);
    expect(queued("OUT_OF_STOCK", "CANCELED", "hub")).toBe(true);
  });

  it("queues shipped and delivered only when the marketplace made them (its own logistics)", () => {
    expect(queued("INVOICED", "SHIPPED", "marketplace")).toBe(true);
    expect(queued("SHIPPED", "DELIVERED", "marketplace")).toBe(true);
    expect(queued("SHIPMENT_EXCEPTION", "DELIVERED", "marketplace")).toBe(true);
    expect(queued("INVOICED", "SHIPPED", "hub")).toBe(false);
    expect(queued("SHIPPED", "DELIVERED", "hub")).toBe(false);
    expect(queued("SHIPMENT_EXCEPTION", "SHIPPED", "hub")).toBe(false);
  });

  it("does not queue what SkyHub leaves out: invoice, delivery problem, overdue bank slip", () => {
    expect(queued("APPROVED", "INVOICED", "hub")).toBe(false);
    expect(queued("SHIPPED", "SHIPMENT_EXCEPTION", "hub")).toBe(false);
    expect(queued("SHIPPED", "SHIPMENT_EXCEPTION", "marketplace")).toBe(false);
    expect(queued("NEW", "PAYMENT_OVERDUE", "marketplace")).toBe(false);
  });

  it("does not queue a change SkyHub's statuses cannot show, nor a change that keeps the status", () => {
    expect(queued("APPROVED", "OUT_OF_STOCK", "hub")).toBe(false);
    expect(queued("OUT_OF_STOCK", "APPROVED", "hub")).toBe(false);
    // Awaiting acceptance is book_product already, as the order that was accepted.
    expect(queued("AWAITING_ACCEPTANCE", "NEW", "hub")).toBe(false);
    expect(queued("AWAITING_ACCEPTANCE", "NEW", "marketplace")).toBe(false);
    expect(queued("INVOICED", "INVOICED", "hub")).toBe(false);
    expect(queued("CANCELED", "CANCELED", "marketplace")).toBe(false);
  });
});
