import { UPDATE_KIND_LABELS } from "./labels";

// Marketplaces explain a refusal with their own codes: the update kinds and payload fields of the sandbox's /v1,
// Mercado Livre's `error` codes, cancellation reasons. The seller reads pt-BR words; a code never stands alone.

/** Codes a marketplace sends, in the words the seller reads inside a sentence. */
export const MARKETPLACE_CODE_LABELS: Record<string, string> = {
  // The sandbox's /v1 names the update kinds the hub sends, by the hub's own names.
  ...Object.fromEntries(Object.entries(UPDATE_KIND_LABELS).map(([kind, label]) => [kind, label.toLowerCase()])),
  "payload.accessKey": "chave de acesso",
  "payload.xmlBase64": "XML da NF-e",
  "payload.shipment": "dados de envio",
  "payload.invoiceKey": "chave da nota fiscal",
  bad_request: "dados não aceitos pelo marketplace",
  not_found: "pedido não encontrado no marketplace",
  forbidden: "sem permissão para esta ação",
  unauthorized: "acesso não autorizado",
  invalid_invoice: "arquivo que não é uma NF-e",
  invalid_shipping_mode: "modo de envio que não aceita rastreio do vendedor",
  SELLER_OUT_OF_STOCK: "sem estoque",
  BUYER_CANCEL: "cancelado pelo comprador",
  PAYMENT_NOT_RECEIVED: "pagamento não recebido",
};

const CODE = /^[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+$|^[A-Z][A-Z0-9]+$/;
const PARENTHESISED = /\s*\(([A-Za-z][A-Za-z0-9._]*)\)/g;
const FIELD_PREFIX = /^(payload\.[A-Za-z]+):\s*/;
const QUOTED = /"([a-z_]+)"/g;

/** A text that is nothing but a code: what a marketplace sends when it explains nothing in words. */
export function isBareCode(text: string): boolean {
  return CODE.test(text.trim());
}

/**
 * A marketplace's reason with its codes turned into words: a code in brackets beside the words that already say it
 * goes, one that adds meaning is translated, a field path in front of the sentence goes, a quoted update kind is
 * named. Codes the table does not know stay where a sentence explains them.
 */
export function translateCodes(text: string): string {
  return text
    .replace(FIELD_PREFIX, "")
    .replace(PARENTHESISED, (whole, code: string) => {
      const label = MARKETPLACE_CODE_LABELS[code];
      if (!label) return whole;
      return text.toLowerCase().includes(label.toLowerCase()) ? "" : ` (${label})`;
    })
    .replace(QUOTED, (whole, code: string) => {
      const label = MARKETPLACE_CODE_LABELS[code];
      return label ? `“${label}”` : whole;
    });
}

/** The marketplace's answer to one update, as the order page says it. */
export function readableReason(reason: string | null): string {
  const text = reason?.trim() ?? "";
  if (text === "") return "O marketplace não disse o motivo; fale com o suporte do Fluxo antes de reenviar.";
  if (isBareCode(text)) {
    const label = MARKETPLACE_CODE_LABELS[text];
    return label
      ? `Motivo informado pelo marketplace: ${label}.`
      : `O marketplace respondeu só com um código que o Fluxo ainda não traduz (${text}); fale com o suporte do Fluxo antes de reenviar.`;
  }
  return translateCodes(text);
}
