import {
  type AnyColumn,
  and,
  count,
  countDistinct,
  eq,
  getTableName,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  type SQL,
  sql,
  type Table,
} from "drizzle-orm";
import type { ChannelId, LogisticsModeId } from "../../server/domain/channels/channels";
import { NEEDS_ATTENTION, ON_ITS_WAY } from "../../server/domain/replication/outbox-states";
import type { Db } from "../client";
import { channelConnections, divergences, invoices, orders, outbox, shipments } from "../schema";

/** Orders placed from `from` and before `before`, either end open: a period of São Paulo days as instants. */
export interface PlacedWithin {
  from?: Date;
  before?: Date;
}

function placedWithin(period: PlacedWithin): SQL[] {
  const conditions: SQL[] = [];
  if (period.from) conditions.push(gte(orders.placedAt, period.from));
  if (period.before) conditions.push(lt(orders.placedAt, period.before));
  return conditions;
}

/** Orders per status and channel, each figure served by the (account, channel, status, placed_at) index. */
export function countsByStatusAndChannel(db: Db, accountId: number, period: PlacedWithin) {
  return db
    .select({ status: orders.status, channel: orders.channel, n: count() })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), ...placedWithin(period)))
    .groupBy(orders.channel, orders.status)
    .all();
}

export const AGE_BUCKETS_HOURS = [24, 48] as const;

/** Where orders wait: in a stage for longer than each bucket, and shipped orders past their estimate. */
export function waitingOrders(db: Db, accountId: number, period: PlacedWithin, now: Date) {
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
    .where(and(eq(outbox.accountId, accountId), inArray(outbox.state, [...NEEDS_ATTENTION])))
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
        inArray(outbox.state, [...ON_ITS_WAY]),
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

export interface InstantRange {
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;

/**
 * Orders placed per day of the range, day 0 being the one `start` opens (days without orders are absent). Read
 * from the (account, placed_at) index alone.
 */
export function ordersPerDay(db: Db, accountId: number, range: InstantRange) {
  // Written into the text, not bound: the grouping must be the selected expression itself (PostgreSQL compares the
  // text, and two bound values are two parameters). The cast makes the division whole days on SQLite, where a
  // bound number would arrive as REAL.
  const start = sql.raw(String(Math.trunc(range.start.getTime())));
  const day = sql<number>`cast((${orders.placedAt} - ${start}) / ${sql.raw(String(DAY_MS))} as integer)`;
  return db
    .select({ day, n: count() })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), gte(orders.placedAt, range.start), lt(orders.placedAt, range.end)))
    .groupBy(day)
    .all();
}

/**
 * What the sales query needs of the channel rules to tell a late stage (`stageRules` in
 * server/domain/dashboard/stage-rules.ts): the invoice is due `invoiceMs` after the approval, the dispatch `shipMs`
 * after the invoice, and where the marketplace dispatches the parcel the seller has no shipment stage.
 */
export interface StageRules {
  invoiceMs: Record<ChannelId, number>;
  shipMs: Record<ChannelId, number>;
  marketplaceShips: { channel: ChannelId; modes: readonly LogisticsModeId[] }[];
}

/** `table.column` spelled out: Drizzle leaves columns of a one-table select unqualified, even inside a subquery. */
const qualified = (table: Table, column: AnyColumn) =>
  sql`${sql.identifier(getTableName(table))}.${sql.identifier(column.name)}`;

/** The first time a row of `table` (invoices, shipments) was recorded for the order. */
const firstRecorded = (table: typeof invoices | typeof shipments) =>
  sql<
    number | null
  >`(select min(${qualified(table, table.createdAt)}) from ${table} where ${qualified(table, table.orderId)} = ${qualified(orders, orders.id)})`;

const perChannel = (ms: StageRules["invoiceMs"]) =>
  sql`case ${orders.channel} ${sql.join(
    // The milliseconds written as numbers: bound, PostgreSQL would read them as text beside the columns' bigints.
    Object.entries(ms).map(([channel, value]) => sql`when ${channel} then ${sql.raw(String(Math.trunc(value)))}`),
    sql` `,
  )} end`;

