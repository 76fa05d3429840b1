import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plural } from "./format";

describe("plural", () => {
  it("picks the singular for one and the plural for zero and many", () => {
    expect(plural(1, "pedido", "pedidos")).toBe("1 pedido");
    expect(plural(0, "pedido", "pedidos")).toBe("0 pedidos");
    expect(plural(4, "linha não aplicada", "linhas não aplicadas")).toBe("4 linhas não aplicadas");
    expect(plural(1234, "pedido", "pedidos")).toBe("1.234 pedidos");
  });

  it("never writes a parenthesised plural, and uses the singular only for one", () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), (n) => {
        const text = plural(n, "envio registrado", "envios registrados");
        expect(text).not.toContain("(s)");
        expect(text.endsWith("envio registrado")).toBe(n === 1);
      }),
    );
  });
});
