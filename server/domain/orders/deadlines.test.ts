import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANNEL_IDS } from "../channels/channels";
import { CHANNEL_RULES } from "../channels/rules";
import {
  type DeadlineSource,
  deadlineState,
  describeDeadline,
  nextDeadline,
  STATUSES_WITH_DEADLINE,
} from "./deadlines";
import { ORDER_STATUSES } from "./status";

const HOUR = 3_600_000;
// São Paulo is UTC−3 all year (no daylight saving since 2019).
const sp = (iso: string) => new Date(`${iso}-03:00`);

const base: DeadlineSource = {
  status: "APPROVED",
  channel: "americanas",
  logisticsMode: "correios",
  placedAt: sp("2026-12-01T09:00:00"),
  approvedAt: sp("2026-12-01T10:00:00"),
  statusChangedAt: sp("2026-12-01T10:00:00"),
  cancellationRequestedAt: null,
};

describe("nextDeadline", () => {
  it("gives an approved order its invoice deadline from the approval, per channel", () => {
    expect(nextDeadline(base)).toEqual({ kind: "invoice", at: sp("2026-12-03T10:00:00") });
    expect(nextDeadline({ ...base, channel: "mercado_livre", logisticsMode: "me2" })).toEqual({
      kind: "invoice",
      at: sp("2026-12-02T10:00:00"),
    });
  });

  it("keeps the invoice clock running while out of stock, and counts from placement without an approval time", () => {
    expect(nextDeadline({ ...base, status: "OUT_OF_STOCK" })?.at).toEqual(sp("2026-12-03T10:00:00"));
    expect(nextDeadline({ ...base, approvedAt: null })?.at).toEqual(sp("2026-12-03T09:00:00"));
  });

  it("gives an invoiced order a ship deadline from the invoice where the seller ships", () => {
    const invoiced = { ...base, status: "INVOICED" as const, statusChangedAt: sp("2026-12-02T15:30:00") };
    expect(nextDeadline(invoiced)).toEqual({ kind: "ship", at: sp("2026-12-04T15:30:00") });
    expect(nextDeadline({ ...invoiced, channel: "zoom" })?.at).toEqual(sp("2026-12-05T15:30:00"));
  });

  it("takes the marketplace's promised dispatch date as the ship deadline, whatever the channel's hours", () => {
    const invoiced = { ...base, status: "INVOICED" as const, statusChangedAt: sp("2026-12-02T15:30:00") };
    const promised = sp("2026-12-03T12:00:00");
    expect(nextDeadline({ ...invoiced, promisedShipAt: promised })).toEqual({ kind: "ship", at: promised });
    // Before the invoice the promise changes nothing: the invoice comes first.
    expect(nextDeadline({ ...base, promisedShipAt: promised })).toEqual({
      kind: "invoice",
      at: sp("2026-12-03T10:00:00"),
    });
    expect(nextDeadline({ ...invoiced, logisticsMode: "b2w_entregas", promisedShipAt: promised })).toBeNull();
  });

  it("gives an order awaiting acceptance the channel's acceptance delay from when it was placed", () => {
    const awaiting = { ...base, channel: "carrefour" as const, status: "AWAITING_ACCEPTANCE" as const };
    expect(nextDeadline(awaiting)).toEqual({
      kind: "accept",
      at: new Date(base.placedAt.getTime() + CHANNEL_RULES.carrefour.acceptanceDeadlineHours * 3_600_000),
    });
  });

  it("has none where the marketplace dispatches, or while a cancellation request waits", () => {
    expect(nextDeadline({ ...base, status: "INVOICED", logisticsMode: "b2w_entregas" })).toBeNull();
    expect(nextDeadline({ ...base, cancellationRequestedAt: sp("2026-12-01T11:00:00") })).toBeNull();
  });

  it("gives a deadline to exactly the open statuses the seller must move, on every channel", () => {
    const status = fc.constantFrom(...ORDER_STATUSES);
    const channel = fc.constantFrom(...CHANNEL_IDS);
    fc.assert(
      fc.property(status, channel, fc.integer({ min: 0, max: 4e12 }), (s, c, at) => {
        const mode = CHANNEL_RULES[c].logisticsModes.find((m) => !CHANNEL_RULES[c].marketplaceShipsModes.includes(m));
        // Only channels that require acceptance ever have an order awaiting it.
        if (!mode || (s === "AWAITING_ACCEPTANCE" && !CHANNEL_RULES[c].requiresAcceptance)) return;
        const order = {
          ...base,
          status: s,
          channel: c,
          logisticsMode: mode,
          placedAt: new Date(at),
          approvedAt: new Date(at),
        };
        const deadline = nextDeadline({ ...order, statusChangedAt: new Date(at) });
        expect(deadline !== null).toBe(STATUSES_WITH_DEADLINE.includes(s));
        if (deadline) expect(deadline.at.getTime()).toBeGreaterThan(at);
      }),
    );
  });
});

