import { ordersWithCode } from "../../../../db/queries/order-rows";
import { DomainError } from "../../errors";
import { readTrackingCsv } from "../../shipping/tracking-csv";
import { asDomainError } from "../../storage-errors";
import { comparableCode } from "../order-code";
import type { SellerCommandContext } from "./context";
import { shipOrder } from "./ship";

export interface TrackingImportRow {
  line: number;
  orderCode: string;
  orderId: number | null;
  ok: boolean;
  message: string;
  field: string | null;
}

class DryRun extends Error {}

/**
 * Ships orders from a spreadsheet through the same `shipOrder` as the single form: same checks, same timeline,
 * same outbox. A dry run applies each row inside a transaction that is then rolled back, so its verdict is
 * exactly what applying would do; applying keeps each row's own result (partial success).
 */
export function importTracking(ctx: SellerCommandContext, input: { csv: string; apply: boolean }): TrackingImportRow[] {
  const read = readTrackingCsv(input.csv);
  if (!read.ok) throw new DomainError("INVALID_INPUT", read.message, "csv");
  // An order ships once: a second row for it would pass a dry run (each row is rolled back) and fail when
  // applied. Only a row that passes claims its order, so a corrected row below a refused one is still checked.
  const firstLineOf = new Map<number, number>();
  return read.rows.map((row) => {
    const base = { line: row.line, orderCode: row.orderCode, orderId: null, field: null };
    const matches = ordersWithCode(ctx.db, ctx.accountId, comparableCode(row.orderCode));
    const [order] = matches;
    if (!order)
      return {
        ...base,
        ok: false,
        message: "Pedido não encontrado nesta conta. Confira o número.",
        field: "orderCode",
      };
    if (matches.length > 1) {
      return {
        ...base,
        ok: false,
        message: "Há mais de um pedido com este número (em canais diferentes); informe-o pela página do pedido.",
        field: "orderCode",
      };
    }
    const earlier = firstLineOf.get(order.id);
    if (earlier !== undefined) {
      return {
        ...base,
        orderId: order.id,
        ok: false,
        message: `Este pedido já está na linha ${earlier} da planilha; deixe só uma linha para ele.`,
        field: "orderCode",
      };
    }
    const passed = (message: string): TrackingImportRow => {
      firstLineOf.set(order.id, row.line);
      return { ...base, orderId: order.id, ok: true, message };
    };
    const ship = () => shipOrder(ctx, { orderId: order.id, version: order.version, tracking: row.tracking });
    try {
      if (input.apply) {
        ship();
      } else {
        // Immediate: a deferred dry run that reads first could meet the worker's commit when it writes.
        ctx.db.transaction(
          () => {
            ship();
            throw new DryRun();
          },
          { behavior: "immediate" },
        );
      }
      return passed("Envio registrado.");
    } catch (error) {
      if (error instanceof DryRun) return passed("Pronto para registrar.");
      // A full disk is told on the row it stopped, beside the rows already written.
      const known = asDomainError(error);
      if (known) return { ...base, orderId: order.id, ok: false, message: known.message, field: known.field ?? null };
      throw error;
    }
  });
}
