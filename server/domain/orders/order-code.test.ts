import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactOrderCode } from "./order-code";

describe("compactOrderCode", () => {
  it("drops case, spaces, dots, dashes and slashes", () => {
    expect(compactOrderCode(" mgz-62523000253 ")).toBe("MGZ62523000253");
    expect(compactOrderCode("702-1234567-7654321")).toBe("70212345677654321");
    expect(compactOrderCode("crf 2612.0000/84-a")).toBe("CRF2612000084A");
  });

  it("gives what the database's index expression gives for the same code", () => {
    const db = new Database(":memory:");
    const inSql = db
      .prepare<[string], string>(
        "SELECT upper(replace(replace(replace(replace(?, '-', ''), ' ', ''), '.', ''), '/', ''))",
      )
      .pluck();
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 .\-/]{0,24}$/), (code) => {
        expect(compactOrderCode(code)).toBe(inSql.get(code));
      }),
    );
    db.close();
  });
});
