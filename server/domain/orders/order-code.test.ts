import { describe, expect, it } from "vitest";
import { orderCodeCandidates } from "./order-code";

describe("orderCodeCandidates", () => {
  it("keeps the code as typed and adds it in capitals", () => {
    expect(orderCodeCandidates(" mgz-62523000253 ")).toEqual(["mgz-62523000253", "MGZ-62523000253"]);
    expect(orderCodeCandidates("2000106449000086")).toEqual(["2000106449000086"]);
    expect(orderCodeCandidates("  ")).toEqual([]);
  });
});
