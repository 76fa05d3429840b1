import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../../../../db/client";
import { isUniqueViolation } from "../../../../db/errors";
import { getOrderRow, writeOrderChange } from "../../../../db/queries/order-rows";
import { discardUpdatesNotGoneOut, insertUpdates } from "../../../../db/queries/outbox";
import { insertTimelineEntry } from "../../../../db/queries/timeline";
import type { orders } from "../../../../db/schema";
import { queueForErp } from "../../erp/queue";
import { DomainError, orderNotFound } from "../../errors";
import { deadlineColumns } from "../deadlines";
import type { OrderStatus } from "../status";

export type OrderRow = typeof orders.$inferSelect;
type OrderPatch = Partial<Omit<typeof orders.$inferInsert, "id" | "accountId" | "version" | "status">>;

export interface ActorRef {
  type: "user" | "channel" | "system";
  userId: string | null;
  name: string;
}

export interface OutboxDraft {
  kind: string;
  payload: Record<string, unknown>;
  /** `held` waits for the shipment (SPEC §4); `pending` goes out at once. */
  state: "held" | "pending";
}

export interface Warning {
  code: string;
  message: string;
}

export interface ChangeSpec {
  accountId: number;
  orderId: number;
  /** The version the form was loaded with; null for channel-originated changes, which have no form. */
  expectedVersion: number | null;
  /** A function when the actor depends on the order, as a channel does. */
  actor: ActorRef | ((order: OrderRow) => ActorRef);
  /** Refuses, by throwing, when the order as it is now does not allow the change. */
  check: (order: OrderRow) => void;
  /** The status after the change; the current one for changes that do not move the status. */
  to: (order: OrderRow) => OrderStatus;
  kind: string | ((order: OrderRow) => string);
  summary: string | ((order: OrderRow) => string);
  data?: Record<string, unknown>;
  patch?: (order: OrderRow, now: Date) => OrderPatch;
  /** Rows written in the same transaction (invoice, shipment), before the timeline entry. */
  write?: (tx: Tx, order: OrderRow, now: Date) => void;
  outbox?: (tx: Tx, order: OrderRow) => OutboxDraft[];
  now?: Date;
}

export interface ChangeResult {
  order: OrderRow;
  timelineEntryId: number;
}

/** Marks updates that have not gone out (held, pending, waiting to retry) as never to be sent. */
export function discardUnsent(tx: Tx, orderId: number, accountId: number, reason: string): void {
  discardUpdatesNotGoneOut(tx, { id: orderId, accountId }, reason);
}

export function staleVersion(): DomainError {
  return new DomainError(
    "VERSION_CONFLICT",
    "Este pedido mudou desde que você abriu o formulário (outra pessoa ou o marketplace o atualizou). Recarregue a página, confira o pedido e tente de novo.",
  );
}

/**
 * The one way an order changes: a guarded UPDATE (id, account, status, version), the timeline entry, the ERP
 * queue and the outbox rows in one immediate transaction. Zero rows updated means someone else got there first.
 */
export function applyOrderChange(db: Db, spec: ChangeSpec): ChangeResult {
  const now = spec.now ?? new Date();
  try {
    return db.transaction(
      (tx) => {
        const order = getOrderRow(db, spec.accountId, spec.orderId);
        if (!order) throw orderNotFound();
        if (spec.expectedVersion !== null && order.version !== spec.expectedVersion) throw staleVersion();
        spec.check(order);
        const to = spec.to(order);
        const patch = spec.patch?.(order, now) ?? {};
        const statusChangedAt = to !== order.status ? now : order.statusChangedAt;
        const updated = writeOrderChange(db, order, {
          ...patch,
          status: to,
          updatedAt: now,
          statusChangedAt,
          ...deadlineColumns({ ...order, ...patch, status: to, statusChangedAt }),
        });
        if (!updated) throw staleVersion();
        spec.write?.(tx, updated, now);
        const actor = typeof spec.actor === "function" ? spec.actor(order) : spec.actor;
        const kind = typeof spec.kind === "string" ? spec.kind : spec.kind(order);
        const summary = typeof spec.summary === "string" ? spec.summary : spec.summary(order);
        const timelineEntryId = insertTimelineEntry(db, {
          orderId: order.id,
          accountId: spec.accountId,
          at: now,
          actorType: actor.type,
          actorUserId: actor.userId,
          actorName: actor.name,
          kind,
          fromStatus: order.status,
          toStatus: to,
          summary,
          data: spec.data ?? null,
        });
        queueForErp(
          db,
          { accountId: spec.accountId, orderId: order.id },
          { from: order.status, to, by: actor.type === "channel" ? "marketplace" : "hub" },
        );
        // An order support marked as handled manually is no longer replicated (SPEC §5).
        const drafts = updated.handledManuallyAt ? [] : (spec.outbox?.(tx, updated) ?? []);
        insertUpdates(
          tx,
          drafts.map((draft) => ({
            orderId: order.id,
            accountId: spec.accountId,
            channel: order.channel,
            kind: draft.kind,
            payload: draft.payload,
            state: draft.state,
            idempotencyKey: randomUUID(),
            nextAttemptAt: draft.state === "pending" ? now : null,
            createdAt: now,
            updatedAt: now,
          })),
        );
        return { order: updated, timelineEntryId };
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error, "invoices", "access_key")) {
      throw new DomainError(
        "ACCESS_KEY_IN_USE",
        "Esta chave de acesso já foi usada em outro pedido. Confira se a nota é mesmo deste pedido.",
        "accessKey",
      );
    }
    throw error;
  }
}
