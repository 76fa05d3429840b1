import { FREE_TEXT, readFreeText } from "../../text/free-text";
import { applyOrderChange, type ChangeResult } from "./apply";
import { ensureSellerMay, type OrderRef, type SellerCommandContext } from "./context";
import type { ReasonInput } from "./stock-and-cancel";

/**
 * AWAITING_ACCEPTANCE → NEW: the seller takes the order, and the marketplace goes on to charge the customer
 * (Mirakl's OR21 with every line accepted). Only channels whose rule requires acceptance have orders here.
 */
export function acceptOrder(ctx: SellerCommandContext, input: OrderRef): ChangeResult {
  return applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: input.orderId,
    expectedVersion: input.version,
    actor: ctx.actor,
    now: ctx.now,
    check: (order) => ensureSellerMay(order, "accept"),
    to: () => "NEW",
    kind: "order.accepted",
    summary: "Pedido aceito pelo vendedor",
    outbox: () => [{ kind: "accept", state: "pending", payload: {} }],
  });
}

/** AWAITING_ACCEPTANCE → CANCELED: the seller refuses the whole order (OR21 with every line refused). */
export function refuseOrder(ctx: SellerCommandContext, input: ReasonInput): ChangeResult {
  const reason = readFreeText(input.reason, FREE_TEXT.reason);
  return applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: input.orderId,
    expectedVersion: input.version,
    actor: ctx.actor,
    now: ctx.now,
    check: (order) => ensureSellerMay(order, "refuse"),
    to: () => "CANCELED",
    kind: "order.refused",
    summary: `Pedido recusado pelo vendedor: ${reason}`,
    data: { reason },
    patch: () => ({ cancellationReason: reason }),
    outbox: () => [{ kind: "refuse", state: "pending", payload: { reason } }],
  });
}
