// The floor the board is compared against: node:http + better-sqlite3 answering orders.list's status + channel
// query, in a process of its own like the app's server. It does the work no framework can skip: read the
// filter from the URL, run the same prepared query with it, send the rows as JSON with ISO dates.
// Usage: node --import tsx bench/bare-server.ts <database>; prints the port it listens on.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";

const db = new Database(process.argv[2] ?? "", { readonly: true });
const query = db.prepare(
  `SELECT id, channel, marketplace_code, logistics_mode, status, cancellation_requested_at, handled_manually_at, placed_at,
          customer_name, customer_document, total_cents, access_key, tracking_code
     FROM orders WHERE account_id = ? AND channel = ? AND status = ?
    ORDER BY placed_at DESC, id DESC LIMIT 51`,
);

interface Row {
  cancellation_requested_at: number | null;
  handled_manually_at: number | null;
  placed_at: number;
}
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://bare");
  const { account, channel, status } = JSON.parse(url.searchParams.get("input") ?? "{}");
  const rows = (query.all(account, channel, status) as Row[]).map((row) => ({
    ...row,
    cancellation_requested_at: iso(row.cancellation_requested_at),
    handled_manually_at: iso(row.handled_manually_at),
    placed_at: iso(row.placed_at),
  }));
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(rows));
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as AddressInfo).port));
