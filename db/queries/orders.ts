import {
  and,
  asc,
  type Column,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  or,
  type Placeholder,
  type SQL,
  sql,
  sum,
} from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { ChannelId } from "../../server/domain/channels/channels";
import type { DeadlineFilter, DeadlineKind } from "../../server/domain/orders/deadline-kinds";
import type { OrderStatus } from "../../server/domain/orders/status";
import { ORDER_STATUSES } from "../../server/domain/orders/status";
import type { BoardReplicationFilter } from "../../server/domain/replication/outbox-states";
import type { Db } from "../client";
import { preparedOnce } from "../prepared";
import {
  codeNumber,
  compactCode,
  divergences,
  invoices,
  orderCounts,
  orderDeadlineCounts,
  orderDeadlineHourCounts,
  orderItems,
  orders,
  outbox,
  shipments,
  timelineEntries,
} from "../schema";
import { type Range, splitDeadlineRange } from "./deadline-ranges";
import { idsInJson, nameMatchIds, nameMatchIdsText, nameQuery, ordersWithoutIndexes, unindexed } from "./dialect";
import type { ComparableCode } from "./order-codes";
import { newestPlacedBelow } from "./order-id-blocks";

/** The search box's text as its lookups take it: the typed code in the index's forms and the name's words. */
export interface OrderSearch {
  code: ComparableCode;
  /** Accent-free, lower-case, two characters or more: each is a prefix for the full-text index. */
  nameWords: string[];
}

/** A deadline filter as the instants [from, to) it stands for: `late` reads only `to` (now). */
export interface DeadlineRange extends Range {
  filter: DeadlineFilter;
}

/**
 * The board's filters as these queries take them, every value already computed by the domain
 * (server/domain/orders/board-query.ts): instants in epoch milliseconds, the search normalised. Unset filters are
 * left undefined, which is what tells a count the counters can answer.
 */
export interface OrderFilters {
  status?: OrderStatus;
  channels?: ChannelId[];
  placedFrom?: number;
  placedBefore?: number;
  search?: OrderSearch;
  /** Orders in their status since this instant or before. */
  stuckSince?: number;
  /** Orders whose estimated delivery is before this instant. */
  deliveryEstimateBefore?: number;
  replication?: BoardReplicationFilter;
  divergent?: boolean;
  notCanceled?: boolean;
  deadline?: DeadlineRange;
}

/** What a board page and its figures need beyond the filters, computed by the domain at the same instant. */
export interface BoardQuery {
  filters: OrderFilters;
  /** Both deadline figures (late, due today) whatever the deadline filter. */
  deadlineRanges: Record<DeadlineFilter, Range>;
  /** False when the status filter names a status that never has a deadline: a deadline-ordered page skips them. */
  statusMayHaveDeadline: boolean;
}

export type OrderSort = "placed" | "deadline";

/** Where the next page starts, newest placed first (the board's default order and the export's). */
export interface OrderCursor {
  placedAt: number;
  id: number;
}

/**
 * Where the next page starts, soonest deadline first: `deadlineAt` null once the orders without one have begun,
 * which follow newest placed first.
 */
export interface DeadlineCursor {
  deadlineAt: number | null;
  placedAt: number;
  id: number;
}

export type BoardCursor = OrderCursor | DeadlineCursor;

/**
 * The values of one board query, bound as placeholders. The SQL text then depends only on which filters are
 * set, so building it and preparing the statement happen once per shape instead of on every call (together
 * they cost about half as much again as running the board's query). Every part of a query either binds a
 * value or is marked here, which makes `shape` name the SQL text exactly.
 */
class Bindings {
  readonly values: Record<string, unknown> = {};
  private readonly parts: string[] = [];

  constructor(readonly query: string) {}

  bind(name: string, value: string | number | null): Placeholder {
    this.values[name] = value;
    this.parts.push(name);
    return sql.placeholder(name);
  }

  mark(part: string): void {
    this.parts.push(part);
  }

  get shape(): string {
    return `${this.query}:${this.parts.join(",")}`;
  }
}

interface Prepared<Row> {
  all(values: Record<string, unknown>): Row[];
  values(values: Record<string, unknown>): unknown[][];
}

function run<Row>(db: Db, bindings: Bindings, prepare: () => Prepared<Row>): Row[] {
  return preparedOnce(db, bindings.shape, prepare).all(bindings.values);
}

/** Above this many orders (of every account) sharing the searched name, the board walks its index instead. */
const DENSE_NAME_MATCHES = 2_000;

/** The ids of the orders whose name matches, or "dense" when there are too many to list. */
type NameMatches = number[] | "dense";

/**
 * Orders whose customer name matches, or "dense" when there are more than DENSE_NAME_MATCHES. A page of a rare
 * name is cheapest from the matches (look each up, sort them); for a common one ("silva": 48 000 of a million)
 * that meant 48 000 random reads for 50 rows, so the page walks the account's orders newest first instead and
 * keeps those that match, which stops after the page is full. Asking for at most the threshold plus one stops
 * the full-text index early, and in the rare case its answer is the list itself.
 */
