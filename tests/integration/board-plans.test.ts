import type Database from "better-sqlite3";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, gatherStatistics } from "@/db/client";
import { countDeadlines, countOrdersByStatus, exportPage, listOrders } from "@/db/queries/orders";
import * as schema from "@/db/schema";
import { divergences, orders, outbox } from "@/db/schema";
import { searchableText } from "@/server/domain/format";
import { type BoardFilters, boardFiltersSchema } from "@/server/domain/orders/board-filters";
import { boardQuery, orderFilters } from "@/server/domain/orders/board-query";
import { ORDER_STATUSES } from "@/server/domain/orders/status";
import { createTestWorld, type TestWorld } from "./harness";

// Every board filter shape, alone and combined, for the page, the next page, the counts and the CSV export, on
// a database with statistics: SQLite must never read all of orders, divergences or outbox, nor probe a side
// table once per order except by that order's own id. The SQL is the one the query functions run, captured
// from the connection with its bound values.

/** A few values of each filter; typed so that a new filter does not compile until it has some. */
const SAMPLES: { [K in keyof BoardFilters]-?: NonNullable<BoardFilters[K]>[] } = {
  status: [...ORDER_STATUSES],
  channels: [["amazon"], ["americanas", "magalu"]],
  from: ["2026-10-01"],
  to: ["2026-11-15"],
  q: [
    "zelia quaresma", // more matches than the name search's threshold: its other plan
    "zelia quintanilha",
    "MGZ-6252300",
    "62523000253",
    "123.456.789-09",
    "12.345.678/0001-95",
    "35261106929383000163550010000012341000012345",
    "BR123456789BR",
    "!!",
  ],
  stuckForHours: [24],
  lateDelivery: [true],
  replication: ["held", "pending", "retrying", "rejected"],
  divergent: [true],
  deadline: ["late", "today"],
  notCanceled: [true],
};
const KEYS = Object.keys(SAMPLES) as (keyof BoardFilters)[];

/** Longer than the board's threshold for walking instead of looking each listed order up. */
const LONG = 2_100;
const COMMON_NAME = "Zélia Quaresma";

type Execution = { sql: string; params: unknown[] };

/** Statements the function prepares and runs on a fresh Drizzle handle (no statement cached yet). */
function captured(client: Database.Database, run: (db: Db) => void): Execution[] {
  const executions: Execution[] = [];
  const prepare = client.prepare;
  const recording = (source: string) => {
    const statement = prepare.call(client, source);
    for (const method of ["all", "get", "run", "iterate"] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      Object.assign(statement, {
        [method]: (...params: unknown[]) => {
          executions.push({ sql: source, params });
          return original(...params);
        },
      });
    }
    return statement;
  };
  Object.assign(client, { prepare: recording });
  try {
    run(drizzle(client, { schema }) as Db);
  } finally {
    Reflect.deleteProperty(client, "prepare");
  }
  return executions;
}

type PlanRow = { id: number; parent: number; detail: string };

const SIDE_TABLES = ["divergences", "outbox"];
const WATCHED = new RegExp(`^SCAN (orders|${SIDE_TABLES.join("|")})\\b`);
// Subqueries run once per statement, not once per order.
const RUN_ONCE = /^(LIST SUBQUERY|SCALAR SUBQUERY|CO-ROUTINE|MATERIALIZE)/;
const BY_ORDER = /\((order_id=\?|rowid=\?)/;

/** What is wrong with a plan, one line per problem. */
function planProblems(rows: PlanRow[]): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ancestors = (row: PlanRow) => {
    const found: string[] = [];
    for (let p = byId.get(row.parent); p; p = byId.get(p.parent)) found.push(p.detail);
    return found;
  };
  const problems: string[] = [];
  for (const row of rows) {
    if (WATCHED.test(row.detail)) problems.push(`reads a whole table: ${row.detail}`);
    const side = new RegExp(`^SEARCH (${SIDE_TABLES.join("|")})\\b`).test(row.detail);
    const above = ancestors(row);
    const correlated = above.some((d) => d.startsWith("CORRELATED"));
    const once = !correlated && above.some((d) => RUN_ONCE.test(d));
    if ((correlated || (side && !once)) && !BY_ORDER.test(row.detail) && /^SEARCH/.test(row.detail))
      problems.push(`runs once per order without that order's id: ${row.detail}`);
  }
  return problems;
}

