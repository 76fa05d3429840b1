import { hubOnlyStockNotice } from "../../channels/rules";
import { FREE_TEXT, readFreeText } from "../../text/free-text";
import { applyOrderChange, type ChangeResult, discardUnsent } from "./apply";
import { ensureSellerMay, type OrderRef, type SellerCommandContext } from "./context";

export type ReasonInput = OrderRef & { reason: string };

/** Why updates not yet sent are set aside by a cancellation; a refused request puts them back by this mark. */
export const CANCELLATION_SET_ASIDE = "Descartada: o pedido foi cancelado antes do envio.";

export function markOutOfStock(ctx: SellerCommandContext, input: ReasonInput): ChangeResult {
  const reason = readFreeText(input.reason, FREE_TEXT.reason);
  return applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: input.orderId,
    expectedVersion: input.version,
    actor: ctx.actor,
    now: ctx.now,
    check: (order) => ensureSellerMay(order, "markOutOfStock"),
    to: () => "OUT_OF_STOCK",
    kind: "order.out_of_stock",
    summary: (order) => `Sem estoque: ${reason}. ${hubOnlyStockNotice(order.channel)}`,
    data: { reason },
  });
}

export function restockOrder(ctx: SellerCommandContext, input: OrderRef & { note?: string }): ChangeResult {
  const note = readFreeText(input.note ?? "", FREE_TEXT.restockNote) || null;
  return applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: input.orderId,
    expectedVersion: input.version,
    actor: ctx.actor,
    now: ctx.now,
    check: (order) => ensureSellerMay(order, "restock"),
    to: () => "APPROVED",
    kind: "order.restocked",
    summary: note ? `Produto de volta ao estoque: ${note}` : "Produto de volta ao estoque",
    data: note ? { note } : undefined,
  });
}

/**
 * Before invoicing the seller cancels outright; after invoicing it is a request the marketplace must
 * confirm (SPEC §2), so the status stays until the channel answers.
 */
export function cancelOrder(ctx: SellerCommandContext, input: ReasonInput): ChangeResult & { requested: boolean } {
  const reason = readFreeText(input.reason, FREE_TEXT.reason);
  let requested = false;
  const result = applyOrderChange(ctx.db, {
    accountId: ctx.accountId,
    orderId: input.orderId,
    expectedVersion: input.version,
    actor: ctx.actor,
    now: ctx.now,
    check: (order) => {
      ensureSellerMay(order, "cancel");
      requested = order.status === "INVOICED";
    },
    to: (order) => (order.status === "INVOICED" ? "INVOICED" : "CANCELED"),
    kind: (order) => (order.status === "INVOICED" ? "order.cancellation_requested" : "order.canceled"),
    summary: (order) =>
      order.status === "INVOICED"
        ? `Cancelamento solicitado ao marketplace: ${reason}`
        : `Cancelado pelo vendedor: ${reason}`,
    data: { reason },
    patch: (order, now) =>
      order.status === "INVOICED"
        ? { cancellationRequestedAt: now, cancellationReason: reason }
        : { cancellationReason: reason },
    outbox: (tx, order) => {
      // Whatever had not left yet (a held invoice, above all) is moot once the order is being canceled; left
      // in place it would block the cancel behind it.
      discardUnsent(tx, order.id, order.accountId, CANCELLATION_SET_ASIDE);
      return [{ kind: "cancel", state: "pending", payload: { reason } }];
    },
  });
  return { ...result, requested };
}
