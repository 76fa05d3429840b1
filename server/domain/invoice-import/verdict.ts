// The preview's verdict for one readable note, given the orders it may belong to.
import { type ImportOrderSummary, RECIPIENT_CANDIDATES_LIMIT } from "../../../db/queries/invoice-imports";
import type { InvoiceContext } from "../orders/commands/invoice";
import { type ImportFile, invoiceWithFile } from "./check";
import type { InvoiceImportVerdict, InvoiceMatchSource } from "./kinds";

export type Verdict = {
  verdict: InvoiceImportVerdict;
  reason: string;
  matchedBy: InvoiceMatchSource | null;
  orderId: number | null;
  candidateOrderIds: number[];
  warnings: string[];
};

const MATCH_REASON: Record<InvoiceMatchSource, string> = {
  reference: "O número do pedido está na nota (xPed ou informações adicionais).",
  recipient: "Mesmo destinatário e mesmo valor, em pedido feito até 30 dias antes da emissão.",
  seller: "Pedido escolhido por você.",
};

/** One candidate: checked exactly as a single upload would be. */
export function verdictForOrder(
  ctx: InvoiceContext,
  file: ImportFile,
  order: ImportOrderSummary,
  by: InvoiceMatchSource,
  candidateOrderIds: number[],
): Verdict {
  const check = invoiceWithFile(ctx, order, file, "dry-run");
  return check.ok
    ? {
        verdict: "matched",
        reason: MATCH_REASON[by],
        matchedBy: by,
        orderId: order.id,
        candidateOrderIds,
        warnings: check.warnings,
      }
    : {
        verdict: "invalid",
        reason: `Pedido ${order.marketplaceCode}: ${check.message}`,
        matchedBy: by,
        orderId: order.id,
        candidateOrderIds,
        warnings: [],
      };
}

export function verdictForMatch(
  ctx: InvoiceContext,
  file: ImportFile,
  match: { by: "reference" | "recipient" | null; orders: ImportOrderSummary[] },
): Verdict {
  const ids = match.orders.map((o) => o.id);
  const [only] = match.orders;
  if (match.by && only && match.orders.length === 1) return verdictForOrder(ctx, file, only, match.by, ids);
  if (match.by === "reference") {
    const codes = [...new Set(match.orders.map((o) => o.marketplaceCode))];
    return {
      verdict: "ambiguous",
      reason:
        codes.length === 1
          ? `O pedido ${codes[0]} citado na nota existe em mais de um canal. Escolha o pedido certo.`
          : `A nota cita mais de um pedido desta conta (${codes.join(", ")}). Escolha o pedido certo.`,
      matchedBy: null,
      orderId: null,
      candidateOrderIds: ids,
      warnings: [],
    };
  }
  if (match.by === "recipient") {
    return {
      verdict: "ambiguous",
      reason: `${match.orders.length >= RECIPIENT_CANDIDATES_LIMIT ? `${RECIPIENT_CANDIDATES_LIMIT} ou mais` : match.orders.length} pedidos aguardando nota têm este destinatário e este valor. Escolha o pedido certo (os mais próximos da data da nota vêm primeiro) ou informe o número.`,
      matchedBy: null,
      orderId: null,
      candidateOrderIds: ids,
      warnings: [],
    };
  }
  return {
    verdict: "no_match",
    reason:
      "A nota não cita o número de nenhum pedido desta conta, nem há pedido aguardando nota com este destinatário e este valor. Informe o pedido ou descarte a linha.",
    matchedBy: null,
    orderId: null,
    candidateOrderIds: [],
    warnings: [],
  };
}
