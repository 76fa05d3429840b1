import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client";
import { divergences, orders, outbox, timelineEntries } from "../../../db/schema";
import { queueForErp } from "../erp/queue";
import { DomainError } from "../errors";
import { type ActorRef, discardUnsent } from "../orders/commands/apply";
import { deadlineColumns } from "../orders/deadlines";
import { isOrderStatus, STATUS_LABELS } from "../orders/status";
import { UPDATE_KIND_LABELS } from "../replication/labels";
import { FREE_TEXT, readFreeText } from "../text/free-text";

export interface SupportContext {
  db: Db;
  actor: ActorRef;
  now?: Date;
}

function openDivergence(tx: Tx, id: number) {
  const divergence = tx
    .select()
    .from(divergences)
    .where(and(eq(divergences.id, id), isNull(divergences.resolvedAt)))
    .get();
  if (!divergence) {
    throw new DomainError("STATUS_CONFLICT", "Esta divergência já foi resolvida (ou não existe). Atualize a fila.");
  }
  const order = tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, divergence.orderId), eq(orders.accountId, divergence.accountId)))
    .get();
  if (!order) throw new DomainError("ORDER_NOT_FOUND", "O pedido desta divergência não foi encontrado.");
  return { divergence, order };
}

function record(
  tx: Tx,
  ctx: SupportContext,
  order: { id: number; accountId: number },
  kind: string,
  summary: string,
  data?: Record<string, unknown>,
) {
  tx.insert(timelineEntries)
    .values({
      orderId: order.id,
      accountId: order.accountId,
      at: ctx.now ?? new Date(),
      actorType: ctx.actor.type,
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.name,
      kind,
      fromStatus: null,
      toStatus: null,
      summary,
      data: data ?? null,
    })
    .run();
}

/** Closes every open divergence of the order: one action settles what was found about it. */
function closeAll(tx: Tx, ctx: SupportContext, orderId: number, resolution: string, note: string | null) {
  tx.update(divergences)
    .set({ resolvedAt: ctx.now ?? new Date(), resolvedByUserId: ctx.actor.userId, resolution, note })
    .where(and(eq(divergences.orderId, orderId), isNull(divergences.resolvedAt)))
    .run();
}

/** Sends the hub's latest update for the order again, under a new idempotency key. */
export function resendHubState(ctx: SupportContext, divergenceId: number): void {
  const now = ctx.now ?? new Date();
  ctx.db.transaction(
    (tx) => {
      const { order } = openDivergence(tx, divergenceId);
      if (order.handledManuallyAt)
        throw new DomainError(
          "TRANSITION_NOT_ALLOWED",
          "O pedido é tratado manualmente: o Fluxo não envia mais atualizações dele.",
        );
      // The refused update if there is one (it is replaced, not repeated beside), else the latest one sent.
      const rejected = tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.orderId, order.id), eq(outbox.accountId, order.accountId), eq(outbox.state, "rejected")))
        .orderBy(desc(outbox.id))
        .get();
      const last =
        rejected ??
        tx
          .select()
          .from(outbox)
          .where(
            and(eq(outbox.orderId, order.id), eq(outbox.accountId, order.accountId), eq(outbox.state, "acknowledged")),
          )
          .orderBy(desc(outbox.id))
          .get();
      if (rejected) {
        tx.update(outbox).set({ state: "discarded", updatedAt: now }).where(eq(outbox.id, rejected.id)).run();
      }
      if (!last)
        throw new DomainError("TRANSITION_NOT_ALLOWED", "Não há atualização do Fluxo para reenviar neste pedido.");
      tx.insert(outbox)
        .values({
          orderId: order.id,
          accountId: order.accountId,
          channel: order.channel,
          kind: last.kind,
          payload: last.payload,
          state: "pending",
          idempotencyKey: randomUUID(),
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      closeAll(tx, ctx, order.id, "resent", null);
      record(
        tx,
        ctx,
        order,
        "divergence.resent",
        `Suporte reenviou ao marketplace o estado do Fluxo (${UPDATE_KIND_LABELS[last.kind] ?? last.kind})`,
      );
    },
    { behavior: "immediate" },
  );
}

/**
 * Takes the marketplace's state as the truth, as a marketplace-originated change: the order gets its status,
 * key and tracking code; updates of the hub still on their way are dropped, since they would undo it.
 */
