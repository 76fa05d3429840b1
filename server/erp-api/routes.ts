// The calls an ERP written for SkyHub makes, at the root of the API's own origin (SkyHub clients build every URL
// as `<origin>/orders…`), answered for the key's account only: another account's order is "not found".
import type { Db } from "../../db/client";
import { erpOrdersPage } from "../../db/queries/erp-orders";
import { isQueued, removeQueuedOrder, takeQueuedOrder } from "../../db/queries/erp-queue";
import { getOrderWithDocuments } from "../../db/queries/orders";
import { SKYHUB_STATUS, SKYHUB_STATUS_LIST } from "../domain/channels/skyhub-statuses";
import { ORDER_STATUSES, type OrderStatus } from "../domain/orders/status";
import { ACTIONS, type Action, runAction } from "./actions";
import type { ErpCaller } from "./auth";
import { type ErpResponse, fail, noContent, ok } from "./http";
import { findErpOrderId } from "./order-code";
import { renderErpOrder } from "./render";

/** SkyHub shows a read queue item again when it is not deleted within 5 minutes. */
export const QUEUE_LEASE_MS = 5 * 60_000;
const MAX_PER_PAGE = 100;
const MAX_RECORD = 10_000;

const ORDER = /^\/orders\/([^/]+)(?:\/([a-z_]+))?$/;
const QUEUE_ITEM = /^\/queues\/orders\/([^/]+)$/;

export interface ErpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
}

/** The route as rate limits and logs name it: the order code replaced by {code}. */
export function routeName(path: string): string {
  return path
    .replace(QUEUE_ITEM, "/queues/orders/{code}")
    .replace(ORDER, (_m, _code, action) => (action ? `/orders/{code}/${action}` : "/orders/{code}"));
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const notFound = () => fail(404, "Pedido não encontrado nesta conta. Confira o código do pedido.");

function positive(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

function listOrders(db: Db, caller: ErpCaller, query: URLSearchParams): ErpResponse {
  const page = positive(query, "page", 1);
  // SkyHub answers a per_page above its limit with the limit, not an error.
  const asked = positive(query, "per_page", MAX_PER_PAGE);
  const perPage = asked === null ? null : Math.min(asked, MAX_PER_PAGE);
  if (page === null || perPage === null) {
    return fail(400, `page e per_page devem ser inteiros positivos; per_page vai até ${MAX_PER_PAGE}.`);
  }
  if (page * perPage > MAX_RECORD) {
    return fail(400, `A paginação vai até o registro ${MAX_RECORD}: use filters[statuses][] ou a fila de pedidos.`);
  }
  const wanted = [...query.getAll("filters[statuses][]"), ...query.getAll("filters[statuses]")];
  const statuses = wanted.length
    ? ORDER_STATUSES.filter((s) => wanted.includes(SKYHUB_STATUS[s].code) || wanted.includes(SKYHUB_STATUS[s].type))
    : null;
  if (statuses && statuses.length === 0) return ok({ total: 0, orders: [] });
  const { ids, total } = erpOrdersPage(
    db,
    caller.accountId,
    statuses as OrderStatus[] | null,
    (page - 1) * perPage,
    perPage,
  );
  const orders = ids.flatMap((id) => {
    const view = getOrderWithDocuments(db, caller.accountId, id);
    return view ? [renderErpOrder(view, !isQueued(db, id))] : [];
  });
  return ok({ total, orders });
}

function nextInQueue(db: Db, caller: ErpCaller): ErpResponse {
  const now = Date.now();
  const orderId = takeQueuedOrder(db, caller.accountId, now, now + QUEUE_LEASE_MS);
  if (orderId === null) return noContent();
  const view = getOrderWithDocuments(db, caller.accountId, orderId);
  return view ? ok(renderErpOrder(view, false)) : noContent();
}

export function route(db: Db, caller: ErpCaller, req: ErpRequest): ErpResponse {
  const { method, path } = req;
  if (path === "/statuses" && method === "GET") return ok(SKYHUB_STATUS_LIST);
  if (path === "/queues/orders" && method === "GET") return nextInQueue(db, caller);
  const item = QUEUE_ITEM.exec(path);
  if (item && method === "DELETE") {
    const orderId = findErpOrderId(db, caller.accountId, decode(item[1] ?? ""));
    if (orderId === null) return notFound();
    return removeQueuedOrder(db, caller.accountId, orderId) ? noContent() : fail(404, "Este pedido não está na fila.");
  }
  if (path === "/orders" && method === "GET") return listOrders(db, caller, req.query);
  const match = ORDER.exec(path);
  if (match) {
    const action = match[2];
    const orderId = findErpOrderId(db, caller.accountId, decode(match[1] ?? ""));
    if (!action && method === "GET") {
      const view = orderId === null ? null : getOrderWithDocuments(db, caller.accountId, orderId);
      return view ? ok(renderErpOrder(view, !isQueued(db, view.order.id))) : notFound();
    }
    if (action && (ACTIONS as readonly string[]).includes(action) && method === "POST") {
      return orderId === null ? notFound() : runAction(db, caller, orderId, action as Action, req);
    }
  }
  return fail(404, "Recurso não encontrado: confira o método e o caminho na documentação da API (/openapi.json).");
}
