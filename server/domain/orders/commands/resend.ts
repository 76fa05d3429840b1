import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { orders, outbox, timelineEntries } from "../../../../db/schema";
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
    (tx) => {
      const order = tx
        .select({ id: orders.id, handledManuallyAt: orders.handledManuallyAt })
        .from(orders)
        .where(and(eq(orders.id, input.orderId), eq(orders.accountId, ctx.accountId)))
        .get();
      if (!order) throw orderNotFound();
      if (order.handledManuallyAt) {
        throw new DomainError(
          "TRANSITION_NOT_ALLOWED",
          "Este pedido é tratado manualmente: o Fluxo não envia mais atualizações dele ao marketplace.",
        );
      }
      const updated = tx
        .update(outbox)
        .set({
          state: "pending",
          idempotencyKey: randomUUID(),
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          updatedAt: now,
        })
        .where(
          and(
            eq(outbox.id, input.updateId),
            eq(outbox.orderId, order.id),
            eq(outbox.accountId, ctx.accountId),
            eq(outbox.state, "rejected"),
          ),
        )
        .returning({ kind: outbox.kind, previousError: outbox.lastError })
        .get();
      if (!updated) {
        throw new DomainError(
          "STATUS_CONFLICT",
          "Só uma atualização recusada pelo marketplace pode ser reenviada. Recarregue o pedido.",
        );
      }
      tx.insert(timelineEntries)
        .values({
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
        })
        .run();
    },
    { behavior: "immediate" },
  );
}