function nameMatches(db: Db, match: string): NameMatches {
  const statement = preparedOnce(db, "orders.nameMatches", () =>
    db.$client.prepare<[string, number], number>(nameMatchIdsText(db, "limit")).pluck(),
  );
  const ids = statement.all(match, DENSE_NAME_MATCHES + 1);
  return ids.length > DENSE_NAME_MATCHES ? "dense" : ids;
}

/** Every word of the search as a prefix ("mari silv" finds "Mariana Silva"), for the full-text index. */
function nameMatch(db: Db, words: string[]): string | null {
  return words.length ? nameQuery(db, words) : null;
}

/**
 * One search box for code, customer name, CPF/CNPJ, NF-e key and tracking code. Each kind is its own indexed
 * lookup and the candidates are united in one id list: an OR across them would make SQLite walk the
 * account's orders instead.
 */
function searchCondition(
  db: Db,
  b: Bindings,
  account: Placeholder,
  search: OrderSearch,
  paged: boolean,
  names: NameMatches | undefined,
): SQL {
  const { compact, number } = search.code;
  // Plain SELECTs (SQLite refuses parenthesised members in a UNION, which Drizzle's subqueries produce).
  const inAccount = (condition: SQL) =>
    sql`SELECT ${orders.id} FROM ${orders} WHERE ${orders.accountId} = ${account} AND ${condition}`;
  const byNumber = eq(codeNumber(orders.marketplaceCode), b.bind("codeNumber", number));
  const lookups = [
    // A number alone ("62523000253") finds the order whatever the marketplace's letters; with them, only its own.
    inAccount(
      number === compact
        ? byNumber
        : sql`${byNumber} AND ${eq(compactCode(orders.marketplaceCode), b.bind("code", compact))}`,
    ),
    inAccount(eq(orders.trackingCode, b.bind("trackingCode", compact))),
  ];
  if (compact.length === 44) lookups.push(inAccount(eq(orders.accessKey, b.bind("accessKey", compact))));
  if (compact.length === 11 || compact.length === 14)
    lookups.push(inAccount(eq(orders.customerDocument, b.bind("document", compact))));
  const union = sql.join(lookups, sql` UNION ALL `);
  const match = nameMatch(db, search.nameWords);
  if (!match) return sql`${orders.id} IN (${union})`;
  const byName = names ?? nameMatches(db, match);
  if (byName === "dense") {
    const fromMatches = sql`${union} UNION ALL ${nameMatchIds(db, b.bind("nameMatch", match))}`;
    // A count needs every match anyway. A page: the unary plus keeps SQLite from driving the query by the
    // id list, so it walks the account's index newest first instead.
    if (!paged) return sql`${orders.id} IN (${fromMatches})`;
    b.mark("walk");
    return sql`${unindexed(db, orders.id)} IN (${fromMatches})`;
  }
  return sql`${orders.id} IN (${union} UNION ALL ${idsInJson(db, b.bind("nameIds", JSON.stringify(byName)))})`;
}

/** Orders in a list longer than this are found by walking the account's orders for a page (see `orderIdIn`). */
const LONG_ID_LIST = 2_000;

/** Rows of another table naming orders of the account: its order id column and what else the rows must match. */
interface NamingRows {
  orderId: Column;
  table: SQLiteTable;
  /** Each as its column and the test of it, so the column can be hidden from the planner. */
  where: [Column, (column: SQL) => SQL][];
}

/**
 * The account's orders named in another table's rows (open divergences, updates in a state). A count, or a page
 * of a short list, reads the ids once from that table's account index and looks each order up: never a correlated
 * EXISTS free to use that index, which SQLite ran as a probe of the account's open divergences for every order of
 * the account (seconds at a million orders). A page of a long list (the invoices held for the shipment) walks the
 * account's orders newest first and stops once the page is full, probing each order by its own id: the unary plus
 * hides the other columns from the planner, so the order id is the only way in.
 */
function orderIdIn(db: Db, b: Bindings, paged: boolean, name: string, rows: NamingRows): SQL {
  const where = (hidden: boolean) =>
    sql.join(
      rows.where.map(([column, test]) => test(hidden ? unindexed(db, column) : sql`${column}`)),
      sql` AND `,
    );
  const ids = sql`SELECT ${rows.orderId} FROM ${rows.table} WHERE ${where(false)}`;
  if (paged && isLongList(db, b, name, ids)) {
    b.mark(`${name}:walk`);
    return sql`EXISTS (SELECT 1 FROM ${rows.table} WHERE ${rows.orderId} = ${orders.id} AND ${where(true)})`;
  }
  b.mark(name);
  return sql`${orders.id} IN (${ids})`;
}

