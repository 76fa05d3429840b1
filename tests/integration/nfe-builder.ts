// NF-e XMLs for bulk-upload tests: the real homologation fixture with its key, recipient, total and order
// references rewritten, so each test order can have its own note. The reader does not check signatures, and the
// hub must behave on these exactly as on a note fresh from the emitter.
import { fixture, HOMOLOGATION_KEY } from "./flow-helpers";

export interface NfeShape {
  key: string;
  recipient?: { cnpj: string } | { cpf: string };
  totalCents?: number;
  purchaseOrder?: string;
  additionalInfo?: string;
}

const FIXTURE_RECIPIENT = "<CNPJ>58716523000119</CNPJ>";

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`"${from}" not in the fixture`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function buildNfe(shape: NfeShape): Buffer {
  let text = fixture("authorized-homologation.xml").toString("utf8").split(HOMOLOGATION_KEY).join(shape.key);
  if (shape.recipient) {
    const doc =
      "cnpj" in shape.recipient ? `<CNPJ>${shape.recipient.cnpj}</CNPJ>` : `<CPF>${shape.recipient.cpf}</CPF>`;
    text = replaceOnce(text, FIXTURE_RECIPIENT, doc);
  }
  if (shape.totalCents !== undefined) {
    text = replaceOnce(text, "<vNF>500.00</vNF>", `<vNF>${(shape.totalCents / 100).toFixed(2)}</vNF>`);
  }
  if (shape.purchaseOrder) {
    text = replaceOnce(text, "<vProd>500.00</vProd>", `<vProd>500.00</vProd><xPed>${shape.purchaseOrder}</xPed>`);
  }
  if (shape.additionalInfo) {
    text = replaceOnce(text, "</infNFe>", `<infAdic><infCpl>${shape.additionalInfo}</infCpl></infAdic></infNFe>`);
  }
  return Buffer.from(text, "utf8");
}
