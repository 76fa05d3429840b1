// Magalu's seller API on the sandbox's address (sandbox/README.md, "Magalu"), with ID Magalu's login and token
// endpoints under /id-magalu. Every seller call needs a Bearer token and X-Channel-Id.
import type { ApiRequest } from "../../api";
import type { JsonResponse } from "../../types";
import type { ProtocolDeps, SandboxProtocol } from "../protocol";
import { magaluError } from "./errors";
import { listDeliveries, listOrders } from "./lists";
import { authenticate, LOGIN, login, TOKEN, token } from "./oauth";
import * as orders from "./orders";

const UUID = "([0-9a-f-]{36})";
const ROUTES: { method: string; path: RegExp; name: string }[] = [
  { method: "GET", path: /^\/seller\/v1\/orders$/, name: "orders" },
  { method: "GET", path: new RegExp(`^/seller/v1/orders/${UUID}$`), name: "order" },
  { method: "GET", path: /^\/seller\/v1\/deliveries$/, name: "deliveries" },
  { method: "GET", path: new RegExp(`^/seller/v1/deliveries/${UUID}$`), name: "delivery" },
  { method: "POST", path: new RegExp(`^/seller/v1/deliveries/${UUID}/invoices$`), name: "invoice" },
  { method: "POST", path: new RegExp(`^/seller/v1/deliveries/${UUID}/shippings$`), name: "shipping" },
  { method: "POST", path: new RegExp(`^/seller/v1/deliveries/${UUID}/finishing$`), name: "finishing" },
];

const RATE_LIMIT = "/admin/magalu/rate-limit";

/** Every n-th seller call answered 429 (POST /admin/magalu/rate-limit {every, retryAfterSeconds?}). */
const rateLimit = { every: 0, count: 0, retryAfterSeconds: null as number | null };

function routeOf(method: string, path: string) {
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (match && route.method === method) return { name: route.name, id: match[1] ?? "" };
  }
  return null;
}

function setRateLimit(req: ApiRequest): JsonResponse {
  const body = JSON.parse(req.body || "{}") as { every?: unknown; retryAfterSeconds?: unknown };
  const every = Number(body.every);
  const retry = body.retryAfterSeconds === undefined ? null : Number(body.retryAfterSeconds);
  if (!Number.isInteger(every) || every < 0 || (retry !== null && !(retry >= 0))) {
    return { status: 400, body: { error: "every: inteiro >= 0; retryAfterSeconds: número >= 0" } };
  }
  Object.assign(rateLimit, { every, count: 0, retryAfterSeconds: retry });
  return { status: 200, body: { every, retryAfterSeconds: retry } };
}

function handle(req: ApiRequest, { store, faults }: ProtocolDeps): JsonResponse {
  if (req.path === RATE_LIMIT) return setRateLimit(req);
  if (req.path === LOGIN) return login(req, store);
  if (req.path === TOKEN) return token(req, store);
  const route = routeOf(req.method, req.path);
  if (!route) return magaluError(404, "not_found", "resource not found");
  if (rateLimit.every > 0 && ++rateLimit.count % rateLimit.every === 0) {
    const response = magaluError(429, "too_many_requests", "rate limit exceeded");
    if (rateLimit.retryAfterSeconds !== null) response.headers = { "retry-after": String(rateLimit.retryAfterSeconds) };
    return response;
  }
  const caller = authenticate(req, store);
  if ("status" in caller) return caller;
  const deps = { store, faults };
  switch (route.name) {
    case "orders":
      return listOrders(req, store, caller.seller);
    case "order":
      return orders.getOrder(store, caller.seller, route.id);
    case "deliveries":
      return listDeliveries(req, store, caller.seller);
    case "delivery":
      return orders.getDelivery(store, caller.seller, route.id);
    case "invoice":
      return orders.postInvoice(req, deps, caller.seller, route.id);
    case "shipping":
      return orders.postShipping(req, deps, caller.seller, route.id);
    default:
      return orders.postFinishing(req, deps, caller.seller, route.id);
  }
}

export const magaluProtocol: SandboxProtocol = {
  name: "magalu",
  matches: (method, path) =>
    path === LOGIN || (method === "POST" && (path === TOKEN || path === RATE_LIMIT)) || routeOf(method, path) !== null,
  unfaulted: (_method, path) => path === LOGIN || path === RATE_LIMIT,
  handle,
};
