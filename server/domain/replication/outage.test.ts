import { describe, expect, it } from "vitest";
import { afterCalls, failureCauseOfStatus, isOutageFailure, OUTAGE, type OutageState, outageNotice } from "./outage";

const up: OutageState = { consecutiveFailures: 0, unreachableSince: null, nextProbeAt: null };
const at = (ms: number) => new Date(Date.UTC(2026, 11, 3, 17, 5, 0) + ms);

describe("afterCalls: when a connection is taken for down and when it is back", () => {
  it("failures without an answer add up and mark the connection unreachable at the threshold, probe one interval later", () => {
    let state = up;
    for (let i = 1; i < OUTAGE.failuresInARow; i++) {
      const step = afterCalls(state, { answered: 0, unanswered: 1 }, at(i));
      expect(step.change).toBeNull();
      state = step.state;
    }
    expect(state).toEqual({
      consecutiveFailures: OUTAGE.failuresInARow - 1,
      unreachableSince: null,
      nextProbeAt: null,
    });
    const down = afterCalls(state, { answered: 0, unanswered: 1 }, at(9_000));
    expect(down.change).toBe("went_down");
    expect(down.state.unreachableSince).toEqual(at(9_000));
    expect(down.state.nextProbeAt).toEqual(at(9_000 + OUTAGE.probeEveryMs));
  });

  it("a whole batch failing at once is enough, and failing further keeps the outage's start and probe time", () => {
    const down = afterCalls(up, { answered: 0, unanswered: 40 }, at(0));
    expect(down.change).toBe("went_down");
    const later = afterCalls(down.state, { answered: 0, unanswered: 3 }, at(60_000));
    expect(later.change).toBeNull();
    expect(later.state.unreachableSince).toEqual(at(0));
    expect(later.state.nextProbeAt).toEqual(down.state.nextProbeAt);
  });

  it("any answer clears the count, and ends an outage as a recovery", () => {
    const failing = afterCalls(up, { answered: 0, unanswered: OUTAGE.failuresInARow - 1 }, at(0)).state;
    expect(afterCalls(failing, { answered: 1, unanswered: 3 }, at(1))).toEqual({ state: up, change: null });
    const down = afterCalls(up, { answered: 0, unanswered: 10 }, at(0)).state;
    expect(afterCalls(down, { answered: 1, unanswered: 0 }, at(5))).toEqual({ state: up, change: "recovered" });
  });

  it("no calls change nothing", () => {
    const failing = { ...up, consecutiveFailures: 2 };
    expect(afterCalls(failing, { answered: 0, unanswered: 0 }, at(0))).toEqual({ state: failing, change: null });
  });
});

describe("which failures count towards an outage", () => {
  it("no answer and 5xx (and 408) do; a 429 or another refusal is an answer from a marketplace that is up", () => {
    expect([500, 502, 503, 504, 408].map(failureCauseOfStatus)).toEqual([
      "server_error",
      "server_error",
      "server_error",
      "server_error",
      "server_error",
    ]);
    expect(failureCauseOfStatus(429)).toBe("rate_limited");
    expect(failureCauseOfStatus(401)).toBe("refused");
    expect(failureCauseOfStatus(403)).toBe("refused");
    expect(isOutageFailure("no_answer")).toBe(true);
    expect(isOutageFailure("server_error")).toBe(true);
    expect(isOutageFailure("rate_limited")).toBe(false);
    expect(isOutageFailure("refused")).toBe(false);
  });
});

describe("outageNotice", () => {
  it("names the channel, the São Paulo time it went down and what waits, with the day when it is not today", () => {
    // 17:05 UTC is 14:05 in São Paulo.
    expect(outageNotice("americanas", at(0), 358, at(60_000))).toBe(
      "Americanas fora do ar desde 14:05 — 358 atualizações aguardando; o Fluxo envia tudo sozinho assim que o marketplace voltar.",
    );
    expect(outageNotice("mercado_livre", at(0), 1, at(24 * 3_600_000))).toBe(
      "Mercado Livre fora do ar desde 03/12, 14:05 — 1 atualização aguardando; o Fluxo envia tudo sozinho assim que o marketplace voltar.",
    );
  });
});
