import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import {
  closeDivergence,
  closeOrderDivergences,
  discardUpdate,
  latestUpdateIn,
  markOrderHandledManually,
  queueUpdateAgain,
  writeOrderIfUnchanged,
} from "../../../db/queries/divergence-actions";
import { getOpenDivergence } from "../../../db/queries/divergences";
import { getOrderRow } from "../../../db/queries/order-rows";
import { insertTimelineEntry } from "../../../db/queries/timeline";
import { queueForErp } from "../erp/queue";
import { DomainError } from "../errors";
import { type ActorRef, discardUnsent } from "../orders/commands/apply";
import { deadlineColumns } from "../orders/deadlines";
import { isOrderStatus, type OrderStatus, STATUS_LABELS } from "../orders/status";
import { UPDATE_KIND_LABELS } from "../replication/labels";
import { FREE_TEXT, readFreeText } from "../text/free-text";

export interface SupportContext {
  db: Db;
  actor: ActorRef;
  now?: Date;
}

function openDivergence(db: Db, id: number) {
  const divergence = getOpenDivergence(db, id);
  if (!divergence) {
    throw new DomainError("STATUS_CONFLICT", "Esta divergência já foi resolvida (ou não existe). Atualize a fila.");
  }
  const order = getOrderRow(db, divergence.accountId, divergence.orderId);
  if (!order) throw new DomainError("ORDER_NOT_FOUND", "O pedido desta divergência não foi encontrado.");
  return { divergence, order };
}

function record(
  ctx: SupportContext,
  order: { id: number; accountId: number },
  entry: { kind: string; summary: string; fromStatus?: OrderStatus; toStatus?: OrderStatus; data?: object },
) {
  insertTimelineEntry(ctx.db, {
    orderId: order.id,
    accountId: order.accountId,
    at: ctx.now ?? new Date(),
    actorType: ctx.actor.type,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.name,
    kind: entry.kind,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    summary: entry.summary,
    data: (entry.data as Record<string, unknown> | undefined) ?? null,
  });
}

const resolution = (ctx: SupportContext, kind: string, note: string | null) => ({
  resolvedAt: ctx.now ?? new Date(),
  resolvedByUserId: ctx.actor.userId,
  resolution: kind,
  note,
});

/** Closes every open divergence of the order: one action settles what was found about it. */
function closeAll(ctx: SupportContext, orderId: number, kind: string, note: string | null) {
  closeOrderDivergences(ctx.db, orderId, resolution(ctx, kind, note));
}

/** Sends the hub's latest update for the order again, under a new idempotency key. */
export function resendHubState(ctx: SupportContext, divergenceId: number): void {
  const now = ctx.now ?? new Date();
  ctx.db.transaction(
    () => {
      const { order } = openDivergence(ctx.db, divergenceId);
      if (order.handledManuallyAt)
        throw new DomainError(
          "TRANSITION_NOT_ALLOWED",
          "O pedido é tratado manualmente: o Fluxo não envia mais atualizações dele.",
        );
      // The refused update if there is one (it is replaced, not repeated beside), else the latest one sent.
      const rejected = latestUpdateIn(ctx.db, order, "rejected");
      const last = rejected ?? latestUpdateIn(ctx.db, order, "acknowledged");
      if (rejected) discardUpdate(ctx.db, rejected.id, now);
      if (!last)
        throw new DomainError("TRANSITION_NOT_ALLOWED", "Não há atualização do Fluxo para reenviar neste pedido.");
      queueUpdateAgain(ctx.db, order, last, randomUUID(), now);
      closeAll(ctx, order.id, "resent", null);
      record(ctx, order, {
        kind: "divergence.resent",
        summary: `Suporte reenviou ao marketplace o estado do Fluxo (${UPDATE_KIND_LABELS[last.kind] ?? last.kind})`,
      });
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
      const { divergence, order } = openDivergence(ctx.db, divergenceId);
      const mp = divergence.marketplaceState as { status?: unknown; accessKey?: unknown; trackingCode?: unknown };
      if (!isOrderStatus(String(mp.status))) {
        throw new DomainError(
          "TRANSITION_NOT_ALLOWED",
          "O estado do marketplace não foi lido para este pedido: reenvie o estado do Fluxo ou resolva com uma observação.",
        );
      }
      const status = String(mp.status) as typeof order.status;
      const cancellationRequestedAt = status === "CANCELED" ? order.cancellationRequestedAt : null;
      const updated = writeOrderIfUnchanged(ctx.db, order, {
        status,
        accessKey: typeof mp.accessKey === "string" ? mp.accessKey : order.accessKey,
        trackingCode: typeof mp.trackingCode === "string" ? mp.trackingCode : order.trackingCode,
        cancellationRequestedAt,
        statusChangedAt: now,
        ...deadlineColumns({ ...order, status, cancellationRequestedAt, statusChangedAt: now }),
        updatedAt: now,
      });
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
      record(ctx, order, {
        kind: "divergence.accepted_marketplace",
        fromStatus: order.status,
        toStatus: status,
        summary: `Suporte aceitou o estado do marketplace: ${STATUS_LABELS[order.status]} → ${STATUS_LABELS[status]}`,
        data: { marketplaceState: mp },
      });
      closeAll(ctx, order.id, "accepted_marketplace", null);
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
      const { order } = openDivergence(ctx.db, divergenceId);
      markOrderHandledManually(ctx.db, order.id, now);
      discardUnsent(tx, order.id, order.accountId, "Não enviada: o pedido passou a ser tratado manualmente.");
      closeAll(ctx, order.id, "handled_manually", note || null);
      record(ctx, order, {
        kind: "order.handled_manually",
        summary: `Pedido marcado como tratado manualmente: o Fluxo não o sincroniza mais e acompanhar a entrega é responsabilidade do vendedor.${note ? ` Observação: ${note}` : ""}`,
      });
    },
    { behavior: "immediate" },
  );
}

export function resolveWithNote(ctx: SupportContext, divergenceId: number, note: string): void {
  const text = readFreeText(note, FREE_TEXT.supportNote);
  ctx.db.transaction(
    () => {
      const { divergence, order } = openDivergence(ctx.db, divergenceId);
      closeDivergence(ctx.db, divergence.id, resolution(ctx, "resolved", text));
      record(ctx, order, {
        kind: "divergence.resolved",
        summary: `Suporte resolveu a divergência (${divergence.likelyCause}): ${text}`,
      });
    },
    { behavior: "immediate" },
  );
}
