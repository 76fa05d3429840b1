import type { Db } from "../../../../db/client";
import { CHANNEL_LABELS } from "../../channels/channels";
import { DomainError } from "../../errors";
import { STATUS_LABELS } from "../status";
import { findTransition, type MarketplaceAction } from "../transitions";
import { applyOrderChange, type ChangeResult, discardUnsent } from "./apply";

export interface MarketplaceUpdate {
  accountId: number;
  orderId: number;
  action: MarketplaceAction;
  /** When the marketplace says it happened. */
  at?: Date;
  data?: Record<string, unknown>;
  /** The marketplace's tracking code, for orders it ships itself. */
  trackingCode?: string | null;
}

const SUMMARIES: Record<MarketplaceAction, string> = {
  accept: "Pedido aceito no painel do marketplace",
  approvePayment: "Pagamento aprovado pelo marketplace",
  expirePayment: "Boleto vencido sem pagamento",
  cancel: "Cancelado pelo marketplace",
  markDelivered: "Entrega confirmada pelo marketplace",
  reportDeliveryProblem: "Problema de entrega informado pelo marketplace",
  ship: "Envio informado pelo marketplace",
};

/**
 * Status changes that come from the channel (payment approved, bank slip expired, canceled, delivered by
 * marketplace logistics) go through the same guarded write as the seller's, with the channel as actor.
 * Nothing is replicated back: the marketplace is the source. A change the table does not allow is refused,
 * for the ingestion to record and flag.
 */
export function applyMarketplaceUpdate(db: Db, update: MarketplaceUpdate): ChangeResult {
  return applyOrderChange(db, {
    accountId: update.accountId,
    orderId: update.orderId,
    expectedVersion: null,
    actor: (order) => ({ type: "channel", userId: null, name: CHANNEL_LABELS[order.channel] }),
    now: update.at,
    check: (order) => {
      if (!findTransition(order.status, "marketplace", update.action)) {
        throw new DomainError(
          "TRANSITION_NOT_ALLOWED",
          `${CHANNEL_LABELS[order.channel]} informou "${SUMMARIES[update.action]}", mas o pedido está em "${STATUS_LABELS[order.status]}": a mudança não foi aplicada.`,
        );
      }
    },
    to: (order) => findTransition(order.status, "marketplace", update.action)?.to ?? order.status,
    kind: `marketplace.${update.action}`,
    summary: (order) =>
      update.action === "cancel" && order.cancellationRequestedAt
        ? "Cancelamento confirmado pelo marketplace"
        : SUMMARIES[update.action],
    data: update.data,
    patch: (_order, now) => ({
      ...(update.action === "approvePayment" ? { approvedAt: now } : {}),
      ...(update.trackingCode ? { trackingCode: update.trackingCode } : {}),
      // Any other move of the marketplace answers a pending cancellation request: it was not accepted.
      ...(update.action !== "cancel" ? { cancellationRequestedAt: null } : {}),
    }),
    write: (tx, order) => {
      if (update.action === "cancel")
        discardUnsent(tx, order.id, order.accountId, "Descartada: o marketplace cancelou o pedido.");
    },
  });
}
