import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxiesFromEnv } from "./client-address";

describe("clientAddress", () => {
  it("ignores a forwarded address the client wrote itself when no proxy is declared", () => {
    expect(clientAddress("1.2.3.4", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress(undefined, "203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("takes the address the outermost declared proxy saw", () => {
    // client spoofs 6.6.6.6; the real client 198.51.100.7 reached proxy A, A reached proxy B, B reached us.
    expect(clientAddress("6.6.6.6, 198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(clientAddress("6.6.6.6, 198.51.100.7, 10.0.0.1", "10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientAddress(["6.6.6.6", "198.51.100.7"], "10.0.0.2", 1)).toBe("198.51.100.7");
  });

  it("never goes past the start of the chain", () => {
    expect(clientAddress("198.51.100.7", "10.0.0.2", 5)).toBe("198.51.100.7");
  });

  it("whatever a client prepends, the answer stays the one the trusted hops saw", () => {
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { maxLength: 5 }), fc.integer({ min: 0, max: 3 }), (spoofed, hops) => {
        const real = ["198.51.100.7", ...Array.from({ length: hops }, (_, i) => `10.0.0.${i + 1}`)];
        const socket = real.pop();
        const header = [...spoofed, ...real].join(", ");
        expect(clientAddress(header, socket, hops)).toBe(hops === 0 ? socket : "198.51.100.7");
      }),
    );
  });
});

describe("trustedProxiesFromEnv", () => {
  it("reads a hop count and refuses anything else", () => {
    expect(trustedProxiesFromEnv(undefined)).toBe(0);
    expect(trustedProxiesFromEnv("1")).toBe(1);
    expect(trustedProxiesFromEnv("-1")).toBe(0);
    expect(trustedProxiesFromEnv("yes")).toBe(0);
  });
});