/**
 * Per channel, the orders placed in the range: their revenue (totals of those not canceled) and, for the invoice
 * and the shipment stages, how many reached it, finished it late or still wait past the deadline (the deadline
 * columns, as the board's "Atrasados" reads them), and the time from the approval to the first invoice and to the
 * first shipment recorded. One pass over the account's placed-at index, each order's invoice and shipment probed
 * by its own id.
 */
export function salesByChannel(db: Db, accountId: number, range: InstantRange, rules: StageRules, now: Date) {
  const sellerShips = sql`not (${sql.join(
    rules.marketplaceShips.map(({ channel, modes }) =>
      modes.length
        ? sql`(${orders.channel} = ${channel} and ${inArray(orders.logisticsMode, [...modes])})`
        : sql`false`,
    ),
    sql` or `,
  )})`;
  // A LIMIT keeps SQLite from flattening this into the aggregate below, which would probe each order's invoice
  // and shipment once per mention instead of once (Drizzle leaves out a negative one, SQLite's "no limit").
  const each = db
    .select({
      channel: orders.channel,
      status: orders.status,
      totalCents: orders.totalCents,
      approvedAt: sql<number>`coalesce(${orders.approvedAt}, ${orders.placedAt})`.as("approved"),
      invoicedAt: firstRecorded(invoices).as("invoiced"),
      shippedAt: firstRecorded(shipments).as("shipped"),
      invoiceMs: sql<number>`${perChannel(rules.invoiceMs)}`.as("invoice_ms"),
      shipMs: sql<number>`${perChannel(rules.shipMs)}`.as("ship_ms"),
      sellerShips: sql<boolean>`${sellerShips}`.as("seller_ships"),
      waiting: sql<string | null>`${orders.deadlineKind}`.as("waiting"),
      pastDeadline: sql<boolean>`coalesce(${orders.deadlineAt} < ${now.getTime()}, false)`.as("past_deadline"),
    })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), gte(orders.placedAt, range.start), lt(orders.placedAt, range.end)))
    .limit(Number.MAX_SAFE_INTEGER)
    .as("each");
  const invoiceStage = sql`(${each.invoicedAt} is not null or ${each.waiting} = 'invoice')`;
  const shipStage = sql`${each.sellerShips} and (${each.shippedAt} is not null or ${each.waiting} = 'ship')`;
  const total = (expression: SQL) => sql<number>`coalesce(sum(${expression}), 0)`.mapWith(Number);
  // A condition counted as 1 or 0 in words both engines read alike (PostgreSQL sums no booleans).
  const counted = (condition: SQL) => total(sql`case when ${condition} then 1 else 0 end`);
  return db
    .select({
      channel: each.channel,
      orders: count(),
      revenueCents: total(sql`case when ${each.status} <> 'CANCELED' then ${each.totalCents} end`),
      revenueOrders: counted(sql`${each.status} <> 'CANCELED'`),
      invoiceOrders: counted(invoiceStage),
      invoiceDoneLate: counted(sql`${each.invoicedAt} > ${each.approvedAt} + ${each.invoiceMs}`),
      invoiceOpenLate: counted(sql`${each.waiting} = 'invoice' and ${each.pastDeadline}`),
      invoiceTimed: counted(sql`${each.invoicedAt} is not null`),
      invoiceTotalMs: total(sql`${each.invoicedAt} - ${each.approvedAt}`),
      shipOrders: counted(shipStage),
      shipDoneLate: counted(sql`${each.sellerShips} and ${each.shippedAt} > ${each.invoicedAt} + ${each.shipMs}`),
      shipOpenLate: counted(sql`${each.waiting} = 'ship' and ${each.pastDeadline}`),
      shipTimed: counted(sql`${each.sellerShips} and ${each.shippedAt} is not null`),
      shipTotalMs: total(sql`case when ${each.sellerShips} then ${each.shippedAt} - ${each.approvedAt} end`),
      acceptOpenLate: counted(sql`${each.waiting} = 'accept' and ${each.pastDeadline}`),
    })
    .from(each)
    .groupBy(each.channel)
    .all();
}
