// SPEC §3: a note whose recipient or total differs from its matched order waits for the seller's word, row by row.
// The comparison is the single invoice's own (its warnings), so the two never disagree on what "differs" means.
import type { ImportOrderSummary, InvoiceImportRow } from "../../../db/queries/invoice-imports";
import { formatDocument } from "../documents/index";
import { type NfeXmlWarningCode, orderWarnings } from "../invoice/nfe-order-warnings";
import { formatBrl } from "../money";
import type { ConfirmedDifference } from "./kinds";

export const DIFFERENCE_FIELDS = ["recipient", "total"] as const;
export type DifferenceField = (typeof DIFFERENCE_FIELDS)[number];

const FIELD_OF: Record<NfeXmlWarningCode, DifferenceField> = {
  RECIPIENT_MISMATCH: "recipient",
  RECIPIENT_MISSING: "recipient",
  TOTAL_MISMATCH: "total",
};

const FIELD_LABELS: Record<DifferenceField, string> = { recipient: "Destinatário (CPF/CNPJ)", total: "Valor total" };

/** One value the note and its order disagree on, both as the seller reads them. */
export type NoteOrderDifference = {
  field: DifferenceField;
  label: string;
  order: string;
  note: string;
};

export type RowDifference = { items: NoteOrderDifference[]; confirmed: boolean };

type OrderValues = Pick<ImportOrderSummary, "id" | "customerDocument" | "totalCents">;

function sideBySide(field: DifferenceField, note: NonNullable<InvoiceImportRow["nfe"]>, order: OrderValues) {
  if (field === "total") return { order: formatBrl(order.totalCents), note: formatBrl(note.totalCents) };
  return {
    order: formatDocument(order.customerDocument),
    note: note.recipientDocument ? formatDocument(note.recipientDocument) : "não informado",
  };
}

/** Null when the note fits its order (or there is no pair to compare). */
export function rowDifference(
  row: Pick<InvoiceImportRow, "nfe" | "confirmedDifference">,
  order: OrderValues | undefined,
): RowDifference | null {
  if (!row.nfe || !order) return null;
  const nfe = row.nfe;
  const items = orderWarnings(nfe, order).map((w) => {
    const field = FIELD_OF[w.code];
    return { field, label: FIELD_LABELS[field], ...sideBySide(field, nfe, order) };
  });
  if (items.length === 0) return null;
  const confirmed = row.confirmedDifference;
  return {
    items,
    confirmed:
      confirmed?.orderId === order.id &&
      confirmed.customerDocument === order.customerDocument &&
      confirmed.totalCents === order.totalCents,
  };
}

export function confirmationFor(order: OrderValues): ConfirmedDifference {
  return { orderId: order.id, customerDocument: order.customerDocument, totalCents: order.totalCents };
}
