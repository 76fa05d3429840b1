import type { NfeData } from "../invoice/nfe-xml";
import { type InvoiceContext, invoiceOrder } from "../orders/commands/invoice";
import { asDomainError } from "../storage-errors";

export type RowCheck = { ok: true; warnings: string[] } | { ok: false; message: string };

/** An uploaded note; `nfe` when it was already read (see InvoiceSubmission), so the transaction does not parse it. */
export type ImportFile = { fileName: string; xml: Uint8Array; nfe?: NfeData };

class DryRun extends Error {
  constructor(readonly warnings: string[]) {
    super("dry run");
  }
}

/**
 * Invoices the order with an uploaded file through the same domain function as the single form. A dry run does it
 * inside a transaction that is rolled back, so the preview's verdict is exactly what confirming will do.
 */
export function invoiceWithFile(
  ctx: InvoiceContext,
  order: { id: number; version: number },
  file: ImportFile,
  mode: "dry-run" | "apply",
): RowCheck {
  const run = () => {
    const result = invoiceOrder(ctx, {
      orderId: order.id,
      version: order.version,
      invoice: { method: "xml", fileName: file.fileName, xml: file.xml, nfe: file.nfe },
    });
    return [...result.warnings.map((w) => w.message), ...(result.heldNotice ? [result.heldNotice] : [])];
  };
  try {
    if (mode === "apply") return { ok: true, warnings: run() };
    // Immediate: a deferred dry run that reads first could meet the worker's commit when it writes.
    return ctx.db.transaction(
      () => {
        throw new DryRun(run());
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof DryRun) return { ok: true, warnings: error.warnings };
    // A full disk is told on the row it stopped, beside the rows already written.
    const known = asDomainError(error);
    if (known) return { ok: false, message: known.message };
    throw error;
  }
}
