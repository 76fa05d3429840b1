import { DomainError } from "../errors";
import { type InvoiceContext, invoiceOrder } from "../orders/commands/invoice";

export type RowCheck = { ok: true; warnings: string[] } | { ok: false; message: string };

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
  file: { fileName: string; xml: Uint8Array },
  mode: "dry-run" | "apply",
): RowCheck {
  const run = () => {
    const result = invoiceOrder(ctx, {
      orderId: order.id,
      version: order.version,
      invoice: { method: "xml", fileName: file.fileName, xml: file.xml },
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
    if (error instanceof DomainError) return { ok: false, message: error.message };
    throw error;
  }
}
