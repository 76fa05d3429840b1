import {
  findInvoiceImport,
  type ImportOrderSummary,
  type InvoiceImportRow,
  importRowsOf,
  importRowXml,
  ordersByIds,
  updateImportRow,
} from "../../../db/queries/invoice-imports";
import { readNfeXml } from "../invoice/nfe-xml";
import { type InvoiceContext, sellerCnpj } from "../orders/commands/invoice";
import { invoiceFileName } from "./add-files";
import { type ImportFile, invoiceWithFile, type RowCheck } from "./check";
import { CONFLICT_MESSAGE, conflictingRowIds } from "./conflicts";
import { rowDifference } from "./differences";
import { importNotFound } from "./state";

type ReadyRow = Pick<
  InvoiceImportRow,
  "dropped" | "resultOk" | "verdict" | "orderId" | "hasXml" | "nfe" | "confirmedDifference"
>;

/** `order` is the row's order as it is now: a difference the seller has not confirmed keeps the row waiting. */
export function readyToApply(row: ReadyRow, order: ImportOrderSummary | undefined) {
  return (
    !row.dropped &&
    row.resultOk === null &&
    row.verdict === "matched" &&
    row.hasXml &&
    row.orderId !== null &&
    rowDifference(row, order)?.confirmed !== false
  );
}

const DIFFERENCE_CONFIRMED = "Diferença com o pedido confirmada por você.";

export type AppliedRow = { rowId: number; ok: boolean; message: string };

/** The row's note, read before its transaction so the database waits for no XML parsing. */
function rowFile(ctx: InvoiceContext, row: InvoiceImportRow, cnpj: string, now: Date): ImportFile | null {
  const xml = importRowXml(ctx.db, ctx.accountId, row.id);
  if (!xml) return null;
  const read = readNfeXml(xml, { sellerCnpj: cnpj, mode: ctx.nfeMode, now });
  // A note that no longer reads is read again by invoiceOrder, which refuses it with the reason.
  return { fileName: invoiceFileName(row.fileName), xml, nfe: read.ok ? read.nfe : undefined };
}

function applyRow(ctx: InvoiceContext, row: InvoiceImportRow, file: ImportFile | null): RowCheck {
  const [order] = ordersByIds(ctx.db, ctx.accountId, row.orderId === null ? [] : [row.orderId]);
  if (!order || !file) return { ok: false, message: "O pedido não existe mais nesta conta." };
  return invoiceWithFile(ctx, order, file, "apply");
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
  const orderIds = rows.flatMap((r) => (wanted.has(r.id) && r.orderId !== null ? [r.orderId] : []));
  const orders = new Map(ordersByIds(ctx.db, ctx.accountId, orderIds).map((o) => [o.id, o]));
  const now = ctx.now ?? new Date();
  const cnpj = sellerCnpj(ctx);
  const done: AppliedRow[] = [];
  for (const row of rows) {
    const order = row.orderId === null ? undefined : orders.get(row.orderId);
    if (!wanted.has(row.id) || !readyToApply(row, order)) continue;
    // Not a result: the row waits, untouched, for the seller to decide which note invoices the order.
    if (conflicts.has(row.id)) {
      done.push({ rowId: row.id, ok: false, message: CONFLICT_MESSAGE });
      continue;
    }
    const file = rowFile(ctx, row, cnpj, now);
    const outcome = ctx.db.transaction(
      () => {
        const result = applyRow(ctx, row, file);
        const confirmed = rowDifference(row, order) ? [DIFFERENCE_CONFIRMED] : [];
        const message = result.ok ? ["Pedido faturado.", ...confirmed, ...result.warnings].join(" ") : result.message;
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
