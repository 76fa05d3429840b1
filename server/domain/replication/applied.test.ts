import { describe, expect, it } from "vitest";
import { type MarketplaceFacts, updateStateOn } from "./applied";

const approved: MarketplaceFacts = { status: "APPROVED", invoice: null, shipment: null };
const KEY = "35260306929383000163550010000000011100000016";

describe("updateStateOn: what the marketplace already has of an update whose answer was lost", () => {
  it("an invoice is applied once the order carries its key, awaiting while the marketplace validates it", () => {
    expect(updateStateOn("invoice", { accessKey: KEY }, approved)).toBe("not_applied");
    const invoiced: MarketplaceFacts = { ...approved, status: "INVOICED", invoice: { accessKey: KEY } };
    expect(updateStateOn("invoice", { accessKey: KEY }, invoiced)).toBe("applied");
    expect(updateStateOn("invoice", { accessKey: `${KEY.slice(0, 43)}9` }, invoiced)).toBe("not_applied");
    const validating = { ...invoiced, invoice: { accessKey: KEY, awaitingValidation: true } };
    expect(updateStateOn("invoice", { accessKey: KEY }, validating)).toBe("awaiting");
  });

  it("an invoice sent with its shipment is applied only when the tracking code is there too", () => {
    const payload = { accessKey: KEY, shipment: { trackingCode: "QB123456785BR" } };
    const invoicedOnly: MarketplaceFacts = { status: "INVOICED", invoice: { accessKey: KEY }, shipment: null };
    expect(updateStateOn("invoice", payload, invoicedOnly)).toBe("not_applied");
    const shipped = { ...invoicedOnly, status: "SHIPPED" as const, shipment: { trackingCode: "QB123456785BR" } };
    expect(updateStateOn("invoice", payload, shipped)).toBe("applied");
  });

  it("shipments, deliveries, problems and cancellations read from status and tracking", () => {
    const shipped: MarketplaceFacts = {
      status: "SHIPPED",
      invoice: { accessKey: KEY },
      shipment: { trackingCode: "QB123456785BR" },
    };
    expect(updateStateOn("shipment", { trackingCode: "QB123456785BR" }, shipped)).toBe("applied");
    expect(updateStateOn("shipment", { trackingCode: "OTHER123" }, shipped)).toBe("not_applied");
    expect(updateStateOn("delivered", {}, shipped)).toBe("not_applied");
    expect(updateStateOn("delivered", {}, { ...shipped, status: "DELIVERED" })).toBe("applied");
    expect(updateStateOn("delivery_problem", {}, { ...shipped, status: "SHIPMENT_EXCEPTION" })).toBe("applied");
    expect(updateStateOn("cancel", {}, { ...shipped, status: "INVOICED", cancellationRequested: true })).toBe(
      "applied",
    );
    expect(updateStateOn("cancel", {}, { ...approved, status: "CANCELED" })).toBe("applied");
    expect(updateStateOn("cancel", {}, approved)).toBe("not_applied");
    expect(updateStateOn("unknown_kind", {}, approved)).toBe("not_applied");
  });
});
