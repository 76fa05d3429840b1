import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { serializeResponse } from "./transformer";

// What the client receives: the serialized value as JSON text, read back.
const wire = (value: unknown) => JSON.parse(JSON.stringify(value));

// Keys with dots and backslashes, because superjson escapes them in its paths. Not the keys superjson refuses
// as a prototype-pollution risk: for those both sides throw, which is not what this compares.
const REFUSED_KEYS = new Set(["__proto__", "prototype", "constructor"]);
const key = fc.oneof(fc.string(), fc.constantFrom("a.b", "c\\d", "e\\.f", "")).filter((k) => !REFUSED_KEYS.has(k));
const date = fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0)), noInvalidDate: true });

describe("response serialization", () => {
  it("writes what superjson writes for JSON values and dates", () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.string(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
        fc.boolean(),
        fc.constant(null),
        date,
        fc.array(tie("node")),
        fc.dictionary(key, tie("node")),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(wire(serializeResponse(v))).toEqual(wire(superjson.serialize(v)));
        expect(superjson.deserialize(wire(serializeResponse(v)))).toEqual(v);
      }),
    );
  });

  it("leaves everything else to superjson", () => {
    const shared = { a: 1 };
    const values = [
      { at: new Date(Number.NaN) },
      { n: Number.NaN, i: Number.POSITIVE_INFINITY, z: -0 },
      { u: undefined, b: 10n },
      { m: new Map([["k", 1]]), s: new Set([1]) },
      { one: shared, two: shared },
      // biome-ignore lint/suspicious/noSparseArray: a hole is what is being tested.
      [1, , 3],
      new Date(0),
    ];
    for (const v of values) expect(wire(serializeResponse(v))).toEqual(wire(superjson.serialize(v)));
  });

  it("writes a board page exactly as superjson does", () => {
    const page = {
      orders: Array.from({ length: 50 }, (_, i) => ({
        id: i,
        status: "APPROVED",
        placedAt: new Date(1_700_000_000_000 + i),
        handledManuallyAt: null,
        customerName: "Mariana Silva",
      })),
      nextCursor: { placedAt: 1, id: 2 },
    };
    expect(JSON.stringify(serializeResponse(page))).toBe(JSON.stringify(superjson.serialize(page)));
  });
});
