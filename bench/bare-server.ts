// The floor the board is compared against: node:http answering orders.list's status + channel query, in a process
// of its own like the app's server, on the app's engine: better-sqlite3 on the SQLite file, node-postgres on a
// postgres:// URL. It does the work no framework can skip: read the filter from the URL, run the same prepared
// query with it, send the rows as JSON with ISO dates.
// Usage: node --import tsx bench/bare-server.ts <database file or postgres:// URL>; prints the port it listens on.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "../db/client";
import { toPostgresText } from "../db/pg/placeholders";

const target = process.argv[2] ?? "";
const QUERY = `SELECT id, channel, marketplace_code, logistics_mode, status, cancellation_requested_at, handled_manually_at, placed_at,
          customer_name, customer_document, total_cents, access_key, tracking_code
     FROM orders WHERE account_id = ? AND channel = ? AND status = ?
    ORDER BY placed_at DESC, id DESC LIMIT 51`;

interface Row {
  cancellation_requested_at: number | null;
  handled_manually_at: number | null;
  placed_at: number;
}
type Query = (account: number, channel: string, status: string) => Promise<Row[]> | Row[];

async function openQuery(): Promise<Query> {
  if (!isPostgresUrl(target)) {
    const statement = new Database(target, { readonly: true }).prepare(QUERY);
    return (...params) => statement.all(...params) as Row[];
  }
  // Epoch milliseconds are bigint there: read as numbers, as the app's client reads them (db/pg/bridge-worker.cjs).
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
  // One connection, as each app process has one: the app's queries wait their turn on it, and so do these.
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  const text = toPostgresText(QUERY);
  return async (...values) => (await client.query<Row>({ name: "bare_list", text, values })).rows;
}

const query = await openQuery();
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function send(res: ServerResponse, rows: Row[]) {
  res.setHeader("content-type", "application/json");
  res.end(
    JSON.stringify(
      rows.map((row) => ({
        ...row,
        cancellation_requested_at: iso(row.cancellation_requested_at),
        handled_manually_at: iso(row.handled_manually_at),
        placed_at: iso(row.placed_at),
      })),
    ),
  );
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://bare");
  const { account, channel, status } = JSON.parse(url.searchParams.get("input") ?? "{}");
  const rows = query(account, channel, status);
  // SQLite's answer is sent in the same tick, as before the PostgreSQL floor existed: no promise to pay for.
  if (!(rows instanceof Promise)) return send(res, rows);
  rows.then(
    (answered) => send(res, answered),
    (error) => {
      res.statusCode = 500;
      res.end(String(error));
    },
  );
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as AddressInfo).port));