function isLongList(db: Db, b: Bindings, name: string, ids: SQL): boolean {
  const statement = preparedOnce(db, `orders.listLength:${name}`, () =>
    db
      .select({ n: count() })
      .from(sql`(${ids} LIMIT ${LONG_ID_LIST + 1}) AS ids`)
      .prepare(),
  );
  return (statement.get(b.values)?.n ?? 0) > LONG_ID_LIST;
}

/** `paged`: the rows are read newest first a page at a time (the board, the export), not all counted. */
function filterConditions(
  db: Db,
  b: Bindings,
  accountId: number,
  filters: Omit<OrderFilters, "status">,
  paged: boolean,
  names?: NameMatches,
  deadlineHidden = false,
): SQL[] {
  const account = b.bind("accountId", accountId);
  const conditions: SQL[] = [eq(orders.accountId, account)];
  if (filters.channels?.length)
    conditions.push(
      inArray(
        orders.channel,
        filters.channels.map((channel, i) => b.bind(`channel${i}`, channel)),
      ),
    );
  if (filters.placedFrom !== undefined) conditions.push(gte(orders.placedAt, b.bind("from", filters.placedFrom)));
  if (filters.placedBefore !== undefined) conditions.push(lt(orders.placedAt, b.bind("to", filters.placedBefore)));
  if (filters.search) conditions.push(searchCondition(db, b, account, filters.search, paged, names));
  if (filters.stuckSince !== undefined)
    conditions.push(lte(orders.statusChangedAt, b.bind("stuckSince", filters.stuckSince)));
  if (filters.deliveryEstimateBefore !== undefined)
    conditions.push(lt(orders.estimatedDeliveryAt, b.bind("now", filters.deliveryEstimateBefore)));
  // Hidden from the planner (unary plus) when a page walks the placed-at index instead (see `deadlineWalk`).
  const deadlineAt = deadlineHidden ? unindexed(db, orders.deadlineAt) : sql`${orders.deadlineAt}`;
  const deadline = filters.deadline;
  if (deadline?.filter === "late") conditions.push(lt(deadlineAt, b.bind("deadlineNow", deadline.to)));
  if (filters.notCanceled) conditions.push(ne(orders.status, b.bind("canceled", "CANCELED")));
  if (deadline?.filter === "today") {
    conditions.push(gte(deadlineAt, b.bind("deadlineNow", deadline.from)));
    conditions.push(lt(deadlineAt, b.bind("endOfToday", deadline.to)));
  }
  if (filters.replication) {
    const state = b.bind("replication", filters.replication);
    conditions.push(
      orderIdIn(db, b, paged, "replication", {
        orderId: outbox.orderId,
        table: outbox,
        where: [
          [outbox.accountId, (c) => sql`${c} = ${account}`],
          [outbox.state, (c) => sql`${c} = ${state}`],
        ],
      }),
    );
  }
  if (filters.divergent) {
    conditions.push(
      orderIdIn(db, b, paged, "divergent", {
        orderId: divergences.orderId,
        table: divergences,
        where: [
          [divergences.accountId, (c) => sql`${c} = ${account}`],
          [divergences.resolvedAt, (c) => sql`${c} IS NULL`],
        ],
      }),
    );
  }
  return conditions;
}

/**
 * Which part of the board's order a page reads and where it starts: newest placed first; soonest deadline first;
 * or, after every order with a deadline, those without one, newest first.
 */
type PageOrder =
  | { by: "placed"; after: OrderCursor | null }
  | { by: "deadline"; after: DeadlineCursor | null }
  | { by: "noDeadline"; after: OrderCursor | null };

function keyset(db: Db, b: Bindings, order: PageOrder): { conditions: SQL[]; orderBy: SQL[] } {
  b.mark(`by:${order.by}`);
  if (order.by === "placed" || order.by === "noDeadline") {
    // The orders without a deadline are most of the account's: walking its placed-at index finds them at once.
    const conditions: SQL[] = order.by === "noDeadline" ? [sql`${unindexed(db, orders.deadlineAt)} IS NULL`] : [];
    if (order.after) {
      const at = b.bind("cursorAt", order.after.placedAt);
      const after = or(
        lt(orders.placedAt, at),
        and(eq(orders.placedAt, at), lt(orders.id, b.bind("cursorId", order.after.id))),
      );
      if (after) conditions.push(after);
    }
    return { conditions, orderBy: [desc(orders.placedAt), desc(orders.id)] };
  }
  const conditions: SQL[] = [sql`${orders.deadlineAt} IS NOT NULL`];
  if (order.after?.deadlineAt != null) {
    const at = b.bind("cursorDeadline", order.after.deadlineAt);
    const after = or(
      gt(orders.deadlineAt, at),
      and(eq(orders.deadlineAt, at), gt(orders.id, b.bind("cursorId", order.after.id))),
    );
    if (after) conditions.push(after);
  }
  return { conditions, orderBy: [asc(orders.deadlineAt), asc(orders.id)] };
}

