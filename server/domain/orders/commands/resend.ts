import { randomUUID } from "node:crypto";
import { getOrderRow } from "../../../../db/queries/order-rows";
import { requeueRejectedUpdate } from "../../../../db/queries/outbox";
import { insertTimelineEntry } from "../../../../db/queries/timeline";
import { DomainError, orderNotFound } from "../../errors";
import { UPDATE_KIND_LABELS } from "../../replication/labels";
import type { SellerCommandContext } from "./context";

/**
 * Sends a rejected update again once the seller fixed the cause (usually in the marketplace's panel, or the
 * marketplace was down for too long). It goes out under a new idempotency key: the marketplace remembers its
 * answer to the old one.
 */
export function resendUpdate(ctx: SellerCommandContext, input: { orderId: number; updateId: number }): void {
  const now = ctx.now ?? new Date();
  ctx.db.transaction(
    () => {
      const order = getOrderRow(ctx.db, ctx.accountId, input.orderId);
      if (!order) throw orderNotFound();
      if (order.handledManuallyAt) {
        throw new DomainError(
          "TRANSITION_NOT_ALLOWED",
          "Este pedido é tratado manualmente: o Fluxo não envia mais atualizações dele ao marketplace.",
        );
      }
      const ref = { accountId: ctx.accountId, orderId: order.id, updateId: input.updateId };
      const updated = requeueRejectedUpdate(ctx.db, ref, randomUUID(), now);
      if (!updated) {
        throw new DomainError(
          "STATUS_CONFLICT",
          "Só uma atualização recusada pelo marketplace pode ser reenviada. Recarregue o pedido.",
        );
      }
      insertTimelineEntry(ctx.db, {
        orderId: order.id,
        accountId: ctx.accountId,
        at: now,
        actorType: ctx.actor.type,
        actorUserId: ctx.actor.userId,
        actorName: ctx.actor.name,
        kind: "replication.resend",
        fromStatus: null,
        toStatus: null,
        summary: `${UPDATE_KIND_LABELS[updated.kind] ?? updated.kind}: reenvio ao marketplace solicitado`,
        data: { outboxId: input.updateId },
      });
    },
    { behavior: "immediate" },
  );
}
