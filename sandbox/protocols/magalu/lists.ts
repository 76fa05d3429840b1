// GET /seller/v1/orders and /seller/v1/deliveries: offset paging (_offset, _limit up to 100, _sort) and the
// update-date filter (updated_at__ge / updated_at__le, inclusive), answered with meta.page and no total.
import type { ApiRequest } from "../../api";
import type { SandboxStore } from "../../store";
import type { JsonResponse, MarketplaceOrder } from "../../types";
import { magaluError } from "./errors";
import { orderIdOf } from "./ids";
import { renderDelivery, renderOrder } from "./render";

const MAX_LIMIT = 100;
const SORTS: Record<string, string> = {
  "updated_at:asc": "json_extract(data, '$.updatedAt') ASC, code ASC",
  "updated_at:desc": "json_extract(data, '$.updatedAt') DESC, code DESC",
  "created_at:asc": "json_extract(data, '$.placedAt') ASC, code ASC",
  "created_at:desc": "json_extract(data, '$.placedAt') DESC, code DESC",
};

function page(req: ApiRequest): { offset: number; limit: number; sort: string } | JsonResponse {
  const q = req.query;
  const offset = Number(q.get("_offset") ?? 0);
  const limit = Number(q.get("_limit") ?? 50);
  const sort = SORTS[q.get("_sort") ?? "created_at:desc"];
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return magaluError(422, "validation_error", "invalid paging", [
      { field: "_limit", message: `must be between 1 and ${MAX_LIMIT}; _offset must be >= 0` },
    ]);
  }
  if (!sort) {
    return magaluError(422, "validation_error", "invalid sort", [
      { field: "_sort", message: `one of ${Object.keys(SORTS).join(", ")}` },
    ]);
  }
  return { offset, limit, sort };
}

function bound(q: URLSearchParams, name: string, fallback: string): string | null {
  const raw = q.get(name);
  if (raw === null) return fallback;
  return Number.isNaN(Date.parse(raw)) ? null : new Date(raw).toISOString();
}

function select(req: ApiRequest, store: SandboxStore, seller: string): MarketplaceOrder[] | JsonResponse {
  const paging = page(req);
  if ("status" in paging) return paging;
  const from = bound(req.query, "updated_at__ge", "0000");
  const to = bound(req.query, "updated_at__le", "9999");
  if (from === null || to === null) {
    return magaluError(422, "validation_error", "invalid date filter", [
      { field: "updated_at__ge", message: "must be an ISO 8601 datetime" },
    ]);
  }
  const code = req.query.get("code");
  const rows = store
    .query(
      `SELECT data FROM orders WHERE channel = 'magalu' AND seller_cnpj = ? AND (? IS NULL OR code = ?)
        AND json_extract(data, '$.updatedAt') BETWEEN ? AND ? ORDER BY ${paging.sort} LIMIT ? OFFSET ?`,
    )
    .all(seller, code, code, from, to, paging.limit, paging.offset) as { data: string }[];
  // Codes too long for an id of Magalu's are not on this protocol.
  return rows.map((row) => JSON.parse(row.data) as MarketplaceOrder).filter((order) => orderIdOf(order.code));
}

function answer(req: ApiRequest, results: unknown[]): JsonResponse {
  const limit = Number(req.query.get("_limit") ?? 50);
  const offset = Number(req.query.get("_offset") ?? 0);
  return {
    status: 200,
    body: { meta: { page: { limit, offset, count: results.length, max_limit: MAX_LIMIT }, links: {} }, results },
  };
}

export function listOrders(req: ApiRequest, store: SandboxStore, seller: string): JsonResponse {
  const orders = select(req, store, seller);
  return "status" in orders ? orders : answer(req, orders.map(renderOrder));
}

export function listDeliveries(req: ApiRequest, store: SandboxStore, seller: string): JsonResponse {
  const orders = select(req, store, seller);
  return "status" in orders ? orders : answer(req, orders.map(renderDelivery));
}
