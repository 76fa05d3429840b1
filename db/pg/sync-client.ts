import { resolve } from "node:path";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { toPostgresText } from "./placeholders";

/**
 * PostgreSQL behind the same synchronous client better-sqlite3 gives Drizzle, so one domain command is one
 * synchronous function inside one transaction on both engines, and no rule exists twice (docs/DATA-LAYER.md).
 * Each call waits for PostgreSQL's answer on this thread while a worker thread holds the connection
 * (db/pg/bridge-worker.cjs): a process does one thing at a time on its connection, as it does on SQLite's file,
 * and a hub grows by running more processes (docs/DEPLOY.md).
 */

type Op = "open" | "query" | "exec" | "close";
type Answer = { rows: unknown[]; rowCount: number } | null;

// Found from the working directory like the migrations: Next's server bundle has no path of its own for it.
const WORKER = resolve(/*turbopackIgnore: true*/ process.cwd(), "db/pg/bridge-worker.cjs");

/**
 * The caller's side of the bridge: a message to the thread, then a sleep on a shared word until the thread has put
 * the answer on the port (the way synckit works, written out because its loader hooks do not survive a thread
 * started from another thread, as the dashboard's is). One thread serves every connection of a thread.
 */
class Bridge {
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private seq = 0;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER, { workerData: { signal: this.signal, port: port2 }, transferList: [port2] });
    // Neither keeps the process alive: its connections end with it.
    worker.unref();
    port1.unref();
    this.port = port1;
  }

  call(waitMs: number, op: Op, id: number, text?: string, values?: unknown, arrayMode?: boolean): Answer {
    this.seq += 1;
    const seq = this.seq;
    const deadline = Date.now() + waitMs;
    this.port.postMessage({ seq, op, id, text, values, arrayMode });
    for (;;) {
      // Reset before reading the port: an answer that lands after the read has set the word again by then.
      Atomics.store(this.signal, 0, 0);
      // Answers to calls that gave up waiting (a close as the process ends) may still arrive: they are dropped.
      for (let reply = receiveMessageOnPort(this.port); reply; reply = receiveMessageOnPort(this.port)) {
        const { seq: of, result, error } = reply.message as Reply;
        if (of !== seq) continue;
        if (error) throw Object.assign(new Error(error.message), error);
        return result ?? null;
      }
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, 0, left) === "timed-out") {
        throw Object.assign(new Error(`PostgreSQL did not answer within ${waitMs} ms`), { code: "FLUXO_PG_TIMEOUT" });
      }
    }
  }
}

type Reply = { seq: number; result?: Answer; error?: { message: string } };

let bridge: Bridge | null = null;
let nextId = 1;
const theBridge = () => {
  bridge ??= new Bridge();
  return bridge;
};

/** What every connection is told when it opens: the waits that must not hang a whole process. */
export interface ConnectionSettings {
  /** A lock held elsewhere longer than this fails the statement, as SQLite's busy timeout does. */
  lock_timeout: number;
  statement_timeout: number;
  /** A transaction left open (a process stopped mid-command) gives its locks back after this. */
  idle_in_transaction_session_timeout: number;
  application_name: string;
}

const CLOSE_WAIT_MS = 2_000;

// Connecting includes the thread's first start (loading pg) and the server's authentication.
const OPEN_WAIT_MS = 15_000;

const DEFAULT_SETTINGS: ConnectionSettings = {
  lock_timeout: 5_000,
  statement_timeout: 60_000,
  idle_in_transaction_session_timeout: 60_000,
  application_name: "fluxo",
};

/** Uint8Array back to Buffer (structured cloning drops the class), as better-sqlite3 returns blobs. */
function asBuffers(rows: unknown[], arrayMode: boolean): unknown[] {
  for (const row of rows) {
    const cells = row as Record<string, unknown>;
    for (const key of arrayMode ? (row as unknown[]).keys() : Object.keys(cells)) {
      const value = (cells as Record<string | number, unknown>)[key];
      if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
        (cells as Record<string | number, unknown>)[key] = Buffer.from(value.buffer, value.byteOffset, value.length);
      }
    }
  }
  return rows;
}

type Mode = "objects" | "arrays" | "first column";