/** The board's filter with its status, after the cursor, in the (placed_at, id) descending order both pages use. */
function pageConditions(
  db: Db,
  b: Bindings,
  accountId: number,
  filters: OrderFilters,
  cursor: OrderCursor | null,
  names?: NameMatches,
) {
  return pageQuery(db, b, accountId, filters, { by: "placed", after: cursor }, names).conditions;
}

/**
 * Whether a newest-first page of late or due-today orders walks the account's placed-at index, keeping those in
 * the range, rather than reading the whole range from the deadline index and sorting it: when the range is long
 * (a hub behind on a busy day) the walk meets a page of them soon; when it is short, reading it is cheaper than a
 * walk past orders that are not in it. One covering read of at most LONG_ID_LIST + 1 index entries tells which.
 */
function deadlineWalk(db: Db, accountId: number, filters: OrderFilters): boolean {
  if (!filters.deadline) return false;
  const statement = preparedOnce(db, "orders.deadlineRangeLength", () =>
    db.$client
      .prepare<[number, number, number], number>(
        `SELECT count(*) FROM (SELECT 1 FROM orders WHERE account_id = ? AND deadline_at >= ? AND deadline_at < ? LIMIT ${LONG_ID_LIST + 1}) AS within`,
      )
      .pluck(),
  );
  const { from, to } = filters.deadline;
  return (statement.get(accountId, from, to) ?? 0) > LONG_ID_LIST;
}

function pageQuery(
  db: Db,
  b: Bindings,
  accountId: number,
  filters: OrderFilters,
  order: PageOrder,
  names?: NameMatches,
) {
  const walk = order.by === "placed" && deadlineWalk(db, accountId, filters);
  if (walk) b.mark("deadline:walk");
  const conditions = filterConditions(db, b, accountId, filters, true, names, walk);
  if (filters.status) conditions.push(eq(orders.status, b.bind("status", filters.status)));
  const page = keyset(db, b, order);
  return { conditions: [...conditions, ...page.conditions], orderBy: page.orderBy };
}

/**
 * Up to `limit` + 1 rows of a board page, the extra one telling whether another page follows. `names`: the name
 * search's matches, when the caller has read them (see `listOrders`).
 */
function pageRows(
  db: Db,
  accountId: number,
  filters: OrderFilters,
  order: PageOrder,
  limit: number,
  names?: NameMatches,
) {
  const b = new Bindings("list");
  const { conditions, orderBy } = pageQuery(db, b, accountId, filters, order, names);
  const limitParam = b.bind("limit", limit + 1);
  const statement = preparedOnce(db, b.shape, () =>
    db
      .select({
        id: orders.id,
        channel: orders.channel,
        marketplaceCode: orders.marketplaceCode,
        logisticsMode: orders.logisticsMode,
        status: orders.status,
        cancellationRequestedAt: orders.cancellationRequestedAt,
        handledManuallyAt: orders.handledManuallyAt,
        placedAt: orders.placedAt,
        customerName: orders.customerName,
        customerDocument: orders.customerDocument,
        totalCents: orders.totalCents,
        accessKey: orders.accessKey,
        trackingCode: orders.trackingCode,
        deadlineAt: orders.deadlineAt,
        deadlineKind: orders.deadlineKind,
      })
      .from(orders)
      .where(and(...conditions))
      .orderBy(...orderBy)
      .limit(limitParam)
      .prepare(),
  );
  type Row = ReturnType<typeof statement.all>[number];
  // The board's page is the app's busiest read. Its rows come as arrays in the select's order and are built
  // here: Drizzle's generic mapping checks each column's kind on every row and cost a third of the request.
  // Instants stay in epoch milliseconds, as stored.
  return statement.values(b.values).map((r) => ({
    id: r[0] as number,
    channel: r[1] as Row["channel"],
    marketplaceCode: r[2] as string,
    logisticsMode: r[3] as Row["logisticsMode"],
    status: r[4] as Row["status"],
    cancellationRequestedAt: r[5] as number | null,
    handledManuallyAt: r[6] as number | null,
    placedAt: r[7] as number,
    customerName: r[8] as string,
    customerDocument: r[9] as string,
    totalCents: r[10] as number,
    accessKey: r[11] as string | null,
    trackingCode: r[12] as string | null,
    deadlineAt: r[13] as number | null,
    deadlineKind: r[14] as DeadlineKind | null,
  }));
}

function toPage<Row>(rows: Row[], limit: number, cursorOf: (row: Row) => BoardCursor) {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { orders: page, nextCursor: hasMore && last !== undefined ? cursorOf(last) : null };
}

const placedCursor = (row: PageRow): OrderCursor => ({ placedAt: row.placedAt, id: row.id });
const deadlineCursor = (row: PageRow): DeadlineCursor => ({
  deadlineAt: row.deadlineAt,
  placedAt: row.placedAt,
  id: row.id,
});

