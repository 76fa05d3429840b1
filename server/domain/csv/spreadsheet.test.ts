import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANNEL_IDS, LOGISTICS_MODE_IDS } from "../channels/channels";
import { RESULTS_CSV_HEADERS, resultsCsvRecord } from "../invoice-import/results-csv";
import type { ImportRowView } from "../invoice-import/view";
import { CSV_HEADERS, type ExportRow, toCsvRecord } from "../orders/csv-export";
import { ORDER_STATUSES } from "../orders/status";
import { TRACKING_CSV_TEMPLATE } from "../shipping/tracking-csv-template";
import { spreadsheetCell, spreadsheetCsv } from "./spreadsheet";

// What a spreadsheet would run: a first visible character that starts a formula, or a leading tab/line break.
const LIVE = /^[\s\p{Cc}\p{Cf}]*[=+\-@＝＋－＠]|^[\t\r\n]/u;

// Strings from anywhere (a seller, a marketplace, a file), weighted towards the ones that attack spreadsheets.
const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", " =", "\u200B=", "＝", "＋", "－", "＠", "\u0000@"),
      fc.constantFrom("cmd|' /C calc'!A0", 'HYPERLINK("http://x";"ok")', "1+1", "SUM(A1:A9)", "", ";\"'"),
    )
    .map(([start, rest]) => start + rest),
);

/** Every cell of a CSV the hub wrote, read back as a spreadsheet would (header row included). */
function cellsOf(csv: string): string[] {
  const records = parse(csv.replace(/^\uFEFF/, ""), { delimiter: ";", relax_column_count: false }) as string[][];
  return records.flat();
}

function expectInert(csv: string, expectedValues: string[]) {
  const cells = cellsOf(csv);
  for (const cell of cells) {
    // Inert: either plain text, or the value behind the apostrophe that keeps it text.
    if (LIVE.test(cell)) expect.fail(`live formula cell: ${JSON.stringify(cell)}`);
  }
  // Nothing is lost: each value is in the file as it was, or behind one apostrophe.
  for (const value of expectedValues) {
    expect(cells.some((cell) => cell === value || cell === `'${value}`)).toBe(true);
  }
}

describe("spreadsheetCell", () => {
  it("leaves text and numbers as they are and prefixes only would-be formulas", () => {
    expect(spreadsheetCell("Maria Silva")).toBe("Maria Silva");
    expect(spreadsheetCell("-12,50")).toBe("-12,50");
    expect(spreadsheetCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(spreadsheetCell("\u200B+SUM(A1)")).toBe("'\u200B+SUM(A1)");
    expect(spreadsheetCell("@NOW()")).toBe("'@NOW()");
    fc.assert(
      fc.property(hostile, (value) => {
        const cell = spreadsheetCell(value);
        expect(cell === value || cell === `'${value}`).toBe(true);
        if (LIVE.test(value) && !/^-?\d+(?:[.,]\d+)?$/.test(value)) expect(cell).toBe(`'${value}`);
      }),
    );
  });
});

describe("every CSV the hub writes", () => {
  it("board export: every column of every row is inert, whatever the marketplace or seller put there", () => {
    const row = fc.record({
      marketplaceCode: hostile,
      channel: fc.constantFrom(...CHANNEL_IDS),
      logisticsMode: fc.constantFrom(...LOGISTICS_MODE_IDS),
      placedAt: fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
      status: fc.constantFrom(...ORDER_STATUSES),
      cancellationRequestedAt: fc.constant(null),
      customerName: hostile,
      customerDocument: hostile,
      shipCity: hostile,
      shipState: hostile,
      itemsCents: fc.integer({ min: 0, max: 10_000_000 }),
      shippingCents: fc.integer({ min: 0, max: 100_000 }),
      totalCents: fc.integer({ min: 0, max: 10_000_000 }),
      accessKey: fc.option(hostile, { nil: null }),
      trackingCode: fc.option(hostile, { nil: null }),
    }) satisfies fc.Arbitrary<ExportRow>;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), fc.boolean(), (rows, first) => {
        const csv = spreadsheetCsv(rows.map(toCsvRecord), CSV_HEADERS, first);
        expectInert(
          csv,
          rows.flatMap((r) => [r.marketplaceCode, r.customerName, r.shipCity, r.shipState, r.trackingCode ?? ""]),
        );
      }),
    );
  });

  it("the tracking code a marketplace set comes out of the export as text", () => {
    const record = toCsvRecord({
      marketplaceCode: "LAM-1",
      channel: "americanas",
      logisticsMode: "correios",
      placedAt: new Date("2026-11-20T12:00:00Z"),
      status: "SHIPPED",
      cancellationRequestedAt: null,
      customerName: "Ana",
      customerDocument: "12345678909",
      shipCity: "Recife",
      shipState: "PE",
      itemsCents: 100,
      shippingCents: 0,
      totalCents: 100,
      accessKey: "=1+1",
      trackingCode: "=cmd|' /C calc'!A0",
    });
    const cells = cellsOf(spreadsheetCsv([record], CSV_HEADERS));
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    expect(cells).not.toContain("=cmd|' /C calc'!A0");
  });

  it("bulk NF-e results: every column is inert, whatever the file, the note or the marketplace said", () => {
    const view = fc.record({
      position: fc.nat(),
      fileName: hostile,
      reason: hostile,
      warnings: fc.array(hostile, { maxLength: 3 }),
      conflict: fc.option(hostile, { nil: null }),
      accessKey: hostile,
      marketplaceCode: hostile,
      result: fc.option(fc.record({ ok: fc.boolean(), message: hostile }), { nil: null }),
    });
    fc.assert(
      fc.property(view, (v) => {
        const row: ImportRowView = {
          id: 1,
          position: v.position,
          fileName: v.fileName,
          verdict: "matched",
          reason: v.reason,
          matchedBy: "reference",
          nfe: {
            accessKey: v.accessKey,
            series: 1,
            number: 2,
            totalCents: 100,
            issuedAt: null,
            recipientDocument: null,
            recipientName: null,
            purchaseOrders: [],
            additionalInfo: null,
          },
          order: {
            id: 1,
            marketplaceCode: v.marketplaceCode,
            channel: "americanas",
            status: "APPROVED",
            customerName: "Ana",
            customerDocument: "12345678909",
            totalCents: 100,
            placedAt: new Date("2026-11-20T12:00:00Z"),
            version: 1,
          },
          candidates: [],
          warnings: v.warnings,
          dropped: false,
          conflict: v.conflict,
          canChoose: false,
          difference: null,
          ready: false,
          result: v.result,
        };
        expectInert(spreadsheetCsv([resultsCsvRecord(row)], RESULTS_CSV_HEADERS), [
          v.fileName,
          v.accessKey,
          v.marketplaceCode,
          ...(v.conflict === null ? [v.reason] : [v.conflict]),
        ]);
      }),
    );
  });

  it("the tracking sheet model is written the same way", () => {
    expect(TRACKING_CSV_TEMPLATE.startsWith("\uFEFFPedido;Transportadora;")).toBe(true);
    expectInert(TRACKING_CSV_TEMPLATE, ["LAM-0000000001", "AA123456785BR", "27/11/2026"]);
  });
});
