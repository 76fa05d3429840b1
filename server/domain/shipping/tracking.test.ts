import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CARRIERS, checkTracking, s10CheckDigit, type TrackingInput, trackingInputSchema } from "./tracking";

// Invoice issued at 22:30 on March 10th in São Paulo, already March 11th in UTC.
const context = { invoicedAt: new Date("2026-03-11T01:30:00Z"), now: new Date("2026-03-15T15:00:00Z") };
const valid: TrackingInput = {
  carrier: "correios",
  code: "AA123456785BR",
  method: "SEDEX",
  url: "https://rastreamento.correios.com.br/app/index.php",
  handedAt: "2026-03-10",
};
const fieldErrors = (patch: Partial<TrackingInput>) => checkTracking({ ...valid, ...patch }, context);
const fields = (patch: Partial<TrackingInput>) => fieldErrors(patch).map((e) => e.field);

describe("checkTracking", () => {
  it("accepts a complete Correios shipment handed over on the invoice day", () => {
    expect(checkTracking(valid, context)).toEqual([]);
    expect(fields({ code: " aa 123456785 br ", url: "", handedAt: "2026-03-15" })).toEqual([]);
    expect(fields({ url: null })).toEqual([]);
    expect(fields({ url: undefined })).toEqual([]);
  });

  it("lists the carriers with Portuguese labels", () => {
    expect(CARRIERS.map((c) => c.id)).toEqual([
      "correios",
      "jadlog",
      "loggi",
      "total-express",
      "mercado-envios",
      "other",
    ]);
    expect(CARRIERS.find((c) => c.id === "other")?.label).toBe("Outra");
  });

  it("refuses an unknown carrier", () => {
    expect(fields({ carrier: "dhl" })).toEqual(["carrier"]);
  });

  it("checks Correios codes as S10, naming the expected check digit", () => {
    expect(fieldErrors({ code: "AA123456784BR" })).toEqual([
      { field: "code", message: expect.stringContaining("deveria ser 5") },
    ]);
    expect(fieldErrors({ code: "AA12345678BR" })[0]?.message).toContain("2 letras, 9 números e 2 letras");
    expect(fieldErrors({ code: "" })[0]?.message).toContain("Informe o código de rastreio dos Correios");
  });

  it("takes only Brazilian S10 codes for Correios: a valid code of another country is refused", () => {
    expect(fieldErrors({ code: "AA123456785US" })).toEqual([
      {
        field: "code",
        message:
          'O código "AA123456785US" termina em US, de outro país; os códigos dos Correios terminam em BR (ex.: AA123456785BR). Confira o código na etiqueta.',
      },
    ]);
    const letter = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    fc.assert(
      fc.property(
        fc.tuple(letter, letter),
        fc.stringMatching(/^\d{8}$/),
        fc.tuple(letter, letter),
        (service, serial, country) => {
          const code = `${service.join("")}${serial}${s10CheckDigit(serial)}${country.join("")}`;
          expect(fields({ code })).toEqual(country.join("") === "BR" ? [] : ["code"]);
          // Other carriers keep free text: the same code is fine for them.
          expect(fields({ carrier: "other", code })).toEqual([]);
        },
      ),
    );
  });

  it("accepts sane free text for other carriers", () => {
    expect(fields({ carrier: "jadlog", code: "10084500123456" })).toEqual([]);
    expect(fields({ carrier: "loggi", code: "abc-123/45.6" })).toEqual([]);
    expect(fieldErrors({ carrier: "jadlog", code: "1234" })[0]?.message).toContain("tem 4");
    expect(fields({ carrier: "jadlog", code: "1".repeat(41) })).toEqual(["code"]);
    expect(fieldErrors({ carrier: "other", code: "ABC_12345" })[0]?.message).toContain('"_"');
  });

  it("requires a shipping method of 2 to 60 visible characters", () => {
    expect(fields({ method: " " })).toEqual(["method"]);
    expect(fields({ method: "\u200B\u200B\u200B" })).toEqual(["method"]);
    expect(fields({ method: "SEDEX\u0000" })).toEqual(["method"]);
    expect(fields({ method: "P" })).toEqual(["method"]);
    expect(fields({ method: "x".repeat(61) })).toEqual(["method"]);
    expect(fields({ method: "PAC" })).toEqual([]);
  });

  it("accepts only http(s) URLs of at most 200 characters", () => {
    expect(fields({ url: `https://example.com/${"a".repeat(180)}` })).toEqual([]);
    expect(fieldErrors({ url: `https://example.com/${"a".repeat(181)}` })[0]?.message).toContain("200");
    expect(fields({ url: "javascript:alert(1)" })).toEqual(["url"]);
    expect(fields({ url: "ftp://example.com/x" })).toEqual(["url"]);
    expect(fields({ url: "rastreio da jadlog" })).toEqual(["url"]);
    expect(fields({ url: "https://example.com/\u202Egpj.exe" })).toEqual(["url"]);
  });

  it("refuses a hand-over date before the invoice day or after today, by São Paulo calendar days", () => {
    expect(fieldErrors({ handedAt: "2026-03-09" })).toEqual([
      { field: "handedAt", message: expect.stringContaining("10/03/2026") },
    ]);
    expect(fieldErrors({ handedAt: "2026-03-16" })[0]?.message).toContain("ainda não chegou");
    expect(fields({ handedAt: "2026-02-30" })).toEqual(["handedAt"]);
    expect(fields({ handedAt: "10/03/2026" })).toEqual(["handedAt"]);
    // 23:00 on March 10th in São Paulo is 02:00 UTC on the 11th.
    expect(fields({ handedAt: new Date("2026-03-11T02:00:00Z") })).toEqual([]);
    expect(fields({ handedAt: new Date("2026-03-10T02:00:00Z") })).toEqual(["handedAt"]);
  });

  it("reports every wrong field at once", () => {
    expect(fields({ carrier: "correios", code: "X", method: "", url: "x", handedAt: "" })).toEqual([
      "code",
      "method",
      "url",
      "handedAt",
    ]);
  });
});

describe("trackingInputSchema", () => {
  it("parses the raw form shape", () => {
    const parsed = trackingInputSchema.parse({
      carrier: "jadlog",
      code: " 123456 ",
      method: " Expresso ",
      handedAt: "2026-03-10",
    });
    expect(parsed).toEqual({ carrier: "jadlog", code: "123456", method: "Expresso", handedAt: "2026-03-10" });
  });

  it("refuses bad shapes with Portuguese messages", () => {
    const result = trackingInputSchema.safeParse({
      carrier: "dhl",
      code: "",
      method: "x",
      url: "u".repeat(201),
      handedAt: "10/03/2026",
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [];
    expect(issues.map(([path]) => path)).toEqual(["carrier", "code", "method", "url", "handedAt"]);
    expect(issues.find(([path]) => path === "carrier")?.[1]).toContain("transportadora");
  });
});
