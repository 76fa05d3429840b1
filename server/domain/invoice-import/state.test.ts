import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awaitsSeller, describeProgress, progressOf } from "./state";

const kept = { dropped: false, hasXml: true, resultOk: null, firstAppliedAt: null };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 13, minute));

describe("where an upload stands", () => {
  it("is a preview while nothing was confirmed, whatever waits", () => {
    const progress = progressOf([kept, { ...kept, dropped: true }, { ...kept, hasXml: false }]);
    expect(progress).toMatchObject({ notes: 3, invoiced: 0, waiting: 1, confirmedAt: null, closed: false });
    expect(describeProgress(progress)).toBe("Não confirmado: nenhum pedido foi faturado por ele ainda.");
  });

  it("stays open after a confirmation while a kept note can still invoice an order", () => {
    const progress = progressOf([
      { ...kept, resultOk: true, hasXml: false, firstAppliedAt: at(5) },
      { ...kept, resultOk: false, firstAppliedAt: at(2) },
      kept,
    ]);
    expect(progress).toMatchObject({ invoiced: 1, waiting: 2, confirmedAt: at(2), closed: false });
    expect(describeProgress(progress)).toBe("2 notas esperam a sua decisão.");
  });

  it("closes once confirmed with every note invoiced, dropped or without its file", () => {
    const progress = progressOf([
      { ...kept, resultOk: true, hasXml: false, firstAppliedAt: at(5) },
      { ...kept, dropped: true },
      { ...kept, hasXml: false },
    ]);
    expect(progress).toMatchObject({ invoiced: 1, waiting: 0, confirmedAt: at(5), closed: true });
    expect(describeProgress(progress)).toBe("Confirmado em 03/12/2026, 10:05.");
  });

  it("counts grouped tallies exactly as the rows one by one", () => {
    const row = fc.record({
      dropped: fc.boolean(),
      hasXml: fc.boolean(),
      resultOk: fc.constantFrom(null, true, false),
      firstAppliedAt: fc.option(fc.integer({ min: 0, max: 59 }).map(at), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const groups = new Map<string, (typeof rows)[number] & { rows: number }>();
        for (const r of rows) {
          const k = `${r.dropped}${r.hasXml}${r.resultOk}`;
          const g = groups.get(k);
          const earliest = [g?.firstAppliedAt, r.firstAppliedAt]
            .filter((d) => d instanceof Date)
            .sort((a, b) => +a - +b);
          groups.set(k, { ...r, rows: (g?.rows ?? 0) + 1, firstAppliedAt: earliest[0] ?? null });
        }
        expect(progressOf([...groups.values()])).toEqual(progressOf(rows));
        expect(progressOf(rows).waiting).toBe(rows.filter(awaitsSeller).length);
      }),
    );
  });
});
