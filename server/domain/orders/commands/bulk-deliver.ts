import { orderVersions } from "../../../../db/queries/order-rows";
import { shownOrderIds } from "../../../../db/queries/orders";
import { asDomainError } from "../../storage-errors";
import type { BoardFilters } from "../board-filters";
import { orderFilters } from "../board-query";
import type { SellerCommandContext } from "./context";
import { markDelivered } from "./deliver";

const NOT_SHOWN =
  "Este pedido não aparece com os filtros atuais do painel: nada foi feito nele; mostre-o e selecione-o de novo.";

export interface BulkRowResult {
  orderId: number;
  marketplaceCode: string | null;
  ok: boolean;
  message: string;
}

/**
 * "Entregue" for a selection from the board: each order goes through the same markDelivered as the single
 * dialog, so the flow and the channel rules decide, and every row says what happened and why. Only orders the
 * board shows under `filters` are acted on: a tick the seller can no longer see (left in another tab, or moved
 * out of this one since) is refused with the reason.
 */
export function markDeliveredInBulk(
  ctx: SellerCommandContext,
  input: { orderIds: number[]; filters: BoardFilters; deliveredOn: string },
): BulkRowResult[] {
  const found = orderVersions(ctx.db, ctx.accountId, input.orderIds);
  const shown = new Set(shownOrderIds(ctx.db, ctx.accountId, orderFilters(input.filters), input.orderIds));
  return input.orderIds.map((orderId) => {
    const order = found.find((o) => o.id === orderId);
    if (!order) return { orderId, marketplaceCode: null, ok: false, message: "Pedido não encontrado nesta conta." };
    if (!shown.has(orderId)) return { orderId, marketplaceCode: order.code, ok: false, message: NOT_SHOWN };
    try {
      markDelivered(ctx, { orderId, version: order.version, deliveredOn: input.deliveredOn });
      return { orderId, marketplaceCode: order.code, ok: true, message: "Marcado como entregue." };
    } catch (error) {
      // A full disk is told on the row it stopped, beside the rows already written.
      const known = asDomainError(error);
      if (known) return { orderId, marketplaceCode: order.code, ok: false, message: known.message };
      throw error;
    }
  });
}
