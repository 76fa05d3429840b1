import { and, eq, inArray } from "drizzle-orm";
import { orders } from "../../../../db/schema";
import { asDomainError } from "../../storage-errors";
import type { SellerCommandContext } from "./context";
import { markDelivered } from "./deliver";

export interface BulkRowResult {
  orderId: number;
  marketplaceCode: string | null;
  ok: boolean;
  message: string;
}

/**
 * "Entregue" for a selection from the board: each order goes through the same markDelivered as the single
 * dialog, so the flow and the channel rules decide, and every row says what happened and why.
 */
export function markDeliveredInBulk(
  ctx: SellerCommandContext,
  input: { orderIds: number[]; deliveredOn: string },
): BulkRowResult[] {
  const found = ctx.db
    .select({ id: orders.id, version: orders.version, code: orders.marketplaceCode })
    .from(orders)
    .where(and(eq(orders.accountId, ctx.accountId), inArray(orders.id, input.orderIds)))
    .all();
  return input.orderIds.map((orderId) => {
    const order = found.find((o) => o.id === orderId);
    if (!order) return { orderId, marketplaceCode: null, ok: false, message: "Pedido não encontrado nesta conta." };
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
