import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { accessKeyCheckDigit } from "./access-key";
import { NFE_XML_MAX_BYTES, type NfeXmlContext, readNfeXml } from "./nfe-xml";

const FIXTURES = new URL("../../../tests/fixtures/nfe/", import.meta.url);
const fixtureBytes = (name: string) => readFileSync(new URL(name, FIXTURES));
const fixtureText = (name: string) => fixtureBytes(name).toString("utf8");

// The fixtures are from 2017-2021, so orders are placed before them.
const LONG_AGO = new Date("2017-01-01T12:00:00Z");
const HOMOLOGATION_SELLER = "06929383000163";
const sandbox: NfeXmlContext = {
  sellerCnpj: HOMOLOGATION_SELLER,
  orderCustomerDocument: "58716523000119",
  orderTotalCents: 50000,
  orderPlacedAt: LONG_AGO,
  mode: "sandbox",
};

function errorOf(result: ReturnType<typeof readNfeXml>) {
  if (result.ok) throw new Error("expected the document to be refused");
  return result.error;
}

describe("readNfeXml with the fixtures", () => {
  it("accepts the authorised homologation NF-e in sandbox mode, with no warnings", () => {
    const result = readNfeXml(fixtureBytes("authorized-homologation.xml"), sandbox);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      nfe: {
        accessKey: "43180906929383000163550010000000261000010301",
        emitterCnpj: "06929383000163",
        emitterName: "UMA RAZAO SOCIAL DE TESTE QUALQUER",
        recipientDocument: "58716523000119",
        recipientName: "NF-E EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL",
        totalCents: 50000,
        issuedAt: new Date("2018-09-25T03:00:00Z"),
        environment: 2,
        protocol: {
          status: "100",
          number: "143180006932433",
          authorizedAt: new Date("2018-09-25T19:21:05Z"),
          chNFe: "43180906929383000163550010000000261000010301",
        },
        series: 1,
        number: 26,
        references: { purchaseOrders: [], additionalInfo: null },
      },
    });
  });

  it("reads bytes, Buffers and strings alike, and a formatted seller CNPJ", () => {
    const bytes = fixtureBytes("authorized-homologation.xml");
    const context = { ...sandbox, sellerCnpj: "06.929.383/0001-63" };
    expect(readNfeXml(new Uint8Array(bytes), context)).toEqual(readNfeXml(bytes, sandbox));
    expect(readNfeXml(bytes.toString("utf8"), context)).toEqual(readNfeXml(bytes, sandbox));
  });

  it("refuses the homologation NF-e in production mode", () => {
    const error = errorOf(readNfeXml(fixtureBytes("authorized-homologation.xml"), { ...sandbox, mode: "production" }));
    expect(error.code).toBe("NFE_HOMOLOGATION");
    expect(error.message).toContain("homologação");
  });

  it("refuses a signed NF-e without the authorisation protocol, in either mode", () => {
    for (const mode of ["sandbox", "production"] as const) {
      const error = errorOf(readNfeXml(fixtureBytes("signed-no-protocol.xml"), { ...sandbox, mode }));
      expect(error.code).toBe("NFE_NO_PROTOCOL");
      expect(error.message).toContain("protocolo de autorização");
    }
  });

  it("refuses an NFC-e (model 65)", () => {
    for (const sellerCnpj of ["10422724000187", HOMOLOGATION_SELLER]) {
      const error = errorOf(readNfeXml(fixtureBytes("nfce-model-65.xml"), { sellerCnpj, mode: "production" }));
      expect(error.code).toBe("ACCESS_KEY_MODEL");
      expect(error.message).toContain("não é aceita para pedidos de marketplace");
    }
  });

  it("refuses a canceled NF-e even though its protNFe still says 100", () => {
    const error = errorOf(
      readNfeXml(fixtureBytes("canceled-with-event.xml"), {
        sellerCnpj: "58716523000119",
        orderCustomerDocument: "10702368000155",
        orderTotalCents: 58155,
        mode: "production",
      }),
    );
    expect(error.code).toBe("NFE_CANCELED");
    expect(error.message).toContain("cancelada");
    expect(error.message).toContain("04/02/2021");
  });

  it("refuses a key with a wrong check digit, naming the digit", () => {
    const key = "32191107670813000825550010059062251133037938";
    for (const sellerCnpj of ["07670813000823", HOMOLOGATION_SELLER]) {
      const error = errorOf(readNfeXml(fixtureBytes("bad-key-check-digit.xml"), { sellerCnpj, mode: "production" }));
      expect(error.code).toBe("ACCESS_KEY_CHECK_DIGIT");
      expect(error.message).toContain("dígito verificador");
      expect(error.message).toContain(`deveria ser ${accessKeyCheckDigit(key.slice(0, 43))}`);
    }
  });

  it("refuses a schema template full of placeholder values as not an NF-e", () => {
    const error = errorOf(readNfeXml(fixtureBytes("schema-template-garbage.xml"), { ...sandbox }));
    expect(error.code).toBe("NOT_NFE");
    expect(error.message).toContain('"string"');
  });
});

