// Mercado Livre tells an app's callback that an order changed ({resource, user_id, topic, …}, never the order
// itself), retries a few times, and keeps what failed for GET /missed_feeds.
import type { ApiRequest } from "../../api";
import type { SandboxStore } from "../../store";
import type { JsonResponse } from "../../types";
import { mlError } from "./errors";
import { orderIdOf } from "./ids";
import { mlConfig } from "./oauth";
import { mlTables, setState, stateValue, userOfSeller } from "./tables";

const PUMP_EVERY_MS = 200;
const MAX_ATTEMPTS = 4;
/** Mercado Livre wants the answer in 500 ms; a little slack keeps a busy test machine from losing every one. */
const ANSWER_WITHIN_MS = 1_500;
const WATERMARK = "notified_seq";

type NotificationRow = {
  id: number;
  resource: string;
  user_id: number;
  topic: string;
  received: string;
  attempts: number;
  sent: string | null;
};

function payload(row: NotificationRow, attempts: number, sent: string) {
  return {
    _id: `sandbox-${row.id}`,
    resource: row.resource,
    user_id: row.user_id,
    topic: row.topic,
    application_id: Number(mlConfig.clientId) || mlConfig.clientId,
    attempts,
    sent,
    received: row.received,
  };
}

/** Every Mercado Livre order changed since the watermark, of a seller who authorized the app, becomes a notification. */
function enqueueChanges(store: SandboxStore): void {
  const tables = mlTables(store);
  store.transaction(() => {
    const since = stateValue(store, WATERMARK) ?? 0;
    const rows = store
      .query(
        "SELECT code, seller_cnpj, seq FROM orders WHERE channel = 'mercado_livre' AND seq > ? ORDER BY seq LIMIT 500",
      )
      .all(since) as { code: string; seller_cnpj: string; seq: number }[];
    const now = new Date();
    for (const row of rows) {
      const id = orderIdOf(row.code);
      const userId = userOfSeller(store, row.seller_cnpj);
      if (!id || !userId) continue;
      tables
        .query(
          "INSERT INTO ml_notifications (resource, user_id, topic, received, next_at) VALUES (?, ?, 'orders_v2', ?, ?)",
        )
        .run(`/orders/${id}`, userId, now.toISOString(), now.getTime());
    }
    setState(store, WATERMARK, rows.at(-1)?.seq ?? since);
  });
}

async function deliver(store: SandboxStore, url: string): Promise<void> {
  const due = mlTables(store)
    .query(
      `SELECT * FROM ml_notifications WHERE delivered = 0 AND attempts < ${MAX_ATTEMPTS} AND next_at <= ? ORDER BY id LIMIT 50`,
    )
    .all(Date.now()) as NotificationRow[];
  await Promise.all(
    due.map(async (row) => {
      const attempts = row.attempts + 1;
      const sent = new Date().toISOString();
      let delivered = false;
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload(row, attempts, sent)),
          signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
        });
        delivered = res.ok;
      } catch {
        delivered = false;
      }
      store
        .query("UPDATE ml_notifications SET attempts = ?, sent = ?, delivered = ?, next_at = ? WHERE id = ?")
        .run(attempts, sent, delivered ? 1 : 0, Date.now() + 500 * 2 ** attempts, row.id);
    }),
  );
}

const pumps = new WeakSet<SandboxStore>();

/**
 * Starts the notifier with the first Mercado Livre request (the protocol has no start hook); the watermark is
 * durable, and changes from before it began are what /orders/search recovery is for.
 */
export function ensureNotifier(store: SandboxStore): void {
  const url = mlConfig.callbackUrl;
  if (!url || pumps.has(store)) return;
  pumps.add(store);
  // Set now rather than at the first tick, so a change made right after this request is never skipped.
  if (stateValue(store, WATERMARK) === null) setState(store, WATERMARK, store.lastSeq());
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    try {
      enqueueChanges(store);
    } catch (cause) {
      console.error("sandbox: mercado livre notifications", cause);
    }
    deliver(store, url)
      .catch((cause) => console.error("sandbox: mercado livre notifications", cause))
      .finally(() => {
        busy = false;
      });
  }, PUMP_EVERY_MS);
  timer.unref();
}

/** GET /missed_feeds?app_id=&topic=&offset=&limit=: notifications that exhausted their attempts. */
export function missedFeeds(req: ApiRequest, store: SandboxStore, userId: number): JsonResponse {
  if (req.query.get("app_id") !== mlConfig.clientId)
    return mlError(403, "forbidden", "app_id does not belong to the caller");
  const topic = req.query.get("topic");
  const offset = Math.max(0, Number(req.query.get("offset") ?? 0) || 0);
  const limit = Math.min(1000, Math.max(1, Number(req.query.get("limit") ?? 10) || 10));
  const filter = `delivered = 0 AND attempts >= ${MAX_ATTEMPTS} AND user_id = ?${topic ? " AND topic = ?" : ""}`;
  const params = topic ? [userId, topic] : [userId];
  const tables = mlTables(store);
  const total = (
    tables.query(`SELECT count(*) AS n FROM ml_notifications WHERE ${filter}`).get(...params) as { n: number }
  ).n;
  const rows = tables
    .query(`SELECT * FROM ml_notifications WHERE ${filter} ORDER BY id LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as NotificationRow[];
  return {
    status: 200,
    body: {
      messages: rows.map((row) => payload(row, row.attempts, row.sent ?? row.received)),
      paging: { total, offset, limit },
    },
  };
}
