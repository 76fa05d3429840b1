// What a bulk-upload row can be, and the words the preview table and the results file share for it.
export const INVOICE_IMPORT_VERDICTS = ["matched", "ambiguous", "no_match", "invalid"] as const;
export type InvoiceImportVerdict = (typeof INVOICE_IMPORT_VERDICTS)[number];

export const INVOICE_MATCH_SOURCES = ["reference", "recipient", "seller"] as const;
export type InvoiceMatchSource = (typeof INVOICE_MATCH_SOURCES)[number];

/** What the preview shows of a note that could be read, so the seller can tell which order it belongs to. */
export type ImportedNfeSummary = {
  accessKey: string;
  series: number;
  number: number;
  totalCents: number;
  issuedAt: string | null;
  recipientDocument: string | null;
  recipientName: string | null;
  purchaseOrders: string[];
  additionalInfo: string | null;
};

/**
 * The order's values the seller accepted a differing note against: the confirmation holds only while the row points
 * at that order and the order still has those values.
 */
export type ConfirmedDifference = { orderId: number; customerDocument: string; totalCents: number };

export const DIFFERENCE_TO_CONFIRM_LABEL = "Com diferença — confirme";

export const VERDICT_LABELS: Record<InvoiceImportVerdict, string> = {
  matched: "Pedido encontrado",
  ambiguous: "Ambígua",
  no_match: "Sem pedido",
  invalid: "Inválida",
};

export const MATCH_SOURCE_LABELS: Record<InvoiceMatchSource, string> = {
  reference: "número do pedido na nota",
  recipient: "destinatário, valor e data",
  seller: "escolhido por você",
};
