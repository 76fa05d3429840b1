import { and, count, countDistinct, eq, gte, inArray, isNotNull, isNull, lt, lte, type SQL } from "drizzle-orm";
import { saoPauloDayEnd, saoPauloDayStart } from "../../server/domain/time";
import type { Db } from "../client";
import { channelConnections, divergences, orders, outbox } from "../schema";

export interface DashboardPeriod {
  from?: string;
  to?: string;
}

function placedWithin(period: DashboardPeriod): SQL[] {
  const conditions: SQL[] = [];
  if (period.from) conditions.push(gte(orders.placedAt, saoPauloDayStart(period.from)));
  if (period.to) conditions.push(lt(orders.placedAt, saoPauloDayEnd(period.to)));
  return conditions;
}

/** Orders per status and channel, each figure served by the (account, channel, status, placed_at) index. */
export function countsByStatusAndChannel(db: Db, accountId: number, period: DashboardPeriod) {
  return db
    .select({ status: orders.status, channel: orders.channel, n: count() })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), ...placedWithin(period)))
    .groupBy(orders.channel, orders.status)
    .all();
}

export const AGE_BUCKETS_HOURS = [24, 48] as const;

/** Where orders wait: in a stage for longer than each bucket, and shipped orders past their estimate. */
export function waitingOrders(db: Db, accountId: number, period: DashboardPeriod, now: Date) {
  const stage = (status: "APPROVED" | "INVOICED" | "SHIPPED", hours: number) =>
    db
      .select({ n: count() })
      .from(orders)
      .where(
        and(
          eq(orders.accountId, accountId),
          eq(orders.status, status),
          lte(orders.statusChangedAt, new Date(now.getTime() - hours * 3_600_000)),
          ...placedWithin(period),
        ),
      )
      .get()?.n ?? 0;
  const late =
    db
      .select({ n: count() })
      .from(orders)
      .where(
        and(
          eq(orders.accountId, accountId),
          eq(orders.status, "SHIPPED"),
          lt(orders.estimatedDeliveryAt, now),
          ...placedWithin(period),
        ),
      )
      .get()?.n ?? 0;
  return {
    approvedWithoutInvoice: AGE_BUCKETS_HOURS.map((hours) => ({ hours, n: stage("APPROVED", hours) })),
    invoicedWithoutShipment: AGE_BUCKETS_HOURS.map((hours) => ({ hours, n: stage("INVOICED", hours) })),
    shippedPastEstimate: late,
  };
}

/**
 * Updates not yet acknowledged, in flight (`sent`) included, per channel and state, counted as distinct orders so the
 * board link matches.
 */
export function replicationHealth(db: Db, accountId: number) {
  return db
    .select({ channel: outbox.channel, state: outbox.state, n: countDistinct(outbox.orderId) })
    .from(outbox)
    .where(
      and(eq(outbox.accountId, accountId), inArray(outbox.state, ["held", "pending", "sent", "retrying", "rejected"])),
    )
    .groupBy(outbox.channel, outbox.state)
    .all();
}

/** The account's connections taken for down, since when, and how many updates wait for their marketplace. */
export function connectionOutages(db: Db, accountId: number) {
  return db
    .select({
      channel: channelConnections.channel,
      since: channelConnections.unreachableSince,
      waiting: count(outbox.id),
    })
    .from(channelConnections)
    .leftJoin(
      outbox,
      and(
        eq(outbox.accountId, channelConnections.accountId),
        eq(outbox.channel, channelConnections.channel),
        inArray(outbox.state, ["pending", "sent", "retrying"]),
      ),
    )
    .where(and(eq(channelConnections.accountId, accountId), isNotNull(channelConnections.unreachableSince)))
    .groupBy(channelConnections.id)
    .orderBy(channelConnections.channel)
    .all()
    .flatMap((row) => (row.since ? [{ ...row, since: row.since }] : []));
}

export function openDivergencesByKind(db: Db, accountId: number) {
  return db
    .select({ kind: divergences.kind, n: countDistinct(divergences.orderId) })
    .from(divergences)
    .where(and(eq(divergences.accountId, accountId), isNull(divergences.resolvedAt)))
    .groupBy(divergences.kind)
    .all();
}