function plan(client: Database.Database, execution: Execution): PlanRow[] {
  return client.prepare(`EXPLAIN QUERY PLAN ${execution.sql}`).all(...execution.params) as PlanRow[];
}

/** Each key alone with every sample, every pair with every pair of samples, and every larger set of keys. */
function shapes(): BoardFilters[] {
  const out: BoardFilters[] = [];
  const subsets = 1 << KEYS.length;
  for (let mask = 1; mask < subsets; mask++) {
    const keys = KEYS.filter((_, i) => mask & (1 << i));
    if (keys.length > 2) {
      // Larger sets take one sample per key, rotating through them so each turns up in some.
      out.push(Object.fromEntries(keys.map((k) => [k, SAMPLES[k][mask % SAMPLES[k].length]])) as BoardFilters);
      continue;
    }
    let combos: BoardFilters[] = [{}];
    for (const key of keys) combos = combos.flatMap((c) => SAMPLES[key].map((v) => ({ ...c, [key]: v })));
    out.push(...combos);
  }
  return out;
}

/**
 * sqlite_stat1 of a hub with a million orders over two accounts and its outbox, written by hand: a test database
 * that size takes minutes to build. The divergences have none, as in a hub whose first divergences came after
 * the last analysis; that is when SQLite guessed its way into probing an account's open divergences per order.
 */
const MILLION_ORDERS: [string, string, string][] = [
  ["orders", "orders_account_placed_idx", "1000000 500000 1 1"],
  ["orders", "orders_account_status_placed_idx", "1000000 500000 55000 1 1"],
  ["orders", "orders_account_channel_status_placed_idx", "1000000 500000 83000 9000 1 1"],
  ["orders", "orders_channel_code_uq", "1000000 500000 83000 1"],
  ["orders", "orders_account_code_number_idx", "1000000 500000 1"],
  ["orders", "orders_account_document_idx", "1000000 500000 2"],
  ["orders", "orders_access_key_idx", "1000000 2"],
  ["orders", "orders_account_tracking_idx", "1000000 500000 2"],
  ["orders", "orders_account_status_changed_idx", "1000000 500000 55000 2"],
  ["orders", "orders_account_status_eta_idx", "1000000 500000 55000 2"],
  ["orders", "orders_account_deadline_idx", "1000000 500000 2 1"],
  ["outbox", "outbox_order_idx", "1300000 2"],
  ["outbox", "outbox_account_state_idx", "1300000 650000 110000"],
  ["outbox", "outbox_due_idx", "1300000 190000 2"],
  ["outbox", "outbox_idempotency_key_unique", "1300000 1"],
];

const STATISTICS: [string, (client: Database.Database) => void][] = [
  ["statistics gathered by PRAGMA optimize", () => {}],
  [
    "a million orders, no statistics on divergences",
    (client) => {
      client.transaction(() => {
        client.prepare("DELETE FROM sqlite_stat1").run();
        client.prepare("DELETE FROM sqlite_stat4").run();
        const insert = client.prepare("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)");
        for (const row of MILLION_ORDERS) insert.run(...row);
      })();
      // Loads the statistics just written into this connection's planner.
      client.exec("ANALYZE sqlite_schema");
    },
  ],
];

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld(LONG + 300);
  const [a, b] = world.accounts.map((x) => x.id) as [number, number];
  const db = world.db;
  const ordersOf = (accountId: number, n: number) =>
    db
      .select({ id: orders.id, channel: orders.channel })
      .from(orders)
      .where(eq(orders.accountId, accountId))
      .orderBy(orders.id)
      .limit(n)
      .all();
  db.update(orders)
    .set({ customerName: COMMON_NAME, customerNameSearch: searchableText(COMMON_NAME) })
    .where(sql`${orders.id} % 2 = 0`)
    .run();
  // Account a: more open divergences and rejected updates than the threshold; b: a few, and resolved ones.
  const now = new Date();
  db.transaction((tx) => {
    for (const [accountId, n] of [
      [a, LONG],
      [b, 30],
    ] as const) {
      for (const [i, o] of ordersOf(accountId, n).entries()) {
        const divergence = { orderId: o.id, accountId, channel: o.channel, hubState: {}, marketplaceState: {} };
        tx.insert(divergences)
          .values([
            { ...divergence, kind: "manual_change", likelyCause: "teste", openedAt: now },
            { ...divergence, kind: "data_mismatch", likelyCause: "teste", openedAt: now, resolvedAt: now },
          ])
          .run();
        tx.insert(outbox)
          .values({
            orderId: o.id,
            accountId,
            channel: o.channel,
            kind: "invoice",
            payload: {},
            state: "rejected",
            idempotencyKey: `plan-test-${accountId}-${i}`,
            createdAt: now,
            updatedAt: now,
          })
          .run();
      }
    }
  });
  // Statistics as a running hub gathers them: the web and worker connections run this when they open.
  gatherStatistics(db);
}, 120_000);
afterAll(() => world?.close());

