import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactOrderCode, orderCodeNumber } from "./order-code";

const COMPACT_SQL = "upper(replace(replace(replace(replace(?, '-', ''), ' ', ''), '.', ''), '/', ''))";

/** The index expressions in db/schema/orders.ts must give what the JS gives, or typed codes miss their orders. */
function expectSameAsSql(inJs: (code: string) => string, expression: string) {
  const db = new Database(":memory:");
  const inSql = db.prepare<[string], string>(`SELECT ${expression}`).pluck();
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-z0-9 .\-/]{0,24}$/), (code) => {
      expect(inJs(code)).toBe(inSql.get(code));
    }),
  );
  db.close();
}

describe("compactOrderCode", () => {
  it("drops case, spaces, dots, dashes and slashes", () => {
    expect(compactOrderCode(" mgz-62523000253 ")).toBe("MGZ62523000253");
    expect(compactOrderCode("702-1234567-7654321")).toBe("70212345677654321");
    expect(compactOrderCode("crf 2612.0000/84-a")).toBe("CRF2612000084A");
  });

  it("gives what the database's index expression gives for the same code", () => {
    expectSameAsSql(compactOrderCode, COMPACT_SQL);
  });
});

describe("orderCodeNumber", () => {
  it("drops the marketplace's letters in front, and only those", () => {
    expect(orderCodeNumber("MGZ-62523000253")).toBe("62523000253");
    expect(orderCodeNumber("zm 4321000001")).toBe("4321000001");
    expect(orderCodeNumber("CRF1234000001-A")).toBe("1234000001A");
    expect(orderCodeNumber("702-1234567-7654321")).toBe("70212345677654321");
  });

  it("gives what the database's index expression gives for the same code", () => {
    expectSameAsSql(orderCodeNumber, `ltrim(${COMPACT_SQL}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')`);
  });
});