/**
 * A page in deadline order: the orders with a deadline, soonest first, then those without one, newest first. Each
 * part is a range of the account's (deadline_at, id) index; a status that never has a deadline skips the first,
 * a deadline filter the second.
 */
function deadlinePage(db: Db, accountId: number, query: BoardQuery, after: DeadlineCursor | null, limit: number) {
  const { filters } = query;
  const inNoDeadlinePart = after !== null && after.deadlineAt === null;
  const rows =
    !inNoDeadlinePart && query.statusMayHaveDeadline
      ? pageRows(db, accountId, filters, { by: "deadline", after }, limit)
      : [];
  if (rows.length <= limit && !filters.deadline) {
    const from = inNoDeadlinePart ? { placedAt: after.placedAt, id: after.id } : null;
    // Asks for what the page still lacks plus the one that tells whether another page follows.
    rows.push(...pageRows(db, accountId, filters, { by: "noDeadline", after: from }, limit - rows.length));
  }
  return toPage(rows, limit, deadlineCursor);
}

/**
 * How many name matches the walk has read at each try: first half as many again as a page needs, given the
 * account's share of all orders (the full-text index holds every account's names), then four times that; past
 * DENSE_NAME_MATCHES the name is a common one. Empty when even the first try would pass it (a small account in
 * a large hub), so that page takes the other plan at once.
 */
function walkSteps(db: Db, accountId: number, limit: number): number[] {
  const statement = preparedOnce(db, "orders.accountShare", () =>
    db.$client.prepare<[number], { mine: number | null; total: number | null }>(
      "SELECT sum(CASE WHEN account_id = ? THEN n END) AS mine, sum(n) AS total FROM order_counts",
    ),
  );
  const counts = statement.get(accountId);
  if (!counts?.mine || !counts.total) return [];
  const first = Math.ceil(((limit + 1) * 1.5 * counts.total) / counts.mine);
  if (first > DENSE_NAME_MATCHES) return [];
  return [first, Math.min(first * 4, DENSE_NAME_MATCHES), DENSE_NAME_MATCHES + 1].filter(
    (step, i, steps) => i === 0 || step > (steps[i - 1] as number),
  );
}

/**
 * The first page of a name search, from the name's matches read newest id first, a few at a time: the page is
 * built from the rows of those read so far. Ids grow as orders arrive, nearly in the order they were placed, so
 * the page is usually settled by the first step: it is, exactly, once every order with a smaller id is older than
 * the row after the page (`orderIdBlocks` bounds that); reading all of a name's matches settles it too. Gives the
 * page's rows (and the row after) with how many matches were read, "dense" for a common name not settled within
 * the steps, or null when the walk does not apply (see `newestLikelyFirst`, `walkSteps`).
 */
export function walkNameMatches(
  db: Db,
  accountId: number,
  filters: OrderFilters,
  limit: number,
): { rows: PageRow[]; read: number } | "dense" | null {
  const match = filters.search ? nameMatch(db, filters.search.nameWords) : null;
  const steps = match && newestLikelyFirst(filters) ? walkSteps(db, accountId, limit) : [];
  if (!match || steps.length === 0) return null;
  const newestMatches = preparedOnce(db, "orders.newestNameMatches", () =>
    db.$client.prepare<[string], number>(nameMatchIdsText(db, "newest first")).pluck(),
  );
  // One cursor for the whole walk: starting the full-text query again for each step cost as much as reading.
  const matches = newestMatches.iterate(match);
  try {
    let rows: PageRow[] = [];
    let walked = 0;
    for (const step of steps) {
      const read: number[] = [];
      while (walked + read.length < step) {
        const next = matches.next();
        if (next.done) break;
        read.push(next.value);
      }
      walked += read.length;
      // Only the new matches are looked up; the rows found so far stay (a code match comes back each time).
      rows = newestFirst([...rows, ...pageRows(db, accountId, filters, NEWEST, limit, read)]).slice(0, limit + 1);
      if (walked < step) return { rows, read: walked };
      const next = rows[limit];
      if (next && newestPlacedBelow(db, read.at(-1) as number) < next.placedAt) return { rows, read: walked };
    }
  } finally {
    matches.return?.();
  }
  return "dense";
}

const NEWEST: PageOrder = { by: "placed", after: null };

/**
 * A board page. In deadline order, see `deadlinePage`. Newest first, a name search's first page walks its newest
 * matches (`walkNameMatches`); later pages, other filters and the rest take one query, with a name's matches
 * looked up or, for a common name, the account's orders walked newest first.
 */
export function listOrders(
  db: Db,
  accountId: number,
  query: BoardQuery,
  cursor: BoardCursor | null,
  limit: number,
  sort: OrderSort = "placed",
) {
  if (sort === "deadline") return deadlinePage(db, accountId, query, cursor as DeadlineCursor | null, limit);
  const { filters } = query;
  const after = cursor as OrderCursor | null;
  const order: PageOrder = { by: "placed", after };
  // Each later page would walk from the newest match again, reading more every time.
  const walked = after ? null : walkNameMatches(db, accountId, filters, limit);
  if (walked === null) return toPage(pageRows(db, accountId, filters, order, limit), limit, placedCursor);
  if (walked === "dense") return toPage(pageRows(db, accountId, filters, order, limit, "dense"), limit, placedCursor);
  return toPage(walked.rows, limit, placedCursor);
}

