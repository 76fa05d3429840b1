// SkyHub (Americanas Marketplace API) on the sandbox's address: the store is the one the headers' API key opens
// (auth.ts), orders are the sandbox's Americanas orders, updates meet the sandbox's rules.

import { SKYHUB_STATUS_LIST } from "../../../server/domain/channels/skyhub-statuses";
import type { ApiRequest } from "../../api";
import { error, json, parseJsonBody } from "../../http";
import type { JsonResponse } from "../../types";
import type { ProtocolDeps, SandboxProtocol } from "../protocol";
import { storeOf } from "./auth";
import { approveTestOrder, createTestOrder, getOrder, listOrders, postAction } from "./orders";
import { collectEvents } from "./queue";
import { renderOrder } from "./render";
import { overLimit, patchSettings, settings } from "./settings";
import { ACTIONS, type Action } from "./updates";

const ADMIN = "/admin/skyhub";
// Mercado Livre's order ids are all digits and it has /orders/search: neither is an Americanas code.
const ORDER = /^\/orders\/(?!search$)(?!\d+(?:\/|$))([^/]+)(?:\/([a-z_]+))?$/;
const QUEUE_ITEM = /^\/queues\/orders\/([^/]+)$/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const noContent = (): JsonResponse => ({ status: 204, body: null, text: "" });

function limitFor(method: string, route: string): number {
  if (route.startsWith("/queues")) return 9;
  if (route.startsWith("/orders") && method !== "GET") return 9;
  return 1;
}

function queueNext(deps: ProtocolDeps, seller: string): JsonResponse {
  const now = Date.now();
  for (;;) {
    const code = deps.store.takeQueued(seller, now, now + settings.queueLeaseMs);
    if (!code) return noContent();
    const order = deps.store.getOrder("americanas", code);
    if (order) return json(200, renderOrder(order, false));
    deps.store.dequeue(seller, code);
  }
}

function route(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const { method, path } = req;
  if (path === "/statuses" && method === "GET") {
    return json(200, SKYHUB_STATUS_LIST);
  }
  if (path === "/queues/orders" && method === "GET") return queueNext(deps, seller);
  const item = QUEUE_ITEM.exec(path);
  if (item && method === "DELETE") {
    return deps.store.dequeue(seller, decode(item[1] ?? "")) ? noContent() : error(404, "Pedido não está na fila.");
  }
  if (path === "/orders") {
    if (method === "GET") return listOrders(req, deps, seller);
    if (method === "POST") return createTestOrder(req, deps, seller);
  }
  const order = ORDER.exec(path);
  if (order) {
    const code = decode(order[1] ?? "");
    const action = order[2];
    if (!action && method === "GET") return getOrder(deps, seller, code);
    if (action === "approval" && method === "POST") return approveTestOrder(req, deps, seller, code);
    if (action && (ACTIONS as readonly string[]).includes(action) && method === "POST") {
      return postAction(req, deps, seller, code, action as Action);
    }
  }
  return error(404, "Recurso não encontrado.");
}

export const skyhubProtocol: SandboxProtocol = {
  name: "skyhub",
  matches: (_method, path) =>
    path === ADMIN ||
    path === "/orders" ||
    path === "/statuses" ||
    path === "/queues/orders" ||
    QUEUE_ITEM.test(path) ||
    ORDER.test(path),
  unfaulted: (_method, path) => path === ADMIN,
  handle(req, deps) {
    if (req.path === ADMIN) {
      if (req.method === "GET") return json(200, { ...settings });
      const body = parseJsonBody(req.body);
      const patched = body.ok ? patchSettings(body.value) : { ok: false as const, error: "JSON inválido." };
      return patched.ok ? json(200, patched.settings) : error(400, patched.error);
    }
    const store = storeOf(req.headers);
    if (!("seller" in store)) return store;
    const routeName = `${req.method} ${req.path.replace(ORDER, "/orders/{code}/$2").replace(QUEUE_ITEM, "/queues/orders/{code}")}`;
    const key = String(req.headers["x-api-key"]);
    if (overLimit(`${key}|${routeName}`, limitFor(req.method, req.path), Date.now())) {
      return error(429, "Limite de requisições excedido. Aguarde a próxima janela de um segundo.");
    }
    // Before any answer, so a read's sync_status and the queue agree with every change made so far.
    collectEvents(deps.store, Date.now());
    return route(req, deps, store.seller);
  },
};
