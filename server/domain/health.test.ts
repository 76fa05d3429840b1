import { describe, expect, it } from "vitest";
import type { PartsStatus } from "../runtime/parts-status";
import { assessHealth, PARTS_STATUS_STALE_MS } from "./health";

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const backlog = {
  counts: { pending: 3, sent: 1, retrying: 2 },
  oldestCreatedAt: new Date(NOW - 90_500),
  stale: 0,
};

function supervised(worker: PartsStatus["parts"][string], writtenAt = NOW - 1_000): PartsStatus {
  const up = { state: "up" as const, restarts: 0, lastCrash: null };
  return { writtenAt, parts: { sandbox: up, worker, web: up } };
}

describe("hub health", () => {
  it("is whole when every supervised part is up and the outbox can be read", () => {
    const health = assessHealth({
      now: NOW,
      parts: supervised({ state: "up", restarts: 0, lastCrash: null }),
      backlog,
    });
    expect(health.whole).toBe(true);
    expect(health.description).toBe("O Fluxo está inteiro: todas as partes estão no ar.");
    expect(Object.keys(health.parts).sort()).toEqual(["sandbox", "web", "worker"]);
    expect(health.outbox).toEqual({
      pending: 3,
      sent: 1,
      retrying: 2,
      oldestAt: new Date(NOW - 90_500).toISOString(),
      oldestAgeSeconds: 90,
      stale: 0,
    });
  });

  it("a worker being restarted makes the hub not whole, says so in pt-BR and tells its last crash", () => {
    const crash = { at: NOW - 2_000, exitCode: null, signal: "SIGKILL" };
    const health = assessHealth({
      now: NOW,
      parts: supervised({ state: "restarting", restarts: 2, lastCrash: crash }),
      backlog,
    });
    expect(health.whole).toBe(false);
    expect(health.description).toBe("O worker parou e o Fluxo o reinicia sozinho; aguarde alguns segundos.");
    expect(health.parts.worker).toEqual({
      up: false,
      state: "restarting",
      restarts: 2,
      lastCrash: { at: new Date(NOW - 2_000).toISOString(), exitCode: null, signal: "SIGKILL" },
      description: "O worker parou e o Fluxo o reinicia sozinho; aguarde alguns segundos.",
    });
    expect(health.parts.web?.up).toBe(true);
  });

  it("without a supervisor, or with one that stopped writing, the worker is unknown and the web still up", () => {
    const up = { state: "up" as const, restarts: 0, lastCrash: null };
    for (const parts of [null, supervised(up, NOW - PARTS_STATUS_STALE_MS - 1)]) {
      const health = assessHealth({ now: NOW, parts, backlog });
      expect(health.whole).toBe(false);
      expect(health.parts.worker?.state).toBe("unknown");
      expect(health.parts.web?.state).toBe("up");
      expect(health.description).toBe(
        "O worker não dá notícias; inicie o Fluxo com npm start, que mantém cada parte no ar.",
      );
    }
    expect(assessHealth({ now: NOW, parts: supervised(up, NOW - PARTS_STATUS_STALE_MS), backlog }).whole).toBe(true);
  });

  it("an unreadable database makes the hub not whole, with no backlog to report", () => {
    const up = { state: "up" as const, restarts: 0, lastCrash: null };
    const health = assessHealth({ now: NOW, parts: supervised(up), backlog: null });
    expect(health.whole).toBe(false);
    expect(health.outbox).toBeNull();
    expect(health.description).toBe("O Fluxo não conseguiu ler o banco de dados; verifique o disco do servidor.");
  });

  it("an empty outbox has no oldest update", () => {
    const up = { state: "up" as const, restarts: 0, lastCrash: null };
    const empty = { counts: { pending: 0, sent: 0, retrying: 0 }, oldestCreatedAt: null, stale: 0 };
    const health = assessHealth({ now: NOW, parts: supervised(up), backlog: empty });
    expect(health.outbox).toMatchObject({ oldestAt: null, oldestAgeSeconds: null });
  });
});
