import {
  findInvoiceImport,
  type InvoiceImportRow,
  importRowsOf,
  ordersByIds,
  updateImportRow,
} from "../../../db/queries/invoice-imports";
import type { InvoiceContext } from "../orders/commands/invoice";
import { importNotFound, invoiceFileName } from "./add-files";
import { invoiceWithFile } from "./check";
import { CONFLICT_MESSAGE, conflictingRowIds } from "./conflicts";

function ready(row: InvoiceImportRow): row is InvoiceImportRow & { xml: Buffer; orderId: number } {
  return !row.dropped && !row.resultOk && row.verdict === "matched" && row.xml !== null && row.orderId !== null;
}

/**
 * Applies the previewed matches among `rowIds` (the client sends a few at a time to show progress). Only rows the
 * preview marked as matched and the seller kept are applied; each goes through the single invoice's domain function
 * and keeps its own result, so one refusal never undoes the others.
 */
export function applyImportRows(ctx: InvoiceContext, importId: number, rowIds: number[]): InvoiceImportRow[] {
  if (!findInvoiceImport(ctx.db, ctx.accountId, importId)) throw importNotFound();
  const rows = importRowsOf(ctx.db, ctx.accountId, importId);
  const conflicts = conflictingRowIds(rows);
  const wanted = new Set(rowIds);
  const now = ctx.now ?? new Date();
  const done: InvoiceImportRow[] = [];
  for (const row of rows) {
    if (!wanted.has(row.id) || !ready(row)) continue;
    const [order] = ordersByIds(ctx.db, ctx.accountId, [row.orderId]);
    const outcome = conflicts.has(row.id)
      ? { ok: false as const, message: CONFLICT_MESSAGE }
      : order
        ? invoiceWithFile(ctx, order, { fileName: invoiceFileName(row.fileName), xml: row.xml }, "apply")
        : { ok: false as const, message: "O pedido não existe mais nesta conta." };
    const patch = outcome.ok
      ? {
          resultOk: true,
          resultMessage: outcome.warnings.length
            ? `Pedido faturado. ${outcome.warnings.join(" ")}`
            : "Pedido faturado.",
          appliedAt: now,
          // The invoice now holds the file byte for byte; a second copy would only grow the database.
          xml: null,
        }
      : { resultOk: false, resultMessage: outcome.message, appliedAt: now };
    updateImportRow(ctx.db, ctx.accountId, row.id, patch);
    done.push({ ...row, ...patch });
  }
  return done;
}
