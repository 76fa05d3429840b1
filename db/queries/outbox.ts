import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ChannelId } from "../../server/domain/channels/channels";
import { NOT_GONE_OUT, ON_ITS_WAY, QUEUED, UNSETTLED } from "../../server/domain/replication/outbox-states";
import { type Db, engineOf, type Tx } from "../client";
import { driverValues, placeholders, preparedOnce } from "../prepared";
import { channelConnections, invoices, orders, outbox, sellerAccounts, shipments } from "../schema";
import { unindexed } from "./dialect";
import { insertTimelineEntry } from "./timeline";

/**
 * Leases up to `limit` due updates to one worker. Only the oldest unsettled update of each order is due, so
 * the marketplace sees an order's updates in the order they were made; a `sent` row whose lease expired
 * (its worker died) is due again and goes out with the same idempotency key. Updates of a connection taken for
 * down are left where they are (no attempt spent) until it answers again.
 */
export function claimDueUpdates(db: Db, owner: string, now: Date, leaseMs: number, limit: number) {
  const older = alias(outbox, "older");
  return db.transaction(
    (tx) => {
      const dueQuery = tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            inArray(outbox.state, [...ON_ITS_WAY]),
            lte(outbox.nextAttemptAt, now),
            or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now)),
            notExists(
              tx
                .select({ id: older.id })
                .from(older)
                .where(
                  and(eq(older.orderId, outbox.orderId), lt(older.id, outbox.id), inArray(older.state, [...UNSETTLED])),
                ),
            ),
            notExists(
              tx
                .select({ id: channelConnections.id })
                .from(channelConnections)
                .where(
                  and(
                    eq(channelConnections.accountId, outbox.accountId),
                    eq(channelConnections.channel, outbox.channel),
                    isNotNull(channelConnections.unreachableSince),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(limit);
      // SQLite's immediate transaction already keeps other workers out until this one commits. PostgreSQL lets
      // them in: each locks the rows it takes and passes over those another holds, so no update is taken twice,
      // and an order's later update is not due while its older one is unsettled, whoever holds that one.
      const due =
        engineOf(db) === "postgres"
          ? tx.all<{ id: number }>(sql`${dueQuery.getSQL()} for update of ${outbox} skip locked`)
          : dueQuery.all();
      if (due.length === 0) return [];
      return tx
        .update(outbox)
        .set({
          state: "sent",
          leaseOwner: owner,
          leaseUntil: new Date(now.getTime() + leaseMs),
          attempts: sql`${outbox.attempts} + 1`,
          updatedAt: now,
        })
        .where(
          inArray(
            outbox.id,
            due.map((d) => d.id),
          ),
        )
        .returning()
        .all();
    },
    { behavior: "immediate" },
  );
}

export type ClaimedUpdate = ReturnType<typeof claimDueUpdates>[number];

/**
 * Keeps the updates a claim still holds (in flight, or waiting for a marketplace's pace or for the rest of their
 * batch) leased until `until`, so that only a worker that stopped loses them. Returns how many it still holds.
 */
export function extendLeases(db: Db, owner: string, until: Date): number {
  return db
    .update(outbox)
    .set({ leaseUntil: until })
    .where(and(eq(outbox.leaseOwner, owner), eq(outbox.state, "sent")))
    .run().changes;
}

/** What the adapter needs to address the update: the order's code and the seller's CNPJ. */
export function updateContext(db: Db, update: ClaimedUpdate) {
  const statement = preparedOnce(db, "outbox.updateContext", () =>
    db
      .select({
        code: orders.marketplaceCode,
        logisticsMode: orders.logisticsMode,
        handledManuallyAt: orders.handledManuallyAt,
        cnpj: sellerAccounts.cnpj,
      })
      .from(orders)
      .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
      .where(and(eq(orders.id, sql.placeholder("orderId")), eq(orders.accountId, sql.placeholder("accountId"))))
      .prepare(),
  );
  return statement.get({ orderId: update.orderId, accountId: update.accountId });
}

/** The NF-e file and the latest shipment, which some channels need in the invoice request itself. */
export function invoiceAttachments(db: Db, update: ClaimedUpdate) {
  const invoice = db
    .select({ xml: invoices.xml })
    .from(invoices)
    .where(and(eq(invoices.orderId, update.orderId), eq(invoices.accountId, update.accountId)))
    .orderBy(desc(invoices.id))
    .get();
  const shipment = db
    .select({
      carrier: shipments.carrier,
      trackingCode: shipments.trackingCode,
      method: shipments.method,
      url: shipments.trackingUrl,
      handedAt: shipments.handedAt,
    })
    .from(shipments)
    .where(and(eq(shipments.orderId, update.orderId), eq(shipments.accountId, update.accountId)))
    .orderBy(desc(shipments.id))
    .get();
  return { xml: invoice?.xml ?? null, shipment: shipment ?? null };
}

export type Settlement =
  | { state: "acknowledged"; response: Record<string, unknown>; summary: string }
  | { state: "rejected"; reason: string; summary: string }
  | { state: "retrying"; error: string; nextAttemptAt: Date; summary: string }
  /** Not sent: the channel's own request limit asked to wait. Not an attempt, and not written in the timeline. */
  | { state: "deferred"; error: string; nextAttemptAt: Date };

export interface SettlementItem {
  update: ClaimedUpdate;
  result: Settlement;
  actorName: string;
}

/**
 * Records the marketplace's answers for a batch in one transaction, each only if this worker still holds
 * its lease (another may have taken the row over after a stall), with the attempt in the order's timeline.
 * Returns how many were recorded.
 */
export function settleUpdates(
  db: Db,
  owner: string,
  items: SettlementItem[],
  now: Date,
  afterEach?: (db: Db, item: SettlementItem) => void,
): number {
  if (items.length === 0) return 0;
  const settle = preparedOnce(db, "outbox.settle", () =>
    db
      .update(outbox)
      .set({
        leaseOwner: null,
        leaseUntil: null,
        ...placeholders(["state", "updatedAt", "nextAttemptAt", "lastError", "marketplaceResponse", "attempts"]),
      })
      .where(
        and(
          eq(outbox.id, sql.placeholder("id")),
          eq(outbox.leaseOwner, sql.placeholder("owner")),
          eq(outbox.state, "sent"),
        ),
      )
      .returning({ id: outbox.id })
      .prepare(),
  );
  return db.transaction(
    () => {
      let recorded = 0;
      for (const { update, result, actorName } of items) {
        const updated = settle.get(
          driverValues(outbox, {
            id: update.id,
            owner,
            state: result.state === "deferred" ? "retrying" : result.state,
            updatedAt: now,
            nextAttemptAt: "nextAttemptAt" in result ? result.nextAttemptAt : null,
            lastError: result.state === "rejected" ? result.reason : "error" in result ? result.error : null,
            marketplaceResponse: result.state === "acknowledged" ? result.response : null,
            // The claim counted an attempt; a deferral made none.
            attempts: result.state === "deferred" ? update.attempts - 1 : update.attempts,
          }),
        );
        if (!updated) continue;
        recorded++;
        if (result.state === "deferred") continue;
        insertTimelineEntry(db, {
          orderId: update.orderId,
          accountId: update.accountId,
          at: now,
          actorType: "channel",
          actorUserId: null,
          actorName,
          kind: `replication.${result.state}`,
          fromStatus: null,
          toStatus: null,
          summary: result.summary,
          data: { outboxId: update.id, kind: update.kind, attempt: update.attempts },
        });
        // What an answer means for the order is the domain's to say; it is written with the answer.
        afterEach?.(db, { update, result, actorName });
      }
      return recorded;
    },
    { behavior: "immediate" },
  );
}

/** Updates of an order that were set aside with `reason` before update `beforeId` and are still set aside. */
export function setAsideUpdates(db: Db, orderId: number, accountId: number, beforeId: number, reason: string) {
  return db
    .select({ id: outbox.id, kind: outbox.kind })
    .from(outbox)
    .where(
      and(
        eq(outbox.orderId, orderId),
        eq(outbox.accountId, accountId),
        lt(outbox.id, beforeId),
        eq(outbox.state, "discarded"),
        eq(outbox.lastError, reason),
      ),
    )
    .orderBy(asc(outbox.id))
    .all();
}

export function releaseHeldUpdates(db: Db | Tx, accountId: number, orderId: number, now: Date): void {
  db.update(outbox)
    .set({ state: "pending", nextAttemptAt: now, updatedAt: now })
    .where(and(eq(outbox.orderId, orderId), eq(outbox.accountId, accountId), eq(outbox.state, "held")))
    .run();
}

/** Puts set-aside updates back in the queue, in `state` and due at `nextAttemptAt`. */
export function reinstateUpdates(
  db: Db,
  ids: number[],
  back: { state: "held" | "pending"; nextAttemptAt: Date | null },
  now: Date,
): void {
  if (ids.length === 0) return;
  db.update(outbox)
    .set({ state: back.state, lastError: null, nextAttemptAt: back.nextAttemptAt, updatedAt: now })
    .where(inArray(outbox.id, ids))
    .run();
}

/**
 * A connection's whole backlog due at once, for when its marketplace answers again: what waited on back-off goes
 * now, in the claim's order (oldest first, an order's updates one after another). Returns how many came due.
 */
export function makeBacklogDue(db: Db, accountId: number, channel: ChannelId, now: Date): number {
  return db
    .update(outbox)
    .set({ nextAttemptAt: now })
    .where(
      and(
        eq(outbox.accountId, accountId),
        inArray(outbox.state, [...QUEUED]),
        eq(outbox.channel, channel),
        gt(outbox.nextAttemptAt, now),
      ),
    )
    .run().changes;
}

/** Every update of the listed orders of one account, with when it last changed state (a board page: ≤ 100 orders). */
export function updateMomentsOf(db: Db, accountId: number, orderIds: readonly number[]) {
  if (orderIds.length === 0) return [];
  return (
    db
      .select({
        orderId: outbox.orderId,
        id: outbox.id,
        kind: outbox.kind,
        state: outbox.state,
        updatedAt: outbox.updatedAt,
        lastError: outbox.lastError,
      })
      .from(outbox)
      // Unary plus: the account's state index would read all its updates; the page's order ids are the short way.
      .where(and(inArray(outbox.orderId, [...orderIds]), sql`${unindexed(db, outbox.accountId)} = ${accountId}`))
      .all()
      .map(({ updatedAt, ...row }) => ({ ...row, at: updatedAt.getTime() }))
  );
}

/**
 * A rejected update goes out again under a new idempotency key (the marketplace remembers its answer to the old one);
 * undefined when the update is not the order's, or no longer rejected.
 */
export function requeueRejectedUpdate(
  db: Db,
  ref: { accountId: number; orderId: number; updateId: number },
  idempotencyKey: string,
  now: Date,
) {
  return db
    .update(outbox)
    .set({ state: "pending", idempotencyKey, attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now })
    .where(
      and(
        eq(outbox.id, ref.updateId),
        eq(outbox.orderId, ref.orderId),
        eq(outbox.accountId, ref.accountId),
        eq(outbox.state, "rejected"),
      ),
    )
    .returning({ kind: outbox.kind })
    .get();
}

/** New updates of one order, in the order they were made. */
export function insertUpdates(db: Db | Tx, rows: (typeof outbox.$inferInsert)[]): void {
  for (const row of rows) db.insert(outbox).values(row).run();
}

/** Marks the order's updates that have not gone out as never to be sent, with the reason. */
export function discardUpdatesNotGoneOut(db: Db | Tx, order: { id: number; accountId: number }, reason: string) {
  db.update(outbox)
    .set({ state: "discarded", lastError: reason, nextAttemptAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(outbox.orderId, order.id),
        eq(outbox.accountId, order.accountId),
        inArray(outbox.state, [...NOT_GONE_OUT]),
      ),
    )
    .run();
}
