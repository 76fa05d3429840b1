// Mirakl's seller API (Carrefour's marketplace) on the sandbox's address: the shop is the one the raw key in
// Authorization opens, orders are the sandbox's Carrefour orders, updates meet the sandbox's rules. Errors come as
// Mirakl sends them: { message, status }, with Mirakl's error code in the message.
import { isValidCnpj, normalizeCnpj } from "../../../server/domain/documents";
import type { ApiRequest } from "../../api";
import type { JsonResponse } from "../../types";
import type { ProtocolDeps, SandboxProtocol } from "../protocol";
import { accept, additionalFields, cancel, ship, tracking, uploadDocuments } from "./actions";
import { miraklError } from "./errors";
import { renderOrder } from "./render";
import { documentsOf, trackingOf } from "./tables";

const ORDER_ACTION = /^\/api\/orders\/([^/]+)\/(accept|tracking|ship|cancel|additional_fields|documents)$/;
const KEY = /^mirakl-sandbox-([0-9A-Z]{14})$/;
const MAX_PAGE = 100;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The shop the Authorization header opens, or Mirakl's 401. */
function shopOf(headers: ApiRequest["headers"]): { seller: string } | JsonResponse {
  const raw = headers.authorization;
  const key = ((Array.isArray(raw) ? raw[0] : raw) ?? "").trim();
  const seller = normalizeCnpj(KEY.exec(key)?.[1] ?? "");
  return isValidCnpj(seller) ? { seller } : miraklError(401, "Unauthorized: invalid shop API key");
}

function intParam(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** OR11: the shop's orders, filtered by ids or update date, sorted by creation date, offset-paged. */
function listOrders(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const offset = intParam(req.query, "offset", 0);
  const max = intParam(req.query, "max", 10);
  if (offset === null || max === null || max < 1 || max > MAX_PAGE) {
    return miraklError(400, `VALIDATION_ERROR: offset must be >= 0 and max between 1 and ${MAX_PAGE}`);
  }
  const ids = (req.query.get("order_ids") ?? "").split(",").filter((id) => id !== "");
  const since = req.query.get("start_update_date");
  if (since && Number.isNaN(Date.parse(since))) return miraklError(400, "VALIDATION_ERROR: start_update_date");
  const where = ["seller_cnpj = ?", "channel = 'carrefour'"];
  const params: unknown[] = [seller];
  if (ids.length > 0) {
    where.push(`code IN (${ids.map(() => "?").join(", ")})`);
    params.push(...ids);
  }
  if (since) {
    where.push("json_extract(data, '$.updatedAt') >= ?");
    params.push(new Date(since).toISOString());
  }
  const clause = where.join(" AND ");
  const total = (deps.store.query(`SELECT count(*) AS n FROM orders WHERE ${clause}`).get(...params) as { n: number })
    .n;
  const rows = deps.store
    .query(`SELECT data FROM orders WHERE ${clause} ORDER BY json_extract(data, '$.placedAt'), code LIMIT ? OFFSET ?`)
    .all(...params, max, offset) as { data: string }[];
  const orders = rows.map((row) => JSON.parse(row.data));
  return {
    status: 200,
    body: {
      total_count: total,
      orders: deps.faults.duplicate(orders).map((o) => renderOrder(o, trackingOf(deps.store, o.code))),
    },
  };
}

/** OR72: the documents of the shop's orders. */
function listDocuments(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const ids = (req.query.get("order_ids") ?? "").split(",").filter((id) => id !== "");
  const documents = ids
    .filter((code) => deps.store.getOrder("carrefour", code)?.sellerCnpj === seller)
    .flatMap((code) => documentsOf(deps.store, code))
    .map((d) => ({
      id: d.id,
      order_id: d.code,
      file_name: d.file_name,
      file_size: d.size,
      type: d.type_code,
      date_uploaded: d.uploaded_at,
    }));
  return { status: 200, body: { order_documents: documents, total_count: documents.length } };
}

function route(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const { method, path } = req;
  if (path === "/api/orders" && method === "GET") return listOrders(req, deps, seller);
  if (path === "/api/orders/documents" && method === "GET") return listDocuments(req, deps, seller);
  const match = ORDER_ACTION.exec(path);
  if (!match) return miraklError(404, "Not found");
  const code = decode(match[1] ?? "");
  const order = deps.store.getOrder("carrefour", code);
  if (!order || order.sellerCnpj !== seller) return miraklError(404, `ORDER_NOT_FOUND: order ${code} not found`);
  const action = match[2];
  if (action === "documents" && method === "POST") return uploadDocuments(req, deps, order);
  if (method !== "PUT") return miraklError(405, "Method not allowed");
  switch (action) {
    case "accept":
      return accept(req, deps, order);
    case "tracking":
      return tracking(req, deps, order);
    case "ship":
      return ship(deps, order);
    case "cancel":
      return cancel(deps, order);
    default:
      return additionalFields(req, deps, order);
  }
}

export const miraklProtocol: SandboxProtocol = {
  name: "mirakl",
  matches: (_method, path) => path === "/api/orders" || path === "/api/orders/documents" || ORDER_ACTION.test(path),
  handle(req, deps) {
    const shop = shopOf(req.headers);
    if (!("seller" in shop)) return shop;
    return route(req, deps, shop.seller);
  },
};
