import { describe, expect, it } from "vitest";
import { openDb } from "./client";
import { driverValues, fieldsOf, preparedOnce } from "./prepared";
import { outbox } from "./schema";

describe("driverValues", () => {
  it("stores each value as its column does, and keeps nulls", () => {
    const at = new Date("2026-11-27T12:00:00.000Z");
    expect(
      driverValues(outbox, {
        id: 3,
        state: "retrying",
        nextAttemptAt: at,
        leaseUntil: null,
        lastError: undefined,
        marketplaceResponse: { ok: true, note: "ação" },
        owner: "not-a-column",
      }),
    ).toEqual({
      id: 3,
      state: "retrying",
      nextAttemptAt: at.getTime(),
      leaseUntil: null,
      lastError: null,
      marketplaceResponse: '{"ok":true,"note":"ação"}',
      owner: "not-a-column",
    });
  });
});

describe("preparedOnce", () => {
  it("prepares a statement once per connection and key", () => {
    const a = openDb(":memory:");
    const b = openDb(":memory:");
    let prepared = 0;
    const prepare = (db: typeof a) => () => {
      prepared++;
      return db.$client.prepare("SELECT 1");
    };
    const first = preparedOnce(a, "one", prepare(a));
    expect(preparedOnce(a, "one", prepare(a))).toBe(first);
    expect(preparedOnce(b, "one", prepare(b))).not.toBe(first);
    expect(prepared).toBe(2);
  });
});

describe("fieldsOf", () => {
  it("lists the keys it was given", () => {
    expect(fieldsOf<{ a: number; b?: string }>({ a: true, b: true })).toEqual(["a", "b"]);
  });
});
