// What the seller does to preview rows before confirming: point a note at an order, accept a note that differs from
// its order, or drop it.
import {
  findImportRow,
  type InvoiceImportRow,
  importRowXml,
  ordersByCodes,
  ordersByIds,
  updateImportRow,
} from "../../../db/queries/invoice-imports";
import { DomainError, orderNotFound } from "../errors";
import { readNfeXml } from "../invoice/nfe-xml";
import { type InvoiceContext, sellerCnpj } from "../orders/commands/invoice";
import { comparableCode } from "../orders/order-code";
import { invoiceFileName } from "./add-files";
import type { ImportFile } from "./check";
import { confirmationFor, rowDifference } from "./differences";
import { openImport } from "./state";
import { verdictForOrder } from "./verdict";

function openRow(ctx: InvoiceContext, importId: number, rowId: number): InvoiceImportRow {
  openImport(ctx, importId);
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
  const found = ordersByCodes(ctx.db, ctx.accountId, [comparableCode(choice.orderCode.trim())]);
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
  // The note is read before the transaction: parsing is the slow part, and no write lock waits on it.
  const before = openRow(ctx, importId, rowId);
  const xml = importRowXml(ctx.db, ctx.accountId, before.id);
  if (!xml) {
    throw new DomainError("INVALID_INPUT", "Esta linha não tem uma nota que possa faturar um pedido.", "orderId");
  }
  const read = readNfeXml(xml, { sellerCnpj: sellerCnpj(ctx), mode: ctx.nfeMode, now: ctx.now ?? new Date() });
  const file: ImportFile = { fileName: invoiceFileName(before.fileName), xml, ...(read.ok ? { nfe: read.nfe } : {}) };
  ctx.db.transaction(
    () => {
      const row = openRow(ctx, importId, rowId);
      const order = chosenOrder(ctx, choice);
      const verdict = verdictForOrder(
        ctx,
        file,
        order,
        "seller",
        // The list stays, so the seller can change their mind among the same candidates.
        row.candidateOrderIds,
      );
      updateImportRow(ctx.db, ctx.accountId, row.id, {
        ...verdict,
        // The seller accepted a difference with one order, not with whichever the note points at next.
        confirmedDifference: null,
        dropped: false,
        resultOk: null,
        resultMessage: null,
        appliedAt: null,
      });
    },
    { behavior: "immediate" },
  );
}

/**
 * The seller's word that this note invoices `orderId` although recipient or total differ: the order they saw beside
 * the note, so a row re-pointed meanwhile (another tab) is not confirmed blindly.
 */
export function confirmRowDifference(ctx: InvoiceContext, importId: number, rowId: number, orderId: number): void {
  ctx.db.transaction(
    () => {
      const row = openRow(ctx, importId, rowId);
      const [order] = row.orderId === orderId ? ordersByIds(ctx.db, ctx.accountId, [orderId]) : [];
      if (!order) {
        throw new DomainError(
          "STATUS_CONFLICT",
          "Esta nota agora aponta para outro pedido. Confira a diferença de novo antes de confirmar.",
        );
      }
      if (row.verdict !== "matched" || !rowDifference(row, order)) {
        throw new DomainError("INVALID_INPUT", "Esta nota não tem diferença com o pedido a confirmar.");
      }
      updateImportRow(ctx.db, ctx.accountId, row.id, { confirmedDifference: confirmationFor(order) });
    },
    { behavior: "immediate" },
  );
}

export function setRowDropped(ctx: InvoiceContext, importId: number, rowId: number, dropped: boolean): void {
  const row = openRow(ctx, importId, rowId);
  updateImportRow(ctx.db, ctx.accountId, row.id, { dropped });
}
