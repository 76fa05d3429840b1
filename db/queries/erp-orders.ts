import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { ChannelId } from "../../server/domain/channels/channels";
import type { OrderStatus } from "../../server/domain/orders/status";
import type { Db } from "../client";
import { orderCounts, orders } from "../schema";
import { type ComparableCode, codeIsOneOf } from "./order-codes";

/**
 * The account's order with this marketplace code, exactly as the marketplace spells it, of one channel if given;
 * `comparable` is the same code in the index's forms.
 */
export function erpOrderIdByCode(
  db: Db,
  accountId: number,
  code: string,
  comparable: ComparableCode,
  channel: ChannelId | null,
): number | null {
  const match = codeIsOneOf([comparable]);
  if (!match) return null;
  const rows = db
    .select({ id: orders.id, code: orders.marketplaceCode, channel: orders.channel })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), match))
    .all();
  return rows.find((row) => row.code === code && (channel === null || row.channel === channel))?.id ?? null;
}

/** One page of the account's orders, newest placed first, optionally of some statuses; the total from counters. */
export function erpOrdersPage(
  db: Db,
  accountId: number,
  statuses: OrderStatus[] | null,
  offset: number,
  limit: number,
) {
  const where = and(eq(orders.accountId, accountId), statuses ? inArray(orders.status, statuses) : undefined);
  const ids = db
    .select({ id: orders.id })
    .from(orders)
    .where(where)
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((row) => row.id);
  const total =
    db
      .select({ n: sql<number>`coalesce(sum(${orderCounts.n}), 0)` })
      .from(orderCounts)
      .where(and(eq(orderCounts.accountId, accountId), statuses ? inArray(orderCounts.status, statuses) : undefined))
      .get()?.n ?? 0;
  return { ids, total };
}
