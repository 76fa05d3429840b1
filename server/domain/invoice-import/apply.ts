import {
  findInvoiceImport,
  type InvoiceImportRow,
  importRowsOf,
  importRowXml,
  ordersByIds,
  updateImportRow,
} from "../../../db/queries/invoice-imports";
import type { InvoiceContext } from "../orders/commands/invoice";
import { importNotFound, invoiceFileName } from "./add-files";
import { invoiceWithFile, type RowCheck } from "./check";
import { CONFLICT_MESSAGE, conflictingRowIds } from "./conflicts";

export function readyToApply(row: Pick<InvoiceImportRow, "dropped" | "resultOk" | "verdict" | "orderId" | "hasXml">) {
  return !row.dropped && row.resultOk === null && row.verdict === "matched" && row.hasXml && row.orderId !== null;
}

export type AppliedRow = { rowId: number; ok: boolean; message: string };

function applyRow(ctx: InvoiceContext, row: InvoiceImportRow): RowCheck {
  const [order] = ordersByIds(ctx.db, ctx.accountId, row.orderId === null ? [] : [row.orderId]);
  const xml = importRowXml(ctx.db, ctx.accountId, row.id);
  if (!order || !xml) return { ok: false, message: "O pedido não existe mais nesta conta." };
  return invoiceWithFile(ctx, order, { fileName: invoiceFileName(row.fileName), xml }, "apply");
}

/**
 * Applies the previewed matches among `rowIds` (the client sends a few at a time to show progress). Only rows the
 * preview marked as matched and the seller kept are applied; each goes through the single invoice's domain function
 * and keeps its own result, so one refusal never undoes the others. The invoice and the row's result are written in
 * one transaction: a crash cannot leave an invoiced order with a row that says otherwise.
 */
export function applyImportRows(ctx: InvoiceContext, importId: number, rowIds: number[]): AppliedRow[] {
  if (!findInvoiceImport(ctx.db, ctx.accountId, importId)) throw importNotFound();
  const rows = importRowsOf(ctx.db, ctx.accountId, importId);
  const conflicts = conflictingRowIds(rows);
  const wanted = new Set(rowIds);
  const now = ctx.now ?? new Date();
  const done: AppliedRow[] = [];
  for (const row of rows) {
    if (!wanted.has(row.id) || !readyToApply(row)) continue;
    // Not a result: the row waits, untouched, for the seller to decide which note invoices the order.
    if (conflicts.has(row.id)) {
      done.push({ rowId: row.id, ok: false, message: CONFLICT_MESSAGE });
      continue;
    }
    const outcome = ctx.db.transaction(
      () => {
        const result = applyRow(ctx, row);
        const message = result.ok ? ["Pedido faturado.", ...result.warnings].join(" ") : result.message;
        updateImportRow(ctx.db, ctx.accountId, row.id, {
          resultOk: result.ok,
          resultMessage: message,
          appliedAt: now,
          // The invoice now holds the file byte for byte; a second copy would only grow the database.
          ...(result.ok ? { xml: null } : {}),
        });
        return { rowId: row.id, ok: result.ok, message };
      },
      { behavior: "immediate" },
    );
    done.push(outcome);
  }
  return done;
}
