import { describe, expect, it } from "vitest";
import { decideMarketplaceSync } from "./marketplace-sync";

describe("decideMarketplaceSync", () => {
  it("applies the marketplace's own moves", () => {
    expect(decideMarketplaceSync("NEW", "APPROVED")).toEqual({ kind: "apply", action: "approvePayment" });
    expect(decideMarketplaceSync("NEW", "PAYMENT_OVERDUE")).toEqual({ kind: "apply", action: "expirePayment" });
    expect(decideMarketplaceSync("INVOICED", "CANCELED")).toEqual({ kind: "apply", action: "cancel" });
    expect(decideMarketplaceSync("SHIPPED", "DELIVERED")).toEqual({ kind: "apply", action: "markDelivered" });
    expect(decideMarketplaceSync("INVOICED", "SHIPPED")).toEqual({ kind: "apply", action: "ship" });
  });
  it("waits when the marketplace is behind the hub's pending update", () => {
    expect(decideMarketplaceSync("INVOICED", "APPROVED")).toEqual({ kind: "behind" });
    expect(decideMarketplaceSync("DELIVERED", "SHIPPED")).toEqual({ kind: "behind" });
  });
  it("flags moves the flow does not allow", () => {
    expect(decideMarketplaceSync("APPROVED", "DELIVERED")).toEqual({ kind: "unexpected" });
    expect(decideMarketplaceSync("DELIVERED", "CANCELED")).toEqual({ kind: "unexpected" });
    expect(decideMarketplaceSync("NEW", "INVOICED")).toEqual({ kind: "unexpected" });
  });
});

describe("marketplace shipping and delivery", () => {
  it("are the marketplace's own moves only in its logistics modes", () => {
    expect(decideMarketplaceSync("SHIPPED", "DELIVERED", { channel: "mercado_livre", logisticsMode: "me2" })).toEqual({
      kind: "apply",
      action: "markDelivered",
    });
    expect(
      decideMarketplaceSync("INVOICED", "SHIPPED", { channel: "americanas", logisticsMode: "b2w_entregas" }),
    ).toEqual({
      kind: "apply",
      action: "ship",
    });
    expect(decideMarketplaceSync("SHIPPED", "DELIVERED", { channel: "americanas", logisticsMode: "correios" })).toEqual(
      {
        kind: "unexpected",
      },
    );
    expect(decideMarketplaceSync("INVOICED", "CANCELED", { channel: "amazon", logisticsMode: "correios" })).toEqual({
      kind: "apply",
      action: "cancel",
    });
  });
});

describe("acceptance (channels whose rule requires it)", () => {
  const carrefour = { channel: "carrefour", logisticsMode: "correios" } as const;

  it("applies an acceptance or a payment made in the marketplace, and its refusal as a cancellation", () => {
    expect(decideMarketplaceSync("AWAITING_ACCEPTANCE", "NEW", carrefour)).toEqual({ kind: "apply", action: "accept" });
    expect(decideMarketplaceSync("AWAITING_ACCEPTANCE", "APPROVED", carrefour)).toEqual({
      kind: "apply",
      action: "approvePayment",
    });
    expect(decideMarketplaceSync("AWAITING_ACCEPTANCE", "CANCELED", carrefour)).toEqual({
      kind: "apply",
      action: "cancel",
    });
  });

  it("waits while the seller's acceptance is on its way", () => {
    expect(decideMarketplaceSync("NEW", "AWAITING_ACCEPTANCE", carrefour)).toEqual({ kind: "behind" });
  });

  it("takes the customer's receipt on Carrefour as the marketplace's own move", () => {
    expect(decideMarketplaceSync("SHIPPED", "DELIVERED", carrefour)).toEqual({
      kind: "apply",
      action: "markDelivered",
    });
  });
});