export function acceptMarketplaceState(ctx: SupportContext, divergenceId: number): void {
  const now = ctx.now ?? new Date();
  ctx.db.transaction(
    (tx) => {
      const { divergence, order } = openDivergence(tx, divergenceId);
      const mp = divergence.marketplaceState as { status?: unknown; accessKey?: unknown; trackingCode?: unknown };
      if (!isOrderStatus(String(mp.status))) {
        throw new DomainError(
          "TRANSITION_NOT_ALLOWED",
          "O estado do marketplace não foi lido para este pedido: reenvie o estado do Fluxo ou resolva com uma observação.",
        );
      }
      const status = String(mp.status) as typeof order.status;
      const cancellationRequestedAt = status === "CANCELED" ? order.cancellationRequestedAt : null;
      const updated = tx
        .update(orders)
        .set({
          status,
          accessKey: typeof mp.accessKey === "string" ? mp.accessKey : order.accessKey,
          trackingCode: typeof mp.trackingCode === "string" ? mp.trackingCode : order.trackingCode,
          cancellationRequestedAt,
          version: sql`${orders.version} + 1`,
          statusChangedAt: now,
          ...deadlineColumns({ ...order, status, cancellationRequestedAt, statusChangedAt: now }),
          updatedAt: now,
        })
        .where(and(eq(orders.id, order.id), eq(orders.version, order.version), eq(orders.status, order.status)))
        .returning({ id: orders.id })
        .get();
      if (!updated)
        throw new DomainError(
          "VERSION_CONFLICT",
          "O pedido mudou enquanto você decidia. Atualize a fila e confira de novo.",
        );
      discardUnsent(tx, order.id, order.accountId, "Descartada: o suporte aceitou o estado do marketplace.");
      // The status is the marketplace's own, as if its update had been applied at intake.
      queueForErp(
        ctx.db,
        { accountId: order.accountId, orderId: order.id },
        { from: order.status, to: status, by: "marketplace" },
      );
      tx.insert(timelineEntries)
        .values({
          orderId: order.id,
          accountId: order.accountId,
          at: now,
          actorType: ctx.actor.type,
          actorUserId: ctx.actor.userId,
          actorName: ctx.actor.name,
          kind: "divergence.accepted_marketplace",
          fromStatus: order.status,
          toStatus: status,
          summary: `Suporte aceitou o estado do marketplace: ${STATUS_LABELS[order.status]} → ${STATUS_LABELS[status]}`,
          data: { marketplaceState: mp },
        })
        .run();
      closeAll(tx, ctx, order.id, "accepted_marketplace", null);
    },
    { behavior: "immediate" },
  );
}

/** From now on the hub stops replicating the order; following it to delivery is the seller's job (SPEC §5). */
export function markHandledManually(ctx: SupportContext, divergenceId: number, rawNote: string): void {
  const note = readFreeText(rawNote, FREE_TEXT.optionalSupportNote);
  const now = ctx.now ?? new Date();
  ctx.db.transaction(
    (tx) => {
      const { order } = openDivergence(tx, divergenceId);
      tx.update(orders)
        .set({ handledManuallyAt: now, version: sql`${orders.version} + 1`, updatedAt: now })
        .where(eq(orders.id, order.id))
        .run();
      discardUnsent(tx, order.id, order.accountId, "Não enviada: o pedido passou a ser tratado manualmente.");
      closeAll(tx, ctx, order.id, "handled_manually", note || null);
      record(
        tx,
        ctx,
        order,
        "order.handled_manually",
        `Pedido marcado como tratado manualmente: o Fluxo não o sincroniza mais e acompanhar a entrega é responsabilidade do vendedor.${note ? ` Observação: ${note}` : ""}`,
      );
    },
    { behavior: "immediate" },
  );
}

export function resolveWithNote(ctx: SupportContext, divergenceId: number, note: string): void {
  const text = readFreeText(note, FREE_TEXT.supportNote);
  ctx.db.transaction(
    (tx) => {
      const { divergence, order } = openDivergence(tx, divergenceId);
      tx.update(divergences)
        .set({
          resolvedAt: ctx.now ?? new Date(),
          resolvedByUserId: ctx.actor.userId,
          resolution: "resolved",
          note: text,
        })
        .where(eq(divergences.id, divergence.id))
        .run();
      record(
        tx,
        ctx,
        order,
        "divergence.resolved",
        `Suporte resolveu a divergência (${divergence.likelyCause}): ${text}`,
      );
    },
    { behavior: "immediate" },
  );
}