describe("deadlineState", () => {
  const now = sp("2026-12-03T12:00:00");

  it("is late once the deadline has passed, even earlier the same day", () => {
    expect(deadlineState(sp("2026-12-03T11:59:00"), now)).toBe("late");
    expect(deadlineState(sp("2026-11-20T18:00:00"), now)).toBe("late");
  });

  it("is today up to São Paulo's midnight, not UTC's", () => {
    expect(deadlineState(now, now)).toBe("today");
    expect(deadlineState(sp("2026-12-03T23:59:59"), now)).toBe("today");
    // 22:00 in São Paulo is already the 4th in UTC.
    expect(deadlineState(sp("2026-12-03T22:00:00"), now)).toBe("today");
    expect(deadlineState(sp("2026-12-04T00:00:00"), now)).toBe("upcoming");
  });

  it("treats a late-evening now as the same São Paulo day although UTC has moved on", () => {
    const evening = sp("2026-12-03T22:30:00");
    expect(deadlineState(sp("2026-12-03T23:00:00"), evening)).toBe("today");
    expect(deadlineState(sp("2026-12-04T01:00:00"), evening)).toBe("upcoming");
  });

  it("orders late before today before upcoming for any pair of instants", () => {
    const rank = { late: 0, today: 1, upcoming: 2 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 4e12 }), fc.nat(4e12), (a, b, n) => {
        const [early, later] = a <= b ? [a, b] : [b, a];
        const nowAt = new Date(n);
        expect(rank[deadlineState(new Date(early), nowAt)]).toBeLessThanOrEqual(
          rank[deadlineState(new Date(later), nowAt)],
        );
      }),
    );
  });
});

describe("describeDeadline", () => {
  const now = sp("2026-12-03T09:00:00");

  it("says today and tomorrow in words, other days as dd/mm", () => {
    expect(describeDeadline("invoice", sp("2026-12-03T18:00:00"), now)).toBe("Fature até hoje, 18:00.");
    expect(describeDeadline("ship", sp("2026-12-04T08:05:00"), now)).toBe("Despache até amanhã, 08:05.");
    expect(describeDeadline("invoice", sp("2026-12-06T14:00:00"), now)).toBe("Fature até 06/12 às 14:00.");
  });

  it("says what was missed and what to do when late", () => {
    expect(describeDeadline("invoice", sp("2026-12-01T14:00:00"), now)).toBe(
      "Atrasado: a nota fiscal devia ter sido emitida até 01/12 às 14:00; informe a nota fiscal agora.",
    );
    expect(describeDeadline("ship", sp("2026-12-03T08:00:00"), now)).toBe(
      "Atrasado: o pedido devia ter sido despachado até hoje às 08:00; informe o rastreio agora.",
    );
  });

  it("writes São Paulo's wall clock whatever the instant", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), (at) => {
        const text = describeDeadline("invoice", new Date(at), new Date(at + HOUR));
        const local = new Date(at - 3 * HOUR);
        const hm = `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
        expect(text).toContain(hm);
        expect(text.startsWith("Atrasado:")).toBe(true);
      }),
    );
  });
});
