import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awaitingConfirmationNote } from "./awaiting-confirmation";
import { latestUpdateLine, latestUpdatePerOrder, type UpdateMoment } from "./board-update";
import { OUTBOX_STATES } from "./outbox-states";

const at = Date.UTC(2026, 11, 3, 17, 6); // 14:06 in São Paulo

describe("latestUpdatePerOrder", () => {
  it("keeps each order's newest update and skips discarded ones", () => {
    const moments: UpdateMoment[] = [
      { orderId: 1, id: 10, kind: "invoice", state: "acknowledged", at, lastError: null },
      { orderId: 1, id: 12, kind: "shipment", state: "sent", at, lastError: null },
      { orderId: 2, id: 11, kind: "invoice", state: "rejected", at, lastError: "Chave inválida" },
      { orderId: 2, id: 13, kind: "invoice", state: "discarded", at, lastError: null },
      { orderId: 3, id: 14, kind: "invoice", state: "retrying", at, lastError: awaitingConfirmationNote("Magalu") },
      { orderId: 4, id: 15, kind: "invoice", state: "retrying", at, lastError: "HTTP 503" },
    ];
    const latest = latestUpdatePerOrder(moments);
    expect(latest.get(1)).toEqual({ kind: "shipment", state: "sent", at, awaiting: false });
    expect(latest.get(2)).toEqual({ kind: "invoice", state: "rejected", at, awaiting: false });
    expect(latest.get(3)?.awaiting).toBe(true);
    expect(latest.get(4)?.awaiting).toBe(false);
    expect(latest.has(5)).toBe(false);
  });

  it("picks the highest id whatever the order the rows come in", () => {
    const moment = fc.record({
      orderId: fc.integer({ min: 1, max: 5 }),
      id: fc.integer({ min: 1, max: 1_000 }),
      state: fc.constantFrom(...OUTBOX_STATES),
    });
    fc.assert(
      fc.property(fc.uniqueArray(moment, { selector: (m) => m.id }), (rows) => {
        const moments = rows.map((r) => ({ ...r, kind: "invoice", at, lastError: null }));
        const latest = latestUpdatePerOrder(moments);
        for (const orderId of new Set(moments.map((m) => m.orderId))) {
          const live = moments.filter((m) => m.orderId === orderId && m.state !== "discarded");
          const newest = live.sort((a, b) => b.id - a.id)[0];
          expect(latest.get(orderId)?.state).toBe(newest?.state);
        }
      }),
    );
  });
});

describe("latestUpdateLine", () => {
  it("says what was sent and when it was confirmed, in São Paulo time", () => {
    expect(latestUpdateLine({ kind: "invoice", state: "acknowledged", at, awaiting: false })).toBe(
      "Nota fiscal: confirmada em 03/12/2026, 14:06",
    );
    expect(latestUpdateLine({ kind: "shipment", state: "sent", at, awaiting: false })).toBe(
      "Envio: enviada em 03/12/2026, 14:06, aguardando resposta",
    );
    expect(latestUpdateLine({ kind: "invoice", state: "held", at, awaiting: false })).toBe(
      "Nota fiscal: retida até os dados de envio",
    );
  });

  it("says an update the marketplace took and confirms later arrived, not that it is tried again", () => {
    expect(latestUpdateLine({ kind: "invoice", state: "retrying", at, awaiting: true })).toBe(
      "Nota fiscal: recebida em 03/12/2026, 14:06, aguardando confirmação",
    );
    expect(latestUpdateLine({ kind: "invoice", state: "retrying", at, awaiting: false })).toBe(
      "Nota fiscal: nova tentativa agendada",
    );
  });

  it("never shows a raw kind code", () => {
    expect(latestUpdateLine({ kind: "something_new", state: "pending", at, awaiting: false })).toBe(
      "Atualização: na fila para o marketplace",
    );
  });
});
