// The writes behind support's answers to a divergence (server/domain/divergences/actions.ts decides which).
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { OutboxState } from "../../server/domain/replication/outbox-states";
import type { Db } from "../client";
import { divergences, orders, outbox } from "../schema";

type OrderRow = typeof orders.$inferSelect;

export interface Resolution {
  resolvedAt: Date;
  resolvedByUserId: string | null;
  resolution: string;
  note: string | null;
}

/** Closes every open divergence of the order. */
export function closeOrderDivergences(db: Db, orderId: number, resolution: Resolution): void {
  db.update(divergences)
    .set(resolution)
    .where(and(eq(divergences.orderId, orderId), isNull(divergences.resolvedAt)))
    .run();
}

export function closeDivergence(db: Db, id: number, resolution: Resolution): void {
  db.update(divergences).set(resolution).where(eq(divergences.id, id)).run();
}

/** The order's newest update in a state. */
export function latestUpdateIn(db: Db, order: { id: number; accountId: number }, state: OutboxState) {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.orderId, order.id), eq(outbox.accountId, order.accountId), eq(outbox.state, state)))
    .orderBy(desc(outbox.id))
    .get();
}

export function discardUpdate(db: Db, id: number, now: Date): void {
  db.update(outbox).set({ state: "discarded", updatedAt: now }).where(eq(outbox.id, id)).run();
}

/** The same update once more, due now, under a new idempotency key. */
export function queueUpdateAgain(
  db: Db,
  order: Pick<OrderRow, "id" | "accountId" | "channel">,
  update: { kind: string; payload: Record<string, unknown> },
  idempotencyKey: string,
  now: Date,
): void {
  db.insert(outbox)
    .values({
      orderId: order.id,
      accountId: order.accountId,
      channel: order.channel,
      kind: update.kind,
      payload: update.payload,
      state: "pending",
      idempotencyKey,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .run();
}

/** Writes the order as the marketplace shows it, if no one changed it meanwhile; false when someone did. */
export function writeOrderIfUnchanged(
  db: Db,
  order: Pick<OrderRow, "id" | "version" | "status">,
  patch: Partial<Omit<OrderRow, "id" | "version">>,
): boolean {
  const updated = db
    .update(orders)
    .set({ ...patch, version: sql`${orders.version} + 1` })
    .where(and(eq(orders.id, order.id), eq(orders.version, order.version), eq(orders.status, order.status)))
    .returning({ id: orders.id })
    .get();
  return updated !== undefined;
}

export function markOrderHandledManually(db: Db, orderId: number, now: Date): void {
  db.update(orders)
    .set({ handledManuallyAt: now, version: sql`${orders.version} + 1`, updatedAt: now })
    .where(eq(orders.id, orderId))
    .run();
}