/**
 * Whether the newest matches of a name are likely on the page: with a name alone, or narrowed by channel or a
 * start date. A status, an end date or the dashboard's filters pick older or rarer orders (delivered ones are
 * weeks old), which a newest-first walk would read past for nothing (measured: twice the time of looking every
 * match up).
 */
function newestLikelyFirst(filters: OrderFilters): boolean {
  return !(
    filters.status ||
    filters.placedBefore !== undefined ||
    filters.stuckSince !== undefined ||
    filters.deliveryEstimateBefore !== undefined ||
    filters.replication ||
    filters.divergent ||
    filters.deadline
  );
}

type PageRow = ReturnType<typeof pageRows>[number];

/** Rows in the board's order (placed_at, then id, both descending), each once. */
function newestFirst(rows: PageRow[]): PageRow[] {
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).sort((a, b) => b.placedAt - a.placedAt || b.id - a.id);
}

/** One keyset page for the CSV export: the board's filter, every column a spreadsheet needs. */
export function exportPage(
  db: Db,
  accountId: number,
  filters: OrderFilters,
  cursor: OrderCursor | null,
  limit: number,
) {
  const b = new Bindings("export");
  const conditions = pageConditions(db, b, accountId, filters, cursor);
  const limitParam = b.bind("limit", limit);
  const rows = run(db, b, () =>
    db
      .select({
        id: orders.id,
        marketplaceCode: orders.marketplaceCode,
        channel: orders.channel,
        logisticsMode: orders.logisticsMode,
        placedAt: orders.placedAt,
        status: orders.status,
        cancellationRequestedAt: orders.cancellationRequestedAt,
        customerName: orders.customerName,
        customerDocument: orders.customerDocument,
        shipCity: orders.shipCity,
        shipState: orders.shipState,
        itemsCents: orders.itemsCents,
        shippingCents: orders.shippingCents,
        totalCents: orders.totalCents,
        accessKey: orders.accessKey,
        trackingCode: orders.trackingCode,
      })
      .from(orders)
      .where(and(...conditions))
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(limitParam)
      .prepare(),
  );
  const last = rows.at(-1);
  return {
    rows,
    nextCursor: rows.length === limit && last ? { placedAt: last.placedAt.getTime(), id: last.id } : null,
  };
}

export type StatusCounts = Record<OrderStatus, number> & { all: number };

/** Filters the counters table can answer: none, or only channels. */
function countableFromCounters(filters: OrderFilters): boolean {
  const { channels: _channels, status: _status, ...rest } = filters;
  return Object.values(rest).every((v) => v === undefined);
}

function toStatusCounts(rows: { status: OrderStatus; n: number }[]): StatusCounts {
  const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as StatusCounts;
  counts.all = 0;
  for (const row of rows) {
    counts[row.status] = row.n;
    counts.all += row.n;
  }
  return counts;
}

export function countOrdersByStatus(db: Db, accountId: number, filters: OrderFilters): StatusCounts {
  if (countableFromCounters(filters)) return countFromCounters(db, accountId, filters.channels);
  if (filters.deadline) return countDeadlineTabs(db, accountId, filters, filters.deadline);
  const b = new Bindings("count");
  const conditions = filterConditions(db, b, accountId, filters, false);
  // Every status, named: SQLite then seeks each status's range of an (account, [channel,] status, placed_at)
  // index instead of reading all the account's entries to keep a period's (480 ms for a month at a million).
  conditions.push(
    inArray(
      orders.status,
      ORDER_STATUSES.map((status) => b.bind(`tab_${status}`, status)),
    ),
  );
  return toStatusCounts(
    run(db, b, () =>
      db
        .select({ status: orders.status, n: count() })
        .from(orders)
        .where(and(...conditions))
        .groupBy(orders.status)
        .prepare(),
    ),
  );
}

/** Filters the deadline counters can answer beside the status and the deadline filter: none, or only channels. */
function countableFromDeadlineCounters(filters: OrderFilters): boolean {
  const { channels: _channels, status: _status, deadline: _deadline, ...rest } = filters;
  return Object.values(rest).every((v) => v === undefined);
}

/**
 * The board's filters for a count over a stretch of the deadline index. The channels are checked in that index,
 * which carries them (unary plus): SQLite otherwise walks the account's channel index through every order of it.
 */
function deadlineStretchConditions(db: Db, b: Bindings, accountId: number, filters: OrderFilters): SQL[] {
  const conditions = filterConditions(db, b, accountId, { ...filters, channels: undefined }, false);
  if (filters.channels?.length) {
    const channels = filters.channels.map((channel, i) => b.bind(`channel${i}`, channel));
    conditions.push(sql`${unindexed(db, orders.channel)} IN (${sql.join(channels, sql`, `)})`);
  }
  return conditions;
}

