// The sandbox's own SQLite file, so marketplace state survives restarts like a real marketplace's would.
// Orders are kept as their API JSON plus the few columns queries need.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { MarketplaceOrder } from "./types";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  channel TEXT NOT NULL,
  code TEXT NOT NULL,
  seller_cnpj TEXT NOT NULL,
  status TEXT NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  changed_tick INTEGER NOT NULL,
  invoice_key TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (channel, code)
);
CREATE INDEX IF NOT EXISTS orders_seller_seq ON orders (seller_cnpj, seq);
CREATE INDEX IF NOT EXISTS orders_status ON orders (status, changed_tick);
CREATE INDEX IF NOT EXISTS orders_invoice_key ON orders (channel, invoice_key);
CREATE TABLE IF NOT EXISTS updates (
  seller_cnpj TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  request TEXT NOT NULL,
  received_count INTEGER NOT NULL,
  http_status INTEGER NOT NULL,
  result TEXT NOT NULL,
  response TEXT NOT NULL,
  first_received_at TEXT NOT NULL,
  last_received_at TEXT NOT NULL,
  PRIMARY KEY (seller_cnpj, idempotency_key)
);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS skyhub_queue (
  seller_cnpj TEXT NOT NULL,
  code TEXT NOT NULL,
  enqueued_seq INTEGER NOT NULL,
  visible_at INTEGER NOT NULL,
  read_seq INTEGER,
  PRIMARY KEY (seller_cnpj, code)
);
CREATE INDEX IF NOT EXISTS skyhub_queue_next ON skyhub_queue (seller_cnpj, enqueued_seq);
CREATE TABLE IF NOT EXISTS skyhub_seen (
  code TEXT PRIMARY KEY,
  status TEXT NOT NULL
);
`;

export interface StoredUpdate {
  idempotencyKey: string;
  channel: string;
  code: string;
  kind: string;
  receivedCount: number;
  httpStatus: number;
  result: string;
  firstReceivedAt: string;
  lastReceivedAt: string;
}

export interface NewUpdate {
  seller: string;
  idempotencyKey: string;
  channel: string;
  code: string;
  kind: string;
  request: unknown;
  httpStatus: number;
  result: string;
  response: unknown;
}

type OrderRow = { data: string };
type UpdateRow = {
  idempotency_key: string;
  channel: string;
  code: string;
  kind: string;
  received_count: number;
  http_status: number;
  result: string;
  response: string;
  first_received_at: string;
  last_received_at: string;
};

function toUpdate(row: UpdateRow): StoredUpdate {
  return {
    idempotencyKey: row.idempotency_key,
    channel: row.channel,
    code: row.code,
    kind: row.kind,
    receivedCount: row.received_count,
    httpStatus: row.http_status,
    result: row.result,
    firstReceivedAt: row.first_received_at,
    lastReceivedAt: row.last_received_at,
  };
}

export class SandboxStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    // A stand-in, not a ledger: losing the last instant of writes on a power cut is fine, an fsync per request is not.
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(SCHEMA);
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Each request runs a handful of fixed statements; preparing them once keeps the sandbox out of the figures. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A marketplace protocol's own tables beside the orders (tokens, notifications): created once, kept on restart. */
  ensureTables(schema: string): void {
    this.db.exec(schema);
  }

  /** A prepared statement for a protocol's own tables or its reads of `orders`, prepared once like the others. */
  query(sql: string): Database.Statement {
    return this.statement(sql);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private meta(key: string): number {
    const row = this.statement("SELECT value FROM meta WHERE key = ?").get(key) as { value: number } | undefined;
    return row?.value ?? 0;
  }

  private bumpMeta(key: string): number {
    const row = this.statement(
      "INSERT INTO meta (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value",
    ).get(key) as { value: number };
    return row.value;
  }

  currentTick(): number {
    return this.meta("tick");
  }

  advanceTick(): number {
    return this.bumpMeta("tick");
  }

  /** Feeds the per-channel order code, so codes stay unique even when the PRNG replays after a restart. */
  nextOrderNumber(): number {
    return this.bumpMeta("order_number");
  }

  lastSeq(): number {
    return this.meta("seq");
  }

  getOrder(channel: string, code: string): MarketplaceOrder | null {
    const row = this.statement("SELECT data FROM orders WHERE channel = ? AND code = ?").get(channel, code) as
      | OrderRow
      | undefined;
    return row ? (JSON.parse(row.data) as MarketplaceOrder) : null;
  }

  listOrders(seller: string, channel: string | null, since: number, limit: number): MarketplaceOrder[] {
    const rows = (
      channel
        ? this.statement(
            "SELECT data FROM orders WHERE seller_cnpj = ? AND channel = ? AND seq > ? ORDER BY seq LIMIT ?",
          ).all(seller, channel, since, limit)
        : this.statement("SELECT data FROM orders WHERE seller_cnpj = ? AND seq > ? ORDER BY seq LIMIT ?").all(
            seller,
            since,
            limit,
          )
    ) as OrderRow[];
    return rows.map((row) => JSON.parse(row.data) as MarketplaceOrder);
  }

  /** Orders the marketplace may still move on its own, untouched since before the given tick began. */
  ordersIdleBefore(tick: number): MarketplaceOrder[] {
    const rows = this.statement(
      "SELECT data FROM orders WHERE status NOT IN ('DELIVERED', 'CANCELED') AND changed_tick < ? ORDER BY seq",
    ).all(tick) as OrderRow[];
    return rows.map((row) => JSON.parse(row.data) as MarketplaceOrder);
  }

  invoiceKeyUsedElsewhere(order: MarketplaceOrder, accessKey: string): boolean {
    const row = this.statement("SELECT 1 FROM orders WHERE channel = ? AND invoice_key = ? AND code <> ?").get(
      order.channel,
      accessKey,
      order.code,
    );
    return row !== undefined;
  }

  /**
   * Inserts or replaces the order as a new change: every write takes the next global seq, which is what lets
   * the hub read "everything since seq N" without missing a change.
   */
  saveOrder(order: MarketplaceOrder, now = new Date()): MarketplaceOrder {
    const saved: MarketplaceOrder = { ...order, seq: this.bumpMeta("seq"), updatedAt: now.toISOString() };
    this.statement(
      `INSERT INTO orders (channel, code, seller_cnpj, status, seq, changed_tick, invoice_key, data)
         VALUES (@channel, @code, @seller, @status, @seq, @tick, @invoiceKey, @data)
         ON CONFLICT (channel, code) DO UPDATE SET
           status = excluded.status, seq = excluded.seq, changed_tick = excluded.changed_tick,
           invoice_key = excluded.invoice_key, data = excluded.data`,
    ).run({
      channel: saved.channel,
      code: saved.code,
      seller: saved.sellerCnpj,
      status: saved.status,
      seq: saved.seq,
      tick: this.currentTick(),
      invoiceKey: saved.invoice?.accessKey ?? null,
      data: JSON.stringify(saved),
    });
    return saved;
  }

  getUpdate(seller: string, key: string): { stored: StoredUpdate; response: unknown } | null {
    const row = this.statement("SELECT * FROM updates WHERE seller_cnpj = ? AND idempotency_key = ?").get(
      seller,
      key,
    ) as UpdateRow | undefined;
    return row ? { stored: toUpdate(row), response: JSON.parse(row.response) } : null;
  }

  countRepeat(seller: string, key: string, now = new Date()): void {
    this.statement(
      `UPDATE updates SET received_count = received_count + 1, last_received_at = ?
         WHERE seller_cnpj = ? AND idempotency_key = ?`,
    ).run(now.toISOString(), seller, key);
  }

  insertUpdate(update: NewUpdate, now = new Date()): void {
    this.statement(
      `INSERT INTO updates (seller_cnpj, idempotency_key, channel, code, kind, request, received_count,
           http_status, result, response, first_received_at, last_received_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
    ).run(
      update.seller,
      update.idempotencyKey,
      update.channel,
      update.code,
      update.kind,
      JSON.stringify(update.request ?? null),
      update.httpStatus,
      update.result,
      JSON.stringify(update.response),
      now.toISOString(),
      now.toISOString(),
    );
  }

  listUpdates(seller: string | null): StoredUpdate[] {
    const rows = (
      seller
        ? this.statement("SELECT * FROM updates WHERE seller_cnpj = ? ORDER BY rowid").all(seller)
        : this.statement("SELECT * FROM updates ORDER BY rowid").all()
    ) as UpdateRow[];
    return rows.map(toUpdate);
  }

  // SkyHub's order queue (sandbox/protocols/skyhub): one queue per seller, an item per order, hidden for a lease
  // once read, gone once deleted; `skyhub_seen` is the status each order had when last looked at for new events.

  setMeta(key: string, value: number): void {
    this.statement(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(key, value);
  }

  metaValue(key: string): number {
    return this.meta(key);
  }

  /** One channel's orders changed after `since`, in seq order. */
  channelOrdersSince(channel: string, since: number, limit: number): MarketplaceOrder[] {
    const rows = this.statement("SELECT data FROM orders WHERE channel = ? AND seq > ? ORDER BY seq LIMIT ?").all(
      channel,
      since,
      limit,
    ) as OrderRow[];
    return rows.map((row) => JSON.parse(row.data) as MarketplaceOrder);
  }

  /** A page of one seller's orders of a channel, newest first, optionally of some statuses only. */
  sellerOrdersPage(
    seller: string,
    channel: string,
    statuses: readonly string[],
    offset: number,
    limit: number,
  ): { orders: MarketplaceOrder[]; total: number } {
    const filter = statuses.length > 0 ? `AND status IN (${statuses.map(() => "?").join(", ")})` : "";
    const params = [seller, channel, ...statuses];
    const total = (
      this.db
        .prepare(`SELECT count(*) AS n FROM orders WHERE seller_cnpj = ? AND channel = ? ${filter}`)
        .get(...params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT data FROM orders WHERE seller_cnpj = ? AND channel = ? ${filter} ORDER BY seq DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset) as OrderRow[];
    return { orders: rows.map((row) => JSON.parse(row.data) as MarketplaceOrder), total };
  }

  seenStatus(code: string): string | null {
    const row = this.statement("SELECT status FROM skyhub_seen WHERE code = ?").get(code) as
      | { status: string }
      | undefined;
    return row?.status ?? null;
  }

  setSeenStatus(code: string, status: string): void {
    this.statement(
      "INSERT INTO skyhub_seen (code, status) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET status = excluded.status",
    ).run(code, status);
  }

  /**
   * Queues the order once: an order already waiting is not queued twice (its current state is what is read), but a
   * newer event moves it to the back, so a delete of what was read before it does not drop it.
   */
  enqueue(seller: string, code: string, seq: number, visibleAt: number): void {
    this.statement(
      `INSERT INTO skyhub_queue (seller_cnpj, code, enqueued_seq, visible_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (seller_cnpj, code) DO UPDATE SET enqueued_seq = excluded.enqueued_seq`,
    ).run(seller, code, seq, visibleAt);
  }

  /** The oldest visible item of the seller's queue, hidden until `leaseUntil`, or null. */
  takeQueued(seller: string, now: number, leaseUntil: number): string | null {
    const row = this.statement(
      `SELECT code FROM skyhub_queue WHERE seller_cnpj = ? AND visible_at <= ? ORDER BY enqueued_seq LIMIT 1`,
    ).get(seller, now) as { code: string } | undefined;
    if (!row) return null;
    this.statement(
      "UPDATE skyhub_queue SET visible_at = ?, read_seq = enqueued_seq WHERE seller_cnpj = ? AND code = ?",
    ).run(leaseUntil, seller, row.code);
    return row.code;
  }

  isQueued(seller: string, code: string): boolean {
    return (
      this.statement("SELECT 1 FROM skyhub_queue WHERE seller_cnpj = ? AND code = ?").get(seller, code) !== undefined
    );
  }

  /**
   * Deletes the seller's item for the order; one with an event newer than its last read stays, visible again, so
   * that event is read too. False when the order is not in the queue.
   */
  dequeue(seller: string, code: string): boolean {
    const deleted = this.statement(
      `DELETE FROM skyhub_queue WHERE seller_cnpj = ? AND code = ? AND (read_seq IS NULL OR read_seq = enqueued_seq)`,
    ).run(seller, code).changes;
    if (deleted > 0) return true;
    return (
      this.statement("UPDATE skyhub_queue SET visible_at = 0 WHERE seller_cnpj = ? AND code = ?").run(seller, code)
        .changes > 0
    );
  }

  /**
   * Drops orders and updates but keeps the counters: seq keeps growing, so a hub still holding a cursor from
   * before the reset sees every order created after it.
   */
  reset(): void {
    this.transaction(() => {
      this.db.exec("DELETE FROM orders; DELETE FROM updates; DELETE FROM skyhub_queue; DELETE FROM skyhub_seen;");
    });
  }
}
