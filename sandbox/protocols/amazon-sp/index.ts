// Amazon's Selling Partner API on the sandbox's address (sandbox/README.md, "Amazon"): the LWA token endpoint, the
// Orders API (v2026-01-01 reads, v0 shipment confirmation) and the Delivery Shipment Invoicing API, each answer
// carrying its operation's x-amzn-RateLimit-Limit. Paths are versioned, which keeps them apart from SkyHub's.
import { error, json, parseJsonBody } from "../../http";
import type { JsonResponse } from "../../types";
import type { SandboxProtocol } from "../protocol";
import { sellerOf, token } from "./auth";
import { spError } from "./errors";
import { confirmShipment, getInvoiceStatus, getOrder, searchOrders, submitInvoice } from "./orders";
import { overQuota, PLANS, patchSettings, settings } from "./settings";

const ADMIN = "/admin/amazon-sp";
const TOKEN = "/auth/o2/token";

const ROUTES: { method: string; path: RegExp; operation: string }[] = [
  { method: "GET", path: /^\/orders\/2026-01-01\/orders$/, operation: "searchOrders" },
  { method: "GET", path: /^\/orders\/2026-01-01\/orders\/([^/]+)$/, operation: "getOrder" },
  { method: "POST", path: /^\/orders\/v0\/orders\/([^/]+)\/shipmentConfirmation$/, operation: "confirmShipment" },
  { method: "POST", path: /^\/delivery\/2022-07-01\/invoice$/, operation: "submitInvoice" },
  { method: "GET", path: /^\/delivery\/2022-07-01\/invoice\/status$/, operation: "getInvoiceStatus" },
];

function routeOf(method: string, path: string) {
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (match && route.method === method) return { operation: route.operation, id: decodeURIComponent(match[1] ?? "") };
  }
  return null;
}

const isAmazonPath = (path: string) =>
  path === ADMIN ||
  path === TOKEN ||
  /^\/orders\/(2026-01-01|v0)\//.test(path) ||
  path.startsWith("/delivery/2022-07-01/");

export const amazonSpProtocol: SandboxProtocol = {
  name: "amazon-sp",
  matches: (_method, path) => isAmazonPath(path),
  unfaulted: (_method, path) => path === ADMIN,
  handle(req, deps) {
    if (req.path === ADMIN) {
      if (req.method === "GET") return json(200, { ...settings });
      const body = parseJsonBody(req.body);
      const patched = body.ok ? patchSettings(body.value) : { ok: false as const, error: "JSON inválido." };
      return patched.ok ? json(200, patched.settings) : error(400, patched.error);
    }
    if (req.path === TOKEN) return token(req);
    const route = routeOf(req.method, req.path);
    if (!route) return spError(404, "NotFound", "Resource not found.");
    const caller = sellerOf(req);
    if (!("seller" in caller)) return caller;
    const plan = PLANS[route.operation];
    const headers = { "x-amzn-RateLimit-Limit": String(plan?.rate ?? 1) };
    if (overQuota(caller.seller, route.operation, Date.now())) {
      return { ...spError(429, "QuotaExceeded", "You exceeded your quota for the requested resource."), headers };
    }
    const answer = ((): JsonResponse => {
      switch (route.operation) {
        case "searchOrders":
          return searchOrders(req, deps, caller.seller);
        case "getOrder":
          return getOrder(deps, caller.seller, route.id);
        case "confirmShipment":
          return confirmShipment(req, deps, caller.seller, route.id);
        case "submitInvoice":
          return submitInvoice(req, deps, caller.seller);
        default:
          return getInvoiceStatus(req, deps, caller.seller);
      }
    })();
    return { ...answer, headers: { ...answer.headers, ...headers } };
  },
};