class PgStatement {
  constructor(
    private readonly client: PgSyncClient,
    private readonly text: string,
    private readonly mode: Mode = "objects",
  ) {}

  // better-sqlite3 switches a statement's mode in place; a new statement keeps the cached one as it was.
  raw(on = true): PgStatement {
    return new PgStatement(this.client, this.text, on ? "arrays" : "objects");
  }

  pluck(on = true): PgStatement {
    return new PgStatement(this.client, this.text, on ? "first column" : "objects");
  }

  run(...params: unknown[]): Database.RunResult {
    const { rowCount } = this.client.query(this.text, params.flat(), true);
    return { changes: rowCount, lastInsertRowid: 0 };
  }

  all(...params: unknown[]): unknown[] {
    const { rows } = this.client.query(this.text, params.flat(), this.mode !== "objects");
    return this.mode === "first column" ? rows.map((row) => (row as unknown[])[0]) : rows;
  }

  get(...params: unknown[]): unknown {
    return this.all(...params)[0];
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }
}

export class PgSyncClient {
  readonly engine = "postgres";
  readonly name: string;
  open = true;
  private readonly id = nextId++;
  private depth = 0;
  private readonly texts = new Map<string, string>();

  private readonly waitMs: number;

  constructor(url: string, settings: Partial<ConnectionSettings> = {}) {
    this.name = url;
    const all = { ...DEFAULT_SETTINGS, ...settings };
    // PostgreSQL ends a statement past its timeout; this only covers a server that stopped answering at all.
    this.waitMs = all.statement_timeout + 10_000;
    theBridge().call(OPEN_WAIT_MS, "open", this.id, url, all);
  }

  /** @internal */
  query(text: string, values: unknown[], arrayMode: boolean): { rows: unknown[]; rowCount: number } {
    if (!this.open) throw new TypeError("The database connection is not open");
    let translated = this.texts.get(text);
    if (translated === undefined) {
      translated = toPostgresText(text);
      if (this.texts.size > 2_000) this.texts.clear();
      this.texts.set(text, translated);
    }
    const answer = theBridge().call(this.waitMs, "query", this.id, translated, values, arrayMode) as {
      rows: unknown[];
      rowCount: number;
    };
    return { rows: asBuffers(answer.rows, arrayMode), rowCount: answer.rowCount };
  }

  prepare(text: string): PgStatement {
    return new PgStatement(this, text);
  }

  exec(text: string): this {
    theBridge().call(this.waitMs, "exec", this.id, toPostgresText(text));
    return this;
  }

  /**
   * better-sqlite3's transaction function: BEGIN…COMMIT around `fn`, a savepoint when one is already open, and
   * ROLLBACK when it throws. As there, `fn` must not be async: the transaction ends when it returns.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R) {
    const run = (...args: A): R => {
      const nested = this.depth > 0;
      const savepoint = `fluxo_sp${this.depth}`;
      this.exec(nested ? `SAVEPOINT ${savepoint}` : "BEGIN");
      this.depth += 1;
      try {
        const result = fn(...args);
        if (result instanceof Promise) throw new TypeError("Transaction function cannot return a promise");
        this.depth -= 1;
        this.exec(nested ? `RELEASE SAVEPOINT ${savepoint}` : "COMMIT");
        return result;
      } catch (error) {
        this.depth = Math.max(0, this.depth - 1);
        if (this.open) this.exec(nested ? `ROLLBACK TO SAVEPOINT ${savepoint}` : "ROLLBACK");
        throw error;
      }
    };
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run });
  }

  pragma(): never {
    throw new TypeError("PRAGMA is SQLite's; this connection is PostgreSQL");
  }

  close(): this {
    if (!this.open) return this;
    this.open = false;
    try {
      // Often called as the process exits, when the thread may be ending too: the server ends the session anyway.
      theBridge().call(CLOSE_WAIT_MS, "close", this.id);
    } catch {
      // The connection is gone either way.
    }
    return this;
  }

  /** This client as the better-sqlite3 handle Drizzle's SQLite driver drives (the part of it Drizzle calls). */
  asSqliteHandle(): Database.Database {
    return this as unknown as Database.Database;
  }
}