describe("readNfeXml safety", () => {
  const authorised = () => fixtureText("authorized-homologation.xml");

  it("refuses files over 3 MB before parsing", () => {
    expect(NFE_XML_MAX_BYTES).toBe(3 * 1024 * 1024);
    const padding = " ".repeat(NFE_XML_MAX_BYTES);
    expect(errorOf(readNfeXml(authorised() + padding, sandbox)).code).toBe("XML_TOO_LARGE");
    expect(errorOf(readNfeXml(new Uint8Array(NFE_XML_MAX_BYTES + 1), sandbox)).code).toBe("XML_TOO_LARGE");
    // Multi-byte characters count as bytes, not as string length.
    expect(errorOf(readNfeXml(`<a>${"é".repeat(NFE_XML_MAX_BYTES / 2 + 1)}</a>`, sandbox)).code).toBe("XML_TOO_LARGE");
    expect(errorOf(readNfeXml(`<a>${"x".repeat(NFE_XML_MAX_BYTES - 7)}</a>`, sandbox)).code).toBe("NOT_NFE");
  });

  it("refuses DOCTYPE and ENTITY declarations", () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(errorOf(readNfeXml(bomb, sandbox)).code).toBe("XML_DOCTYPE");
    const external = authorised().replace("<nfeProc", '<!doctype nfeProc SYSTEM "file:///etc/passwd"><nfeProc');
    expect(errorOf(readNfeXml(external, sandbox)).code).toBe("XML_DOCTYPE");
    expect(errorOf(readNfeXml('<a><!ENTITY x "y"></a>', sandbox)).code).toBe("XML_DOCTYPE");
  });

  it("refuses files that are not XML, saying what they look like", () => {
    expect(errorOf(readNfeXml("", sandbox)).code).toBe("XML_EMPTY");
    expect(errorOf(readNfeXml("chave 4318 0906", sandbox)).code).toBe("NOT_XML");
    expect(errorOf(readNfeXml('{"nfe": 1}', sandbox)).code).toBe("NOT_XML");
    const pdf = errorOf(readNfeXml(new TextEncoder().encode("%PDF-1.7\n..."), sandbox));
    expect(pdf).toEqual({ code: "NOT_XML", message: expect.stringContaining("PDF") });
    expect(errorOf(readNfeXml(new Uint8Array([0x50, 0x4b, 3, 4, 0]), sandbox)).message).toContain("ZIP");
  });

  it("refuses malformed XML, saying where it breaks", () => {
    const truncated = authorised().slice(0, 3000);
    const error = errorOf(readNfeXml(truncated, sandbox));
    expect(error.code).toBe("XML_MALFORMED");
    expect(errorOf(readNfeXml("<nfeProc><NFe></nfeProc>", sandbox)).message).toContain("linha 1");
  });

  it("refuses other XML documents and event files as not an NF-e", () => {
    expect(errorOf(readNfeXml("<pedido><id>1</id></pedido>", sandbox))).toEqual({
      code: "NOT_NFE",
      message: expect.stringContaining("<pedido>"),
    });
    const event = errorOf(readNfeXml("<procEventoNFe><evento/><retEvento/></procEventoNFe>", sandbox));
    expect(event).toEqual({ code: "NOT_NFE", message: expect.stringContaining("evento") });
    expect(errorOf(readNfeXml("<nfeProc><protNFe/></nfeProc>", sandbox)).code).toBe("NOT_NFE");
  });

  it("refuses a document with two NF-e where one is expected", () => {
    const doubled = authorised().replace(/(<NFe>[\s\S]*<\/NFe>)/, "$1$1");
    expect(errorOf(readNfeXml(doubled, sandbox))).toEqual({
      code: "NOT_NFE",
      message: expect.stringContaining("<NFe>"),
    });
  });
});

