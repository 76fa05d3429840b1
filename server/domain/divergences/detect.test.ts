import { describe, expect, it } from "vitest";
import { detectDivergences, type HubSide, LIMITS, type UpdateRow } from "./detect";

const hub = (over: Partial<HubSide> = {}): HubSide => ({
  status: "INVOICED",
  channel: "americanas",
  accessKey: "K1",
  trackingCode: null,
  cancellationRequestedAt: null,
  ...over,
});
const update = (over: Partial<UpdateRow>): UpdateRow => ({
  kind: "invoice",
  state: "acknowledged",
  attempts: 1,
  lastError: null,
  ...over,
});

describe("detectDivergences", () => {
  it("finds nothing when both sides agree", () => {
    expect(detectDivergences(hub(), [update({})], { status: "INVOICED", accessKey: "K1", trackingCode: null })).toEqual(
      [],
    );
  });

  it("a marketplace behind the hub is explained by an update on its way, held or pending", () => {
    for (const state of ["pending", "retrying", "sent", "held"] as const) {
      expect(
        detectDivergences(hub(), [update({ state })], { status: "APPROVED", accessKey: null, trackingCode: null }),
      ).toEqual([]);
    }
  });

  it("a status changed in the marketplace with no hub update to explain it is a manual change", () => {
    const found = detectDivergences(hub({ status: "CANCELED" }), [update({ kind: "cancel" })], {
      status: "INVOICED",
      accessKey: "K9",
      trackingCode: null,
    });
    expect(found.map((f) => f.kind)).toContain("manual_change");
    expect(found.find((f) => f.kind === "manual_change")?.likelyCause).toMatch(
      /Cancelado.*Nota fiscal emitida.*faturado à mão/,
    );
  });

  it("a different key or tracking code is a data mismatch, unless the hub's own update is still going out", () => {
    expect(
      detectDivergences(hub(), [update({})], { status: "INVOICED", accessKey: "K2", trackingCode: null }).map(
        (f) => f.kind,
      ),
    ).toEqual(["data_mismatch"]);
    expect(
      detectDivergences(hub(), [update({ state: "pending" })], {
        status: "INVOICED",
        accessKey: "K2",
        trackingCode: null,
      }),
    ).toEqual([]);
    const shipped = hub({ status: "SHIPPED", trackingCode: "T1" });
    const shipments = [update({}), update({ kind: "shipment" })];
    expect(
      detectDivergences(shipped, shipments, { status: "SHIPPED", accessKey: "K1", trackingCode: "T2" }).map(
        (f) => f.kind,
      ),
    ).toEqual(["data_mismatch"]);
  });

  it("a rejected update, or one retried past the limit, is not acknowledged", () => {
    const rejected = detectDivergences(hub(), [update({ state: "rejected", lastError: "Pedido cancelado" })], null);
    expect(rejected).toEqual([{ kind: "not_acknowledged", likelyCause: expect.stringContaining("Pedido cancelado") }]);
    expect(detectDivergences(hub(), [update({ state: "retrying", attempts: LIMITS.retryAttempts - 1 })], null)).toEqual(
      [],
    );
    expect(
      detectDivergences(hub(), [update({ state: "retrying", attempts: LIMITS.retryAttempts })], null).map(
        (f) => f.kind,
      ),
    ).toEqual(["not_acknowledged"]);
  });

  it("an expired bank slip on a marketplace without that state agrees with its order still awaiting payment", () => {
    const overdue = hub({ status: "PAYMENT_OVERDUE", channel: "mercado_livre", accessKey: null });
    expect(detectDivergences(overdue, [], { status: "NEW", accessKey: null, trackingCode: null })).toEqual([]);
    const skyhub = hub({ status: "PAYMENT_OVERDUE", accessKey: null });
    expect(detectDivergences(skyhub, [], { status: "NEW", accessKey: null, trackingCode: null })).toHaveLength(1);
  });

  it("says the marketplace's reason in words, never its bare codes", () => {
    const [found] = detectDivergences(
      hub(),
      [update({ state: "rejected", lastError: "Recusada (payload.invoiceKey)" })],
      null,
    );
    expect(found?.likelyCause).toBe("Americanas recusou a atualização “Nota fiscal”: Recusada (chave da nota fiscal)");
  });

  it("a late order, or an invoice held for the shipment however long, agrees with the marketplace", () => {
    const approved = hub({ status: "APPROVED", accessKey: null, channel: "mercado_livre" });
    expect(detectDivergences(approved, [], { status: "APPROVED", accessKey: null, trackingCode: null })).toEqual([]);
    const held = update({ state: "held" });
    expect(
      detectDivergences(hub({ channel: "magalu" }), [held], {
        status: "APPROVED",
        accessKey: null,
        trackingCode: null,
      }),
    ).toEqual([]);
  });
});
