import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { webProcessCount } from "./web-cluster";

describe("WEB_PROCESSES", () => {
  it("defaults to one web process per core", () => {
    expect(webProcessCount(undefined)).toBe(availableParallelism());
    expect(webProcessCount(" ")).toBe(availableParallelism());
  });

  it("takes a whole number from 1", () => {
    expect(webProcessCount("1")).toBe(1);
    expect(webProcessCount("3")).toBe(3);
  });

  it("refuses anything else", () => {
    for (const value of ["0", "-2", "1.5", "dois"]) expect(webProcessCount(value)).toBeNull();
  });
});