type StatusRows = { status: OrderStatus; n: number }[];

/** Orders per status with a deadline in [from, to) under the board's filters, counted in the deadline index. */
function deadlineStretchByStatus(db: Db, accountId: number, filters: OrderFilters, range: Range): StatusRows {
  const b = new Bindings("deadlineStretch");
  const conditions = deadlineStretchConditions(db, b, accountId, filters);
  conditions.push(
    gte(orders.deadlineAt, b.bind("deadlineFrom", range.from)),
    lt(orders.deadlineAt, b.bind("deadlineTo", range.to)),
  );
  return run(db, b, () =>
    db
      .select({ status: orders.status, n: count() })
      .from(orders)
      .where(and(...conditions))
      // Unary plus: grouping in a status index's order would read the whole account instead of the stretch.
      .groupBy(unindexed(db, orders.status))
      .prepare(),
  );
}

/** Orders per status with a deadline in a range of whole UTC days or hours, from their counters. */
function deadlineCountersByStatus(
  db: Db,
  accountId: number,
  channels: OrderFilters["channels"],
  table: typeof orderDeadlineCounts | typeof orderDeadlineHourCounts,
  unit: Column,
  range: Range,
): StatusRows {
  const b = new Bindings(`deadlineCounters:${unit.name}`);
  const account = b.bind("accountId", accountId);
  const from = b.bind("from", range.from);
  const to = b.bind("to", range.to);
  const channelParams = channels?.map((channel, i) => b.bind(`channel${i}`, channel)) ?? [];
  return run(db, b, () =>
    db
      .select({ status: table.status, n: sum(table.n).mapWith(Number) })
      .from(table)
      .where(
        and(
          eq(table.accountId, account),
          gte(unit, from),
          lt(unit, to),
          channelParams.length ? inArray(table.channel, channelParams) : undefined,
        ),
      )
      .groupBy(table.status)
      .prepare(),
  );
}

/**
 * Open orders per status with a deadline in [from, to) under the board's filters (their status and deadline filter
 * aside). Under no filter but channels, whole days and hours come from the counters and only the ragged ends from
 * the deadline index (`splitDeadlineRange`); other filters need the orders themselves, the whole range.
 */
function deadlinesByStatus(db: Db, accountId: number, filters: OrderFilters, from: number, to: number): StatusRows {
  const { status: _status, deadline: _deadline, ...rest } = filters;
  if (!countableFromDeadlineCounters(rest)) return deadlineStretchByStatus(db, accountId, rest, { from, to });
  const { days, hours, instants } = splitDeadlineRange(from, to);
  return [
    ...(days
      ? deadlineCountersByStatus(db, accountId, rest.channels, orderDeadlineCounts, orderDeadlineCounts.day, days)
      : []),
    ...hours.flatMap((range) =>
      deadlineCountersByStatus(
        db,
        accountId,
        rest.channels,
        orderDeadlineHourCounts,
        orderDeadlineHourCounts.hour,
        range,
      ),
    ),
    ...instants.flatMap((range) => deadlineStretchByStatus(db, accountId, rest, range)),
  ];
}

/** The board's tabs under a deadline filter. */
function countDeadlineTabs(db: Db, accountId: number, filters: OrderFilters, { from, to }: Range): StatusCounts {
  const counts = toStatusCounts([]);
  for (const row of deadlinesByStatus(db, accountId, filters, from, to)) {
    counts[row.status] += row.n;
    counts.all += row.n;
  }
  return counts;
}

/**
 * Open orders past their deadline and those due by the end of today, under the board's other filters (its status
 * and deadline filter aside, so the figures stay put as the seller switches tabs).
 */
export function countDeadlines(db: Db, accountId: number, query: BoardQuery): { late: number; dueToday: number } {
  const total = (deadline: DeadlineFilter) => {
    const { from, to } = query.deadlineRanges[deadline];
    return deadlinesByStatus(db, accountId, query.filters, from, to).reduce((n, row) => n + row.n, 0);
  };
  return { late: total("late"), dueToday: total("today") };
}

function countFromCounters(db: Db, accountId: number, channels: OrderFilters["channels"]): StatusCounts {
  const b = new Bindings("counters");
  const account = b.bind("accountId", accountId);
  const channelParams = channels?.map((channel, i) => b.bind(`channel${i}`, channel)) ?? [];
  return toStatusCounts(
    run(db, b, () =>
      db
        .select({ status: orderCounts.status, n: sum(orderCounts.n).mapWith(Number) })
        .from(orderCounts)
        .where(
          and(
            eq(orderCounts.accountId, account),
            channelParams.length ? inArray(orderCounts.channel, channelParams) : undefined,
          ),
        )
        .groupBy(orderCounts.status)
        .prepare(),
    ),
  );
}

