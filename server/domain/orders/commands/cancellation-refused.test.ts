import { describe, expect, it } from "vitest";
import { refusedCancellationIn } from "./cancellation-refused";

const update = (kind: string) => ({ id: 7, kind, orderId: 3, accountId: 1 });

describe("refusedCancellationIn", () => {
  it("a rejected cancel is the marketplace refusing the seller's request", () => {
    expect(refusedCancellationIn({ update: update("cancel"), result: { state: "rejected" } })).toEqual({
      orderId: 3,
      accountId: 1,
      cancelUpdateId: 7,
    });
  });

  it("an acknowledged or retried cancel refuses nothing", () => {
    for (const state of ["acknowledged", "retrying", "deferred"]) {
      expect(refusedCancellationIn({ update: update("cancel"), result: { state } })).toBeNull();
    }
  });

  it("a rejection of any other update is not about the cancellation", () => {
    for (const kind of ["invoice", "shipment", "delivered", "refuse"]) {
      expect(refusedCancellationIn({ update: update(kind), result: { state: "rejected" } })).toBeNull();
    }
  });
});
