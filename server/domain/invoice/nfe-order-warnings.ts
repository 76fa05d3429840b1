// Differences between an acceptable NF-e and its order. They do not block invoicing (a marketplace may have
// adjusted the total, or the buyer asked for the note in a company's name), but the seller should look twice.
import { documentKind, formatDocument, normalizeDocument } from "@/server/domain/documents/index";
import { formatBrl } from "../money";
import type { NfeFields } from "./nfe-fields";

export type NfeXmlWarningCode = "RECIPIENT_MISMATCH" | "RECIPIENT_MISSING" | "TOTAL_MISMATCH";
export type NfeXmlWarning = { code: NfeXmlWarningCode; message: string };

function describeDocument(document: string): string {
  const kind = documentKind(document);
  return kind ? `${kind} ${formatDocument(document)}` : `documento ${document}`;
}

export function orderWarnings(
  fields: Pick<NfeFields, "recipientDocument" | "totalCents">,
  order: { customerDocument?: string; totalCents?: number },
): NfeXmlWarning[] {
  const warnings: NfeXmlWarning[] = [];
  const customer = order.customerDocument;
  if (customer !== undefined && customer.trim() !== "") {
    if (fields.recipientDocument === null) {
      warnings.push({
        code: "RECIPIENT_MISSING",
        message: `A NF-e não informa o CPF/CNPJ do destinatário, e o cliente do pedido é ${describeDocument(customer)}. Confira se é a nota deste pedido.`,
      });
    } else if (normalizeDocument(fields.recipientDocument) !== normalizeDocument(customer)) {
      warnings.push({
        code: "RECIPIENT_MISMATCH",
        message: `O destinatário da NF-e (${describeDocument(fields.recipientDocument)}) não é o cliente do pedido (${describeDocument(customer)}). Confira se é a nota deste pedido.`,
      });
    }
  }
  if (order.totalCents !== undefined && order.totalCents !== fields.totalCents) {
    warnings.push({
      code: "TOTAL_MISMATCH",
      message: `O valor total da NF-e (${formatBrl(fields.totalCents)}) é diferente do total do pedido (${formatBrl(order.totalCents)}). Confira se é a nota deste pedido e se frete e descontos entraram na nota.`,
    });
  }
  return warnings;
}