describe("readNfeXml against the seller and the order", () => {
  const authorised = () => fixtureText("authorized-homologation.xml");

  it("refuses an NF-e issued by another company", () => {
    const error = errorOf(
      readNfeXml(fixtureBytes("authorized-homologation.xml"), { ...sandbox, sellerCnpj: "58716523000119" }),
    );
    expect(error.code).toBe("NFE_EMITTER_MISMATCH");
    expect(error.message).toContain("06.929.383/0001-63");
    expect(error.message).toContain("58.716.523/0001-19");
  });

  it("refuses a key whose CNPJ is not the seller's even when emit/CNPJ is", () => {
    const xml = authorised().replace("<CNPJ>06929383000163</CNPJ>", "<CNPJ>58716523000119</CNPJ>");
    const error = errorOf(readNfeXml(xml, { ...sandbox, sellerCnpj: "58716523000119" }));
    expect(error.code).toBe("NFE_KEY_MISMATCH");
    expect(error.message).toContain("06.929.383/0001-63 na chave e 58.716.523/0001-19 no campo emit/CNPJ");
  });

  it("refuses a protocol for another key, and a protocol that did not authorise", () => {
    const otherKey = authorised().replace(
      "<chNFe>43180906929383000163550010000000261000010301</chNFe>",
      "<chNFe>43180906929383000163550010000000271000010300</chNFe>",
    );
    expect(errorOf(readNfeXml(otherKey, sandbox)).code).toBe("NFE_PROTOCOL_KEY_MISMATCH");
    const denied = authorised()
      .replace("<cStat>100</cStat>", "<cStat>302</cStat>")
      .replace("Autorizado o uso da NF-e", "Uso Denegado");
    const error = errorOf(readNfeXml(denied, sandbox));
    expect(error.code).toBe("NFE_NOT_AUTHORIZED");
    expect(error.message).toContain("302: Uso Denegado");
    expect(readNfeXml(authorised().replace("<cStat>100</cStat>", "<cStat>150</cStat>"), sandbox).ok).toBe(true);
  });

  it("recognises a cancellation in a procEventoNFe, and ignores other events", () => {
    const key = "43180906929383000163550010000000261000010301";
    const event = (type: string, status: string) =>
      `<procEventoNFe versao="1.00"><evento><infEvento><chNFe>${key}</chNFe><tpEvento>${type}</tpEvento></infEvento></evento>` +
      `<retEvento><infEvento><cStat>${status}</cStat><nProt>1</nProt></infEvento></retEvento></procEventoNFe>`;
    const withEvent = (xml: string) => authorised().replace("</nfeProc>", `${xml}</nfeProc>`);
    expect(errorOf(readNfeXml(withEvent(event("110111", "135")), sandbox)).code).toBe("NFE_CANCELED");
    expect(errorOf(readNfeXml(withEvent(event("110112", "155")), sandbox)).code).toBe("NFE_CANCELED");
    expect(readNfeXml(withEvent(event("110110", "135")), sandbox).ok).toBe(true);
    expect(readNfeXml(withEvent(event("110111", "573")), sandbox).ok).toBe(true);
  });

  it("refuses an NF-e issued before the month the order was placed", () => {
    const error = errorOf(
      readNfeXml(fixtureBytes("authorized-homologation.xml"), {
        ...sandbox,
        orderPlacedAt: new Date("2018-10-02T12:00:00Z"),
      }),
    );
    expect(error.code).toBe("ACCESS_KEY_ISSUE_MONTH");
    expect(error.message).toContain("09/2018");
  });

  it("warns, in BRL and with both documents, when recipient and total differ from the order", () => {
    const result = readNfeXml(fixtureBytes("authorized-homologation.xml"), {
      ...sandbox,
      orderCustomerDocument: "529.982.247-25",
      orderTotalCents: 49990,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.warnings.map((w) => w.code)).toEqual(["RECIPIENT_MISMATCH", "TOTAL_MISMATCH"]);
    expect(result.warnings[0]?.message).toContain("CNPJ 58.716.523/0001-19");
    expect(result.warnings[0]?.message).toContain("CPF 529.982.247-25");
    expect(result.warnings[1]?.message).toContain("R$ 500,00");
    expect(result.warnings[1]?.message).toContain("R$ 499,90");
  });

  it("compares documents by digits and warns when the NF-e names no recipient", () => {
    const formatted = readNfeXml(fixtureBytes("authorized-homologation.xml"), {
      ...sandbox,
      orderCustomerDocument: "58.716.523/0001-19",
    });
    expect(formatted.ok && formatted.warnings).toEqual([]);
    const noRecipient = authorised().replace("<CNPJ>58716523000119</CNPJ>", "");
    const result = readNfeXml(noRecipient, sandbox);
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(["RECIPIENT_MISSING"]);
  });
});

describe("order references", () => {
  it("reads compra/xPed, each item's xPed and the additional-information text", () => {
    const text = readFileSync(new URL("authorized-homologation.xml", FIXTURES), "utf8")
      .replace("<vProd>500.00</vProd>", "<vProd>500.00</vProd><xPed>LAM-1234000001</xPed>")
      .replace(
        "</infNFe>",
        "<compra><xPed>PO-77</xPed></compra><infAdic><infCpl>Pedido MGZ-9 &amp; cia</infCpl></infAdic></infNFe>",
      );
    const read = readNfeXml(text, { sellerCnpj: "06929383000163", mode: "sandbox" });
    expect(read.ok && read.nfe.references).toEqual({
      purchaseOrders: ["PO-77", "LAM-1234000001"],
      additionalInfo: "Pedido MGZ-9 & cia",
    });
  });
});

describe("readNfeXml: namespace and layout version", () => {
  const authorised = () => fixtureText("authorized-homologation.xml");
  const NFE_NS = 'xmlns="http://www.portalfiscal.inf.br/nfe"';

  /** Every NF-e element under the prefix nfe:, the signature left in its own default namespace. */
  function prefixed(xml: string): string {
    const [before = "", rest = ""] = xml.split("<Signature ");
    const [signature = "", after = ""] = rest.split("</Signature>");
    const prefix = (part: string) => part.replace(/<(\/?)(?=[A-Za-z])/g, "<$1nfe:");
    return `${prefix(before).replace(NFE_NS, 'xmlns:nfe="http://www.portalfiscal.inf.br/nfe"')}<Signature ${signature}</Signature>${prefix(after)}`;
  }

  it("refuses a document with the NF-e namespace removed, naming the element", () => {
    const error = errorOf(readNfeXml(authorised().replace(` ${NFE_NS}`, ""), sandbox));
    expect(error.code).toBe("NFE_NAMESPACE");
    expect(error.message).toContain("<nfeProc> do XML está sem namespace");
    expect(error.message).toContain("http://www.portalfiscal.inf.br/nfe");
    expect(errorOf(readNfeXml(fixtureText("signed-no-protocol.xml").replace(` ${NFE_NS}`, ""), sandbox)).code).toBe(
      "NFE_NAMESPACE",
    );
  });

  it("refuses an envelope element in another namespace, saying which one was found", () => {
    const foreign = errorOf(readNfeXml(authorised().replace(NFE_NS, 'xmlns="http://example.com/nfe"'), sandbox));
    expect(foreign).toEqual({
      code: "NFE_NAMESPACE",
      message: expect.stringContaining('<nfeProc> do XML está no namespace "http://example.com/nfe"'),
    });
    const inner = authorised().replace("<NFe>", '<NFe xmlns="urn:outra">');
    expect(errorOf(readNfeXml(inner, sandbox)).message).toContain('<NFe> do XML está no namespace "urn:outra"');
    const undeclared = authorised().replace("<infNFe ", '<infNFe xmlns="" ');
    expect(errorOf(readNfeXml(undeclared, sandbox)).message).toContain("<infNFe> do XML está sem namespace");
    const protocol = authorised().replace("<protNFe ", '<protNFe xmlns="urn:x" ');
    expect(errorOf(readNfeXml(protocol, sandbox)).message).toContain("<protNFe>");
  });

  it("accepts the NF-e namespace bound to a prefix, and refuses a prefix bound elsewhere or not at all", () => {
    const xml = prefixed(authorised());
    expect(xml).toContain("<nfe:infNFe ");
    expect(xml).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
    expect(readNfeXml(xml, sandbox)).toEqual(readNfeXml(authorised(), sandbox));
    const elsewhere = xml.replace('xmlns:nfe="http://www.portalfiscal.inf.br/nfe"', 'xmlns:nfe="urn:x"');
    expect(errorOf(readNfeXml(elsewhere, sandbox)).message).toContain('<nfeProc> do XML está no namespace "urn:x"');
    const unbound = xml.replace(' xmlns:nfe="http://www.portalfiscal.inf.br/nfe"', "");
    expect(errorOf(readNfeXml(unbound, sandbox)).code).toBe("NFE_NAMESPACE");
  });

  it("refuses a layout other than 4.00, saying the version found and where", () => {
    const old = errorOf(readNfeXml(authorised().replace('versao="4.00">', 'versao="3.10">'), sandbox));
    expect(old.code).toBe("NFE_LAYOUT_VERSION");
    expect(old.message).toContain("leiaute 3.10 (atributo versao do <nfeProc>)");
    const inner = authorised().replace(
      '<infNFe Id="NFe43180906929383000163550010000000261000010301" versao="4.00">',
      '<infNFe Id="NFe43180906929383000163550010000000261000010301" versao="3.10">',
    );
    expect(errorOf(readNfeXml(inner, sandbox)).message).toContain("leiaute 3.10 (atributo versao do <infNFe>)");
    const missing = fixtureText("signed-no-protocol.xml").replace(' versao="4.00"', "");
    expect(errorOf(readNfeXml(missing, sandbox))).toEqual({
      code: "NFE_LAYOUT_VERSION",
      message: expect.stringContaining("não informa a versão do leiaute da NF-e (atributo versao do <infNFe>)"),
    });
  });

  it("tells an NFC-e by its model before its old layout", () => {
    const nfce = fixtureText("nfce-model-65.xml");
    expect(nfce).toContain('<nfeProc versao="3.10"');
    expect(errorOf(readNfeXml(nfce, sandbox)).code).toBe("ACCESS_KEY_MODEL");
  });
});

describe("readNfeXml: the key agrees with the document", () => {
  const authorised = () => fixtureText("authorized-homologation.xml");

  it.each([
    ["ide/cUF", "<cUF>43</cUF>", "<cUF>35</cUF>", "o código da UF é 43 (RS) na chave e 35 (SP) no campo ide/cUF"],
    [
      "ide/dhEmi",
      "<dhEmi>2018-09-25T00:00:00-03:00</dhEmi>",
      "<dhEmi>2018-10-01T00:00:00-03:00</dhEmi>",
      "o mês de emissão é 09/2018 na chave e 10/2018 no campo ide/dhEmi",
    ],
    ["ide/mod", "<mod>55</mod>", "<mod>65</mod>", "o modelo é 55 na chave e 65 no campo ide/mod"],
    ["ide/serie", "<serie>1</serie>", "<serie>2</serie>", "a série é 1 na chave e 2 no campo ide/serie"],
    ["ide/nNF", "<nNF>26</nNF>", "<nNF>27</nNF>", "o número é 26 na chave e 27 no campo ide/nNF"],
    [
      "ide/tpEmis",
      "<tpEmis>1</tpEmis>",
      "<tpEmis>9</tpEmis>",
      "o tipo de emissão é 1 na chave e 9 no campo ide/tpEmis",
    ],
    [
      "ide/cNF",
      "<cNF>00001030</cNF>",
      "<cNF>00001031</cNF>",
      "o código numérico é 00001030 na chave e 00001031 no campo ide/cNF",
    ],
    ["ide/cDV", "<cDV>1</cDV>", "<cDV>2</cDV>", "o dígito verificador é 1 na chave e 2 no campo ide/cDV"],
  ])("refuses %s disagreeing with the key, saying what each says", (_field, from, to, says) => {
    const error = errorOf(readNfeXml(authorised().replace(from, to), sandbox));
    expect(error.code).toBe("NFE_KEY_MISMATCH");
    expect(error.message).toContain(says);
    expect(error.message).toContain("Baixe de novo o XML autorizado");
  });

  it("reads serie, nNF and cNF by value, as emitters write them with or without leading zeros", () => {
    const padded = authorised()
      .replace("<serie>1</serie>", "<serie>001</serie>")
      .replace("<nNF>26</nNF>", "<nNF>000000026</nNF>")
      .replace("<cNF>00001030</cNF>", "<cNF>1030</cNF>");
    expect(readNfeXml(padded, sandbox).ok).toBe(true);
  });

  it("refuses an NFC-e behind a model-55 key", () => {
    const nfceKey = "41170410422724000187650010000000071000012588";
    const first43 = `${nfceKey.slice(0, 20)}55${nfceKey.slice(22, 43)}`;
    const forged = fixtureText("nfce-model-65.xml")
      .split(nfceKey)
      .join(first43 + accessKeyCheckDigit(first43))
      .replaceAll('versao="3.10"', 'versao="4.00"');
    const error = errorOf(readNfeXml(forged, { sellerCnpj: "10422724000187", mode: "production" }));
    expect(error.code).toBe("NFE_KEY_MISMATCH");
    expect(error.message).toContain("o modelo é 55 na chave e 65 no campo ide/mod");
  });

  it("refuses an incoming note (tpNF 0) even from the seller", () => {
    const error = errorOf(readNfeXml(authorised().replace("<tpNF>1</tpNF>", "<tpNF>0</tpNF>"), sandbox));
    expect(error.code).toBe("NFE_NOT_OUTGOING");
    expect(error.message).toContain("nota de entrada (tpNF 0)");
    expect(errorOf(readNfeXml(authorised().replace("<tpNF>1</tpNF>", "<tpNF>2</tpNF>"), sandbox)).code).toBe("NOT_NFE");
  });
});

describe("readNfeXml: NUL bytes", () => {
  it("refuses a NUL byte before parsing, and a UTF-16 file that is full of them", () => {
    const withNul = fixtureText("authorized-homologation.xml").replace("<natOp>", "<natOp>\u0000");
    const error = errorOf(readNfeXml(Buffer.from(withNul, "utf8"), sandbox));
    expect(error.code).toBe("XML_NUL_BYTE");
    expect(error.message).toContain("caracteres nulos");
    const utf16 = Buffer.from(`\uFEFF${fixtureText("authorized-homologation.xml")}`, "utf16le");
    expect(errorOf(readNfeXml(utf16, sandbox))).toEqual({
      code: "XML_NUL_BYTE",
      message: expect.stringContaining("UTF-16"),
    });
  });
});
