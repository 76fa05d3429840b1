import { describe, expect, it } from "vitest";
import {
  BOARD_REPLICATION_FILTERS,
  NEEDS_ATTENTION,
  NOT_GONE_OUT,
  ON_ITS_WAY,
  OUTBOX_STATES,
  QUEUED,
  SETTLED,
  UNSETTLED,
} from "./outbox-states";

const sorted = (states: readonly string[]) => [...states].sort();

describe("outbox state sets", () => {
  it("every state is either settled or unsettled, never both", () => {
    expect(sorted([...SETTLED, ...UNSETTLED])).toEqual(sorted(OUTBOX_STATES));
  });

  it("what is on its way is the unsettled without the held (they wait for the seller)", () => {
    expect(sorted(ON_ITS_WAY)).toEqual(sorted(UNSETTLED.filter((s) => s !== "held")));
  });

  it("what a decision can still discard is the unsettled without the one on the wire", () => {
    expect(sorted(NOT_GONE_OUT)).toEqual(sorted(UNSETTLED.filter((s) => s !== "sent")));
  });

  it("the queue is what is on its way and not leased", () => {
    expect(sorted(QUEUED)).toEqual(sorted(ON_ITS_WAY.filter((s) => s !== "sent")));
  });

  it("the board filters by what the dashboard counts, but the lease", () => {
    expect(sorted(BOARD_REPLICATION_FILTERS)).toEqual(sorted(NEEDS_ATTENTION.filter((s) => s !== "sent")));
  });
});
