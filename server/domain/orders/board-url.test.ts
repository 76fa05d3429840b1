import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANNEL_IDS } from "../channels/channels";
import type { BoardFilters } from "./board-filters";
import { boardFiltersFromParams, boardUrl } from "./board-url";
import { ORDER_STATUSES } from "./status";

describe("board URL", () => {
  it("round-trips every filter", () => {
    const filters = fc.record(
      {
        status: fc.constantFrom(...ORDER_STATUSES),
        channels: fc.uniqueArray(fc.constantFrom(...CHANNEL_IDS), { minLength: 1 }),
        from: fc.constantFrom("2026-11-01", "2026-01-31"),
        to: fc.constantFrom("2026-11-30"),
        q: fc.constantFrom("Silva", "LAM-1"),
        stuckForHours: fc.constantFrom(24, 48),
        lateDelivery: fc.constant(true),
        replication: fc.constantFrom("held", "pending", "retrying", "rejected"),
        divergent: fc.constant(true),
        deadline: fc.constantFrom("late", "today"),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filters, (f) => {
        const url = new URL(boardUrl(f as BoardFilters), "http://x");
        const back = boardFiltersFromParams(url.searchParams);
        const defined = Object.fromEntries(Object.entries(back).filter(([, v]) => v !== undefined));
        expect(defined).toEqual(f);
      }),
    );
  });

  it("ignores what it does not know", () => {
    const f = boardFiltersFromParams(
      new URLSearchParams("status=X&canal=foo,amazon&de=2026-13-01&paradoHa=-3&replicacao=lost&prazo=late"),
    );
    expect(Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined))).toEqual({ channels: ["amazon"] });
  });

  it("names the deadline filter in Portuguese", () => {
    expect(boardUrl({ deadline: "late" })).toBe("/pedidos?prazo=atrasados");
    expect(boardFiltersFromParams(new URLSearchParams("prazo=hoje")).deadline).toBe("today");
  });
});
