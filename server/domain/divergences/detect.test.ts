import { describe, expect, it } from "vitest";
import { detectDivergences, type HubSide, LIMITS, type UpdateRow } from "./detect";

const now = new Date("2026-11-27T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const hub = (over: Partial<HubSide> = {}): HubSide => ({
  status: "INVOICED",
  channel: "americanas",
  accessKey: "K1",
  trackingCode: null,
  approvedAt: hoursAgo(5),
  cancellationRequestedAt: null,
  ...over,
});
const update = (over: Partial<UpdateRow>): UpdateRow => ({
  kind: "invoice",
  state: "acknowledged",
  attempts: 1,
  lastError: null,
  createdAt: hoursAgo(1),
  ...over,
});

describe("detectDivergences", () => {
  it("finds nothing when both sides agree", () => {
    expect(
      detectDivergences(hub(), [update({})], { status: "INVOICED", accessKey: "K1", trackingCode: null }, now),
    ).toEqual([]);
  });

  it("a marketplace behind the hub is explained by an update on its way, held or pending", () => {
    for (const state of ["pending", "retrying", "sent", "held"] as const) {
      expect(
        detectDivergences(hub(), [update({ state })], { status: "APPROVED", accessKey: null, trackingCode: null }, now),
      ).toEqual([]);
    }
  });

  it("a status changed in the marketplace with no hub update to explain it is a manual change", () => {
    const found = detectDivergences(
      hub({ status: "CANCELED" }),
      [update({ kind: "cancel" })],
      { status: "INVOICED", accessKey: "K9", trackingCode: null },
      now,
    );
    expect(found.map((f) => f.kind)).toContain("manual_change");
    expect(found.find((f) => f.kind === "manual_change")?.likelyCause).toMatch(
      /Cancelado.*Nota fiscal emitida.*faturado à mão/,
    );
  });

  it("a different key or tracking code is a data mismatch, unless the hub's own update is still going out", () => {
    expect(
      detectDivergences(hub(), [update({})], { status: "INVOICED", accessKey: "K2", trackingCode: null }, now).map(
        (f) => f.kind,
      ),
    ).toEqual(["data_mismatch"]);
    expect(
      detectDivergences(
        hub(),
        [update({ state: "pending" })],
        { status: "INVOICED", accessKey: "K2", trackingCode: null },
        now,
      ),
    ).toEqual([]);
    const shipped = hub({ status: "SHIPPED", trackingCode: "T1" });
    const shipments = [update({}), update({ kind: "shipment" })];
    expect(
      detectDivergences(shipped, shipments, { status: "SHIPPED", accessKey: "K1", trackingCode: "T2" }, now).map(
        (f) => f.kind,
      ),
    ).toEqual(["data_mismatch"]);
  });

  it("a rejected update, or one retried past the limit, is not acknowledged", () => {
    const rejected = detectDivergences(
      hub(),
      [update({ state: "rejected", lastError: "Pedido cancelado" })],
      null,
      now,
    );
    expect(rejected).toEqual([{ kind: "not_acknowledged", likelyCause: expect.stringContaining("Pedido cancelado") }]);
    expect(
      detectDivergences(hub(), [update({ state: "retrying", attempts: LIMITS.retryAttempts - 1 })], null, now),
    ).toEqual([]);
    expect(
      detectDivergences(hub(), [update({ state: "retrying", attempts: LIMITS.retryAttempts })], null, now).map(
        (f) => f.kind,
      ),
    ).toEqual(["not_acknowledged"]);
  });

  it("an invoice held too long, or an approved order without invoice past the channel's deadline, is stuck", () => {
    expect(
      detectDivergences(
        hub(),
        [update({ state: "held", createdAt: hoursAgo(LIMITS.heldInvoiceHours + 1) })],
        null,
        now,
      ).map((f) => f.kind),
    ).toEqual(["stuck"]);
    expect(detectDivergences(hub(), [update({ state: "held", createdAt: hoursAgo(2) })], null, now)).toEqual([]);
    const approved = hub({ status: "APPROVED", accessKey: null, channel: "mercado_livre", approvedAt: hoursAgo(25) });
    expect(detectDivergences(approved, [], null, now).map((f) => f.kind)).toEqual(["stuck"]);
    expect(detectDivergences({ ...approved, channel: "zoom" }, [], null, now)).toEqual([]);
  });
});
