// What the seller does to preview rows before confirming: point a note at an order, or drop it.
import {
  findImportRow,
  findInvoiceImport,
  type InvoiceImportRow,
  importRowXml,
  ordersByCodes,
  ordersByIds,
  updateImportRow,
} from "../../../db/queries/invoice-imports";
import { DomainError, orderNotFound } from "../errors";
import type { InvoiceContext } from "../orders/commands/invoice";
import { importNotFound, invoiceFileName } from "./add-files";
import { verdictForOrder } from "./verdict";

function openRow(ctx: InvoiceContext, importId: number, rowId: number): InvoiceImportRow {
  if (!findInvoiceImport(ctx.db, ctx.accountId, importId)) throw importNotFound();
  const row = findImportRow(ctx.db, ctx.accountId, importId, rowId);
  if (!row) throw new DomainError("IMPORT_NOT_FOUND", "Linha não encontrada neste envio de notas.");
  if (row.resultOk) throw new DomainError("STATUS_CONFLICT", "Esta nota já foi aplicada ao pedido; não muda mais.");
  return row;
}

export type OrderChoice = { orderId: number } | { orderCode: string };

function chosenOrder(ctx: InvoiceContext, choice: OrderChoice) {
  if ("orderId" in choice) {
    const [order] = ordersByIds(ctx.db, ctx.accountId, [choice.orderId]);
    if (!order) throw orderNotFound();
    return order;
  }
  const found = ordersByCodes(ctx.db, ctx.accountId, [choice.orderCode.trim()]);
  const [order] = found;
  if (!order) throw orderNotFound();
  if (found.length > 1) {
    throw new DomainError(
      "INVALID_INPUT",
      "Há mais de um pedido com este número (em canais diferentes). Escolha-o na lista de candidatos.",
      "orderCode",
    );
  }
  return order;
}

/** The seller's choice is checked exactly like a match the hub found: a dry run of the single invoice. */
export function chooseOrderForRow(ctx: InvoiceContext, importId: number, rowId: number, choice: OrderChoice): void {
  ctx.db.transaction(
    () => {
      const row = openRow(ctx, importId, rowId);
      const xml = importRowXml(ctx.db, ctx.accountId, row.id);
      if (!xml) {
        throw new DomainError("INVALID_INPUT", "Esta linha não tem uma nota que possa faturar um pedido.", "orderId");
      }
      const order = chosenOrder(ctx, choice);
      const verdict = verdictForOrder(
        ctx,
        { fileName: invoiceFileName(row.fileName), xml },
        order,
        "seller",
        // The list stays, so the seller can change their mind among the same candidates.
        row.candidateOrderIds,
      );
      updateImportRow(ctx.db, ctx.accountId, row.id, {
        ...verdict,
        dropped: false,
        resultOk: null,
        resultMessage: null,
        appliedAt: null,
      });
    },
    { behavior: "immediate" },
  );
}

export function setRowDropped(ctx: InvoiceContext, importId: number, rowId: number, dropped: boolean): void {
  const row = openRow(ctx, importId, rowId);
  updateImportRow(ctx.db, ctx.accountId, row.id, { dropped });
}
