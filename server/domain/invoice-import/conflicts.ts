import type { InvoiceImportRow } from "../../../db/queries/invoice-imports";

export const CONFLICT_MESSAGE =
  "Outra nota deste envio aponta para o mesmo pedido. Escolha outro pedido para uma delas ou descarte uma.";

/** Rows still to apply that point at the same order as another such row: neither goes until the seller decides. */
export function conflictingRowIds(rows: InvoiceImportRow[]): Set<number> {
  const byOrder = new Map<number, number[]>();
  for (const row of rows) {
    if (row.dropped || row.resultOk !== null || row.verdict !== "matched" || row.orderId === null) continue;
    byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row.id]);
  }
  return new Set([...byOrder.values()].filter((ids) => ids.length > 1).flat());
}