describe("board query plans", () => {
  it("the database has statistics for the tables the board reads", () => {
    const analyzed = world.db.$client.prepare("SELECT DISTINCT tbl FROM sqlite_stat1").pluck().all() as string[];
    expect(analyzed).toEqual(expect.arrayContaining(["orders", ...SIDE_TABLES]));
  });

  it("the samples cover every board filter", () => {
    expect(KEYS.sort()).toEqual(Object.keys(boardFiltersSchema.shape).sort());
  });

  for (const [scenario, setStatistics] of STATISTICS)
    it(`no filter shape reads a whole table or probes a side table per order (${scenario})`, () => {
      const client = world.db.$client;
      setStatistics(client);
      const cursor = { placedAt: Date.now(), id: Number.MAX_SAFE_INTEGER };
      const byDeadline = { deadlineAt: Date.now(), placedAt: Date.now(), id: 0 };
      const amongNoDeadline = { deadlineAt: null, placedAt: Date.now(), id: Number.MAX_SAFE_INTEGER };
      const queries: [string, (db: Db, accountId: number, f: BoardFilters) => unknown][] = [
        ["list", (db, accountId, f) => listOrders(db, accountId, boardQuery(f), null, 50)],
        ["next page", (db, accountId, f) => listOrders(db, accountId, boardQuery(f), cursor, 50)],
        ["by deadline", (db, accountId, f) => listOrders(db, accountId, boardQuery(f), null, 50, "deadline")],
        [
          "next by deadline",
          (db, accountId, f) => listOrders(db, accountId, boardQuery(f), byDeadline, 50, "deadline"),
        ],
        [
          "without deadline",
          (db, accountId, f) => listOrders(db, accountId, boardQuery(f), amongNoDeadline, 50, "deadline"),
        ],
        ["counts", (db, accountId, f) => countOrdersByStatus(db, accountId, orderFilters(f))],
        ["deadline counts", (db, accountId, f) => countDeadlines(db, accountId, boardQuery(f))],
        ["export", (db, accountId, f) => exportPage(db, accountId, orderFilters(f), cursor, 2_000)],
      ];
      // Each problem once, with the first shape that showed it and how many did.
      const problems = new Map<string, { first: string; shapes: number }>();
      let planned = 0;
      for (const filters of shapes())
        for (const { id: accountId } of world.accounts)
          for (const [name, query] of queries)
            for (const execution of captured(client, (db) => query(db, accountId, filters))) {
              planned++;
              for (const problem of planProblems(plan(client, execution))) {
                const seen = problems.get(problem) ?? { first: `${name} ${JSON.stringify(filters)}`, shapes: 0 };
                problems.set(problem, { ...seen, shapes: seen.shapes + 1 });
              }
            }
      expect(planned).toBeGreaterThan(5_000);
      expect(Object.fromEntries(problems)).toEqual({});
    }, 120_000);

  it("the age filters' counts seek the age in an index instead of reading the account's orders", () => {
    const client = world.db.$client;
    const [{ id: accountId }] = world.accounts as [{ id: number; cnpj: string }];
    const ranges: [BoardFilters, RegExp][] = [
      [{ stuckForHours: 24 }, /status_changed_at<\?/],
      [{ lateDelivery: true }, /estimated_delivery_at<\?/],
      [{ deadline: "late" }, /account_id=\? AND deadline_at>\? AND deadline_at<\?/],
      [{ deadline: "today" }, /account_id=\? AND deadline_at>\? AND deadline_at<\?/],
    ];
    for (const [filters, range] of ranges) {
      const details = captured(client, (db) => countOrdersByStatus(db, accountId, orderFilters(filters)))
        .flatMap((execution) => plan(client, execution))
        .map((row) => row.detail)
        .filter((detail) => /^SEARCH orders\b/.test(detail));
      expect(details.length).toBeGreaterThan(0);
      for (const detail of details) expect(detail).toMatch(range);
    }
  });

  it("the late and due-today figures read the counters and at most this hour of the deadline index, by channel too", () => {
    const client = world.db.$client;
    const [{ id: accountId }] = world.accounts as [{ id: number; cnpj: string }];
    const shapes = [
      {},
      { channels: ["amazon" as const] },
      { deadline: "late" as const },
      { deadline: "today" as const },
    ];
    for (const filters of shapes) {
      const details = captured(client, (db) =>
        filters.deadline
          ? countOrdersByStatus(db, accountId, orderFilters(filters))
          : countDeadlines(db, accountId, boardQuery(filters)),
      )
        .flatMap((execution) => plan(client, execution))
        .map((row) => row.detail)
        .filter((detail) => /^(SEARCH|SCAN)/.test(detail));
      expect(details.length).toBeGreaterThan(0);
      // Which pieces are read depends on the hour (db/queries/deadline-ranges.ts); each is a seek of its range. The
      // daily counters hold a row per account, channel, status and day: SQLite may read a small one whole.
      for (const detail of details)
        expect(detail).toMatch(
          /^(SCAN order_deadline_counts$|SEARCH order_deadline_counts .*\(account_id=\?|SEARCH order_deadline_hour_counts .*\(account_id=\? AND hour>\? AND hour<\?\)|SEARCH orders USING COVERING INDEX orders_account_deadline_idx \(account_id=\? AND deadline_at>\? AND deadline_at<\?\))/,
        );
    }
  });

  it("a page in deadline order walks the deadline index, then the placed-at one, instead of sorting the account's orders", () => {
    const client = world.db.$client;
    const [{ id: accountId }] = world.accounts as [{ id: number; cnpj: string }];
    const amongNoDeadline = { deadlineAt: null, placedAt: Date.now(), id: Number.MAX_SAFE_INTEGER };
    const details = captured(client, (db) => {
      listOrders(db, accountId, boardQuery({}), null, 50, "deadline");
      listOrders(db, accountId, boardQuery({}), amongNoDeadline, 50, "deadline");
    })
      .flatMap((execution) => plan(client, execution))
      .map((row) => row.detail);
    // Equal deadlines are put in id order as the walk meets them: a sort of a handful of rows, not of the account.
    expect(details.filter((d) => /TEMP B-TREE/.test(d) && !/RIGHT PART|LAST TERM/.test(d))).toEqual([]);
    expect(details.filter((d) => d.startsWith("SEARCH orders"))).toEqual([
      expect.stringMatching(/orders_account_deadline_idx \(account_id=\? AND deadline_at>\?\)/),
      expect.stringMatching(/orders_account_placed_idx \(account_id=\?\)/),
    ]);
  });

  it("a page of a long or a short id list holds the newest of the listed orders", () => {
    for (const { id: accountId } of world.accounts) {
      const listed = world.db
        .selectDistinct({ id: divergences.orderId, placedAt: orders.placedAt })
        .from(divergences)
        .innerJoin(orders, eq(orders.id, divergences.orderId))
        .where(and(eq(divergences.accountId, accountId), isNull(divergences.resolvedAt)))
        .orderBy(desc(orders.placedAt), desc(orders.id))
        .limit(50)
        .all();
      const page = listOrders(world.db, accountId, boardQuery({ divergent: true }), null, 50);
      expect(page.orders.map((o) => o.id)).toEqual(listed.map((o) => o.id));
    }
  });

  it("flags the plans it guards against", () => {
    const row = (id: number, parent: number, detail: string) => ({ id, parent, detail });
    expect(planProblems([row(2, 0, "SCAN orders")])).toHaveLength(1);
    expect(
      planProblems([
        row(3, 0, "SEARCH orders USING INDEX orders_account_placed_idx (account_id=?)"),
        row(9, 0, "SEARCH divergences EXISTS USING INDEX divergences_account_open_idx (account_id=?)"),
      ]),
    ).toHaveLength(1);
    expect(
      planProblems([
        row(3, 0, "CORRELATED SCALAR SUBQUERY 1"),
        row(5, 3, "SEARCH outbox USING INDEX outbox_account_state_idx (account_id=? AND state=?)"),
      ]),
    ).toHaveLength(1);
    expect(
      planProblems([
        row(3, 0, "SEARCH orders USING INTEGER PRIMARY KEY (rowid=?)"),
        row(5, 0, "LIST SUBQUERY 1"),
        row(7, 5, "SEARCH divergences USING INDEX divergences_account_open_idx (account_id=?)"),
      ]),
    ).toEqual([]);
  });
});