/**
 * An order with its items, NF-e and shipments: the order page starts from it, and the ERP API's order JSON is made
 * of it alone.
 */
export function getOrderWithDocuments(db: Db, accountId: number, orderId: number) {
  const order = db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.accountId, accountId)))
    .get();
  if (!order) return null;
  return {
    order,
    items: db.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id)).all(),
    invoices: db
      .select({
        id: invoices.id,
        accessKey: invoices.accessKey,
        source: invoices.source,
        xmlFileName: invoices.xmlFileName,
        series: invoices.series,
        number: invoices.number,
        issuedAt: invoices.issuedAt,
        totalCents: invoices.totalCents,
        createdAt: invoices.createdAt,
      })
      .from(invoices)
      .where(and(eq(invoices.orderId, order.id), eq(invoices.accountId, accountId)))
      .orderBy(asc(invoices.id))
      .all(),
    shipments: db
      .select()
      .from(shipments)
      .where(and(eq(shipments.orderId, order.id), eq(shipments.accountId, accountId)))
      .orderBy(asc(shipments.id))
      .all(),
  };
}

export type OrderWithDocuments = NonNullable<ReturnType<typeof getOrderWithDocuments>>;

export function getOrderDetail(db: Db, accountId: number, orderId: number) {
  const base = getOrderWithDocuments(db, accountId, orderId);
  if (!base) return null;
  const { order } = base;
  return {
    ...base,
    timeline: db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.orderId, order.id), eq(timelineEntries.accountId, accountId)))
      .orderBy(asc(timelineEntries.at), asc(timelineEntries.id))
      .all(),
    replication: db
      .select({
        id: outbox.id,
        kind: outbox.kind,
        state: outbox.state,
        attempts: outbox.attempts,
        nextAttemptAt: outbox.nextAttemptAt,
        lastError: outbox.lastError,
        createdAt: outbox.createdAt,
        updatedAt: outbox.updatedAt,
      })
      .from(outbox)
      .where(and(eq(outbox.orderId, order.id), eq(outbox.accountId, accountId)))
      .orderBy(asc(outbox.id))
      .all(),
    openDivergences: db
      .select({
        id: divergences.id,
        kind: divergences.kind,
        likelyCause: divergences.likelyCause,
        openedAt: divergences.openedAt,
        hubState: divergences.hubState,
      })
      .from(divergences)
      .where(
        and(eq(divergences.orderId, order.id), eq(divergences.accountId, accountId), isNull(divergences.resolvedAt)),
      )
      .all(),
  };
}

export type OrderDetail = NonNullable<ReturnType<typeof getOrderDetail>>;

/** What the warehouse needs to pick and pack a selection of the account's orders. */
export function pickingList(db: Db, accountId: number, orderIds: number[]) {
  const picked = db
    .select({
      id: orders.id,
      marketplaceCode: orders.marketplaceCode,
      channel: orders.channel,
      logisticsMode: orders.logisticsMode,
      customerName: orders.customerName,
      shipStreet: orders.shipStreet,
      shipNumber: orders.shipNumber,
      shipComplement: orders.shipComplement,
      shipDistrict: orders.shipDistrict,
      shipCity: orders.shipCity,
      shipState: orders.shipState,
      shipZip: orders.shipZip,
    })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), inArray(orders.id, orderIds)))
    .orderBy(asc(orders.id))
    .all();
  const items = picked.length
    ? db
        .select({
          orderId: orderItems.orderId,
          sku: orderItems.sku,
          name: orderItems.name,
          quantity: orderItems.quantity,
        })
        .from(orderItems)
        .where(
          inArray(
            orderItems.orderId,
            picked.map((o) => o.id),
          ),
        )
        .orderBy(asc(orderItems.id))
        .all()
    : [];
  return picked.map((o) => ({ ...o, items: items.filter((i) => i.orderId === o.id) }));
}

/**
 * Of these orders, the ids the board shows under the filters: a bulk action acts only on orders the seller can see
 * (a tick left in another tab does not travel). The ids are one JSON-array parameter, so the statement is
 * prepared once per filter shape whatever the selection's size. NOT INDEXED leaves the planner only the ids' own
 * lookups: otherwise it walked the account's index and probed the list for each of its orders.
 */
export function shownOrderIds(db: Db, accountId: number, filters: OrderFilters, orderIds: number[]): number[] {
  const b = new Bindings("shown");
  const conditions = filterConditions(db, b, accountId, filters, false);
  if (filters.status) conditions.push(eq(orders.status, b.bind("status", filters.status)));
  conditions.push(sql`${orders.id} IN (${idsInJson(db, b.bind("ids", JSON.stringify(orderIds)))})`);
  return run(db, b, () =>
    db
      .select({ id: sql<number>`${orders.id}` })
      .from(ordersWithoutIndexes(db))
      .where(and(...conditions))
      .prepare(),
  ).map((row) => row.id);
}
