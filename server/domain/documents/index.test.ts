import { describe, expect, it } from "vitest";
import { documentKind, formatDocument, isValidCpfOrCnpj, normalizeDocument } from "./index";

describe("documents", () => {
  it("tells CPF from CNPJ by shape", () => {
    expect(documentKind("529.982.247-25")).toBe("CPF");
    expect(documentKind("529.982.247-24")).toBe("CPF");
    expect(documentKind("06.929.383/0001-63")).toBe("CNPJ");
    expect(documentKind("12.abc.345/01de-35")).toBe("CNPJ");
    expect(documentKind("014345733812")).toBeNull();
    expect(documentKind("")).toBeNull();
  });

  it("validates either document", () => {
    expect(isValidCpfOrCnpj("52998224725")).toBe(true);
    expect(isValidCpfOrCnpj("58.716.523/0001-19")).toBe(true);
    expect(isValidCpfOrCnpj("12ABC34501DE35")).toBe(true);
    expect(isValidCpfOrCnpj("52998224724")).toBe(false);
    expect(isValidCpfOrCnpj("014345733812")).toBe(false);
  });

  it("normalises and formats by kind", () => {
    expect(normalizeDocument(" 12.abc.345/01de-35 ")).toBe("12ABC34501DE35");
    expect(formatDocument("52998224725")).toBe("529.982.247-25");
    expect(formatDocument("58716523000119")).toBe("58.716.523/0001-19");
    expect(formatDocument("0143-4573")).toBe("01434573");
  });
});
