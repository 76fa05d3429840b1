// The authorised NF-e a seller's emitter hands over for a demo order, as the hub reads it (server/domain/invoice):
// nfeProc 4.00 in the NF-e namespace, the key's nine fields repeated in ide and emit, the order's recipient, items,
// freight and total, the marketplace's order number in compra/xPed, and SEFAZ's authorisation (cStat 100). Issued in
// homologation (tpAmb 2), as the demo runs with FLUXO_NFE_MODE=sandbox: it has no fiscal value. Unsigned, like the
// test notes; kept to what the reader and a person opening the file look at, since the bench seeds a million orders.
import { ACCESS_KEY_FIELDS } from "../../server/domain/invoice/access-key";

export interface SeedNote {
  accessKey: string;
  /** ide/dhEmi as the emitter writes it, in São Paulo's offset; the key carries its year and month. */
  issuedAt: string;
  /** protNFe/infProt/dhRecbto, same form. */
  authorizedAt: string;
  emitter: { cnpj: string; name: string };
  recipient: { document: string; name: string };
  items: readonly { sku: string; name: string; quantity: number; unitPriceCents: number }[];
  shippingCents: number;
  totalCents: number;
  purchaseOrder: string;
}

const money = (cents: number) => (cents / 100).toFixed(2);

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const xmlText = (text: string) => text.replace(/[&<>]/g, (c) => ESCAPES[c] as string);

function keyPart(key: string, field: keyof typeof ACCESS_KEY_FIELDS): string {
  const [from, to] = ACCESS_KEY_FIELDS[field];
  return key.slice(from - 1, to);
}

export function renderNfeXml(note: SeedNote): string {
  const key = note.accessKey;
  const part = (field: keyof typeof ACCESS_KEY_FIELDS) => keyPart(key, field);
  const recipientTag = note.recipient.document.length === 14 ? "CNPJ" : "CPF";
  const items = note.items
    .map(
      (item, i) =>
        `<det nItem="${i + 1}"><prod><cProd>${xmlText(item.sku)}</cProd><xProd>${xmlText(item.name)}</xProd><qCom>${item.quantity}.0000</qCom><vUnCom>${money(item.unitPriceCents)}</vUnCom><vProd>${money(item.unitPriceCents * item.quantity)}</vProd></prod></det>`,
    )
    .join("");
  const productsCents = note.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
  return (
    `<?xml version="1.0" encoding="UTF-8"?><nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00">` +
    `<NFe xmlns="http://www.portalfiscal.inf.br/nfe"><infNFe Id="NFe${key}" versao="4.00">` +
    `<ide><cUF>${part("stateCode")}</cUF><cNF>${part("randomCode")}</cNF><natOp>Venda de mercadoria</natOp>` +
    `<mod>${part("model")}</mod><serie>${Number(part("series"))}</serie><nNF>${Number(part("number"))}</nNF>` +
    `<dhEmi>${note.issuedAt}</dhEmi><tpNF>1</tpNF><tpEmis>${part("emissionType")}</tpEmis>` +
    `<cDV>${part("checkDigit")}</cDV><tpAmb>2</tpAmb></ide>` +
    `<emit><CNPJ>${note.emitter.cnpj}</CNPJ><xNome>${xmlText(note.emitter.name)}</xNome></emit>` +
    `<dest><${recipientTag}>${note.recipient.document}</${recipientTag}><xNome>${xmlText(note.recipient.name)}</xNome></dest>` +
    `${items}<total><ICMSTot><vProd>${money(productsCents)}</vProd><vFrete>${money(note.shippingCents)}</vFrete>` +
    `<vNF>${money(note.totalCents)}</vNF></ICMSTot></total>` +
    `<compra><xPed>${xmlText(note.purchaseOrder)}</xPed></compra></infNFe></NFe>` +
    `<protNFe versao="4.00"><infProt><tpAmb>2</tpAmb><chNFe>${key}</chNFe><dhRecbto>${note.authorizedAt}</dhRecbto>` +
    `<nProt>2${key.slice(0, 2)}${key.slice(-12)}</nProt><cStat>100</cStat><xMotivo>Autorizado o uso da NF-e</xMotivo>` +
    `</infProt></protNFe></nfeProc>`
  );
}
