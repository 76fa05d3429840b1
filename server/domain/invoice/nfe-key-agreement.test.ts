import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cnpjCheckDigits } from "@/server/domain/documents/cnpj";
import { buildNfe } from "../../../tests/fixtures/nfe-builder";
import { buildAccessKey, IBGE_STATES } from "./access-key";
import { readNfeXml } from "./nfe-xml";

const FAR_FUTURE = new Date("2100-01-01T12:00:00Z");

const cnpjArb = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 12, maxLength: 12 }),
    fc.string({ unit: fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"), minLength: 12, maxLength: 12 }),
  )
  .filter((base) => !/^(.)\1{11}$/.test(base))
  .map((base) => base + cnpjCheckDigits(base));

const partsArb = fc.record({
  stateCode: fc.constantFrom(...IBGE_STATES.map((s) => s.code)),
  year: fc.integer({ min: 2000, max: 2099 }),
  month: fc.integer({ min: 1, max: 12 }),
  cnpj: cnpjArb,
  series: fc.integer({ min: 0, max: 999 }),
  number: fc.integer({ min: 1, max: 999_999_999 }),
  emissionType: fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 9),
  randomCode: fc.integer({ min: 0, max: 99_999_999 }),
});

/** Replaces the first element `name` of the document, whatever its value. */
function withElement(xml: string, name: string, value: string): string {
  return xml.replace(new RegExp(`<${name}>[^<]*</${name}>`), `<${name}>${value}</${name}>`);
}

type Parts = typeof partsArb extends fc.Arbitrary<infer P> ? P : never;

/** One field the key repeats, changed to another value the layout allows, and where the message must point. */
const alterations: Record<string, (xml: string, parts: Parts, key: string, other: number, cnpj: string) => string> = {
  "ide/cUF": (xml, p, _k, other) => {
    const codes = IBGE_STATES.map((s) => s.code).filter((code) => code !== p.stateCode);
    return withElement(xml, "cUF", codes[other % codes.length] ?? "");
  },
  "ide/dhEmi": (xml, p) => {
    const month = String((p.month % 12) + 1).padStart(2, "0");
    return withElement(xml, "dhEmi", `${p.year}-${month}-10T10:00:00-03:00`);
  },
  "emit/CNPJ": (xml, p, _k, _o, cnpj) => xml.replace(`<CNPJ>${p.cnpj}</CNPJ>`, `<CNPJ>${cnpj}</CNPJ>`),
  "ide/mod": (xml, _p, _k, other) => withElement(xml, "mod", String(56 + (other % 44))),
  "ide/serie": (xml, p, _k, other) => withElement(xml, "serie", String((p.series + 1 + (other % 999)) % 1000)),
  "ide/nNF": (xml, p, _k, other) => withElement(xml, "nNF", String((p.number + 1 + other) % 1_000_000_000)),
  "ide/tpEmis": (xml, p, _k, other) => withElement(xml, "tpEmis", String((p.emissionType + 1 + (other % 9)) % 10)),
  "ide/cNF": (xml, p, _k, other) =>
    withElement(xml, "cNF", String((p.randomCode + 1 + other) % 100_000_000).padStart(8, "0")),
  "ide/cDV": (xml, _p, key, other) => withElement(xml, "cDV", String((Number(key.at(-1)) + 1 + (other % 9)) % 10)),
};

describe("an NF-e whose key disagrees with the document", () => {
  it("is refused naming the one key-repeated field that was altered, and accepted unaltered", () => {
    fc.assert(
      fc.property(
        partsArb,
        fc.constantFrom(...Object.keys(alterations)),
        fc.integer({ min: 0, max: 99_999_998 }),
        cnpjArb,
        (parts, path, other, otherCnpj) => {
          fc.pre(otherCnpj !== parts.cnpj);
          const key = buildAccessKey(parts);
          const xml = buildNfe({ key }).toString("utf8");
          const context = { sellerCnpj: parts.cnpj, mode: "sandbox" as const, now: FAR_FUTURE };
          expect(readNfeXml(xml, context)).toMatchObject({ ok: true, nfe: { accessKey: key } });
          const altered = alterations[path]?.(xml, parts, key, other, otherCnpj) ?? xml;
          expect(altered).not.toBe(xml);
          const result = readNfeXml(altered, context);
          expect(result).toEqual({
            ok: false,
            error: { code: "NFE_KEY_MISMATCH", message: expect.stringContaining(`no campo ${path},`) },
          });
        },
      ),
    );
  });
});
