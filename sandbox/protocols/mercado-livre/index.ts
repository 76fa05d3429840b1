// Mercado Livre's own API on the sandbox's address (sandbox/README.md, "Mercado Livre"). Order ids are numeric,
// which keeps its /orders paths apart from SkyHub's order codes.
import type { ApiRequest } from "../../api";
import type { JsonResponse } from "../../types";
import type { ProtocolDeps, SandboxProtocol } from "../protocol";
import { mlError } from "./errors";
import { ensureNotifier, missedFeeds } from "./notifications";
import { authenticate, authorization, token } from "./oauth";
import * as orders from "./orders";

const ROUTES: { method: string; path: RegExp; name: string }[] = [
  { method: "GET", path: /^\/users\/me$/, name: "me" },
  { method: "GET", path: /^\/orders\/search$/, name: "search" },
  { method: "GET", path: /^\/orders\/(\d+)$/, name: "order" },
  { method: "POST", path: /^\/orders\/(\d+)\/feedback$/, name: "feedback" },
  { method: "GET", path: /^\/orders\/billing-info\/MLB\/(\d+)$/, name: "billing" },
  { method: "GET", path: /^\/shipments\/(\d+)$/, name: "shipment" },
  { method: "GET", path: /^\/shipments\/(\d+)\/invoice_data\/?$/, name: "invoice" },
  { method: "POST", path: /^\/shipments\/(\d+)\/invoice_data\/?$/, name: "postInvoice" },
  { method: "POST", path: /^\/v2\/shipments\/(\d+)\/seller_notifications$/, name: "notify" },
  { method: "GET", path: /^\/missed_feeds$/, name: "missed" },
];

const AUTHORIZE = "/authorization";
const TOKEN = "/oauth/token";
const RATE_LIMIT = "/admin/mercado-livre/rate-limit";

/** Every n-th API call answered 429 with no Retry-After, as Mercado Livre does (POST /admin/mercado-livre/rate-limit). */
const rateLimit = { every: 0, count: 0 };

function routeOf(method: string, path: string) {
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (match && route.method === method) return { name: route.name, id: match[1] ?? "" };
  }
  return null;
}

function setRateLimit(req: ApiRequest): JsonResponse {
  const every = Number((JSON.parse(req.body || "{}") as { every?: unknown }).every);
  if (!Number.isInteger(every) || every < 0) return { status: 400, body: { error: "every: inteiro >= 0" } };
  rateLimit.every = every;
  rateLimit.count = 0;
  return { status: 200, body: { every } };
}

function handle(req: ApiRequest, deps: ProtocolDeps): JsonResponse {
  const { store } = deps;
  ensureNotifier(store);
  if (req.path === RATE_LIMIT) return setRateLimit(req);
  if (req.path === AUTHORIZE) return authorization(req, store);
  if (rateLimit.every > 0 && ++rateLimit.count % rateLimit.every === 0) {
    return mlError(429, "too_many_requests", "Too many requests");
  }
  if (req.path === TOKEN) return token(req, store);
  const route = routeOf(req.method, req.path);
  if (!route) return mlError(404, "not_found", "resource not found");
  const caller = authenticate(req, store);
  if ("status" in caller) return caller;
  switch (route.name) {
    case "me":
      return orders.usersMe(caller);
    case "search":
      return orders.searchOrders(req, store, caller);
    case "order":
      return orders.getOrder(store, caller, route.id);
    case "feedback":
      return orders.postFeedback(req, deps, caller, route.id);
    case "billing":
      return orders.getBilling(store, caller, route.id);
    case "shipment":
      return orders.getShipment(store, caller, route.id);
    case "invoice":
      return orders.getInvoice(store, caller, route.id);
    case "postInvoice":
      return orders.postInvoice(req, deps, caller, route.id);
    case "notify":
      return orders.postSellerNotification(req, deps, caller, route.id);
    default:
      return missedFeeds(req, store, caller.userId);
  }
}

export const mercadoLivreProtocol: SandboxProtocol = {
  name: "mercado_livre",
  matches: (method, path) =>
    path === AUTHORIZE ||
    (method === "POST" && (path === TOKEN || path === RATE_LIMIT)) ||
    routeOf(method, path) !== null,
  unfaulted: (_method, path) => path === AUTHORIZE || path === RATE_LIMIT,
  handle,
};
