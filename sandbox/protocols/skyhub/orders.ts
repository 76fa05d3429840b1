// SkyHub's order routes over the sandbox's Americanas orders.
import { randomUUID } from "node:crypto";
import { type ApiRequest, applyUpdate } from "../../api";
import { error, isObject, json, parseJsonBody } from "../../http";
import type { JsonResponse } from "../../types";
import type { ProtocolDeps } from "../protocol";
import { renderOrder, SKYHUB_STATUS } from "./render";
import { type Action, translate } from "./updates";

const MAX_PER_PAGE = 100;
const MAX_RECORD = 10_000;

function positive(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

/** GET /orders?page=&per_page=&filters[statuses][]= (codes or types), newest first. */
export function listOrders(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const page = positive(req.query, "page", 1);
  const perPage = positive(req.query, "per_page", MAX_PER_PAGE);
  if (page === null || perPage === null || perPage > MAX_PER_PAGE) {
    return error(400, `page e per_page devem ser inteiros positivos; per_page até ${MAX_PER_PAGE}.`);
  }
  if (page * perPage > MAX_RECORD) return error(400, `Não é possível paginar além do registro ${MAX_RECORD}.`);
  const wanted = [...req.query.getAll("filters[statuses][]"), ...req.query.getAll("filters[statuses]")];
  const statuses = Object.entries(SKYHUB_STATUS)
    .filter(([, s]) => wanted.includes(s.code) || wanted.includes(s.type))
    .map(([status]) => status);
  if (wanted.length > 0 && statuses.length === 0) return json(200, { total: 0, orders: [] });
  const { orders, total } = deps.store.sellerOrdersPage(seller, "americanas", statuses, (page - 1) * perPage, perPage);
  return json(200, {
    total,
    orders: orders.map((order) => renderOrder(order, !deps.store.isQueued(seller, order.code))),
  });
}

export function getOrder(deps: ProtocolDeps, seller: string, code: string): JsonResponse {
  const order = deps.store.getOrder("americanas", code);
  if (!order || order.sellerCnpj !== seller) return error(404, "Pedido não encontrado.");
  return json(200, renderOrder(order, !deps.store.isQueued(seller, code)));
}

/** POST /orders/{code}/{action}: SkyHub's body, the sandbox's rules, SkyHub's answer (204, or 422 with {error}). */
export function postAction(req: ApiRequest, deps: ProtocolDeps, seller: string, code: string, action: Action) {
  const { store, faults } = deps;
  const contentType = String(req.headers["content-type"] ?? "");
  const outcome = store.transaction((): { response: JsonResponse; applied: boolean } => {
    const order = store.getOrder("americanas", code);
    if (!order || order.sellerCnpj !== seller)
      return { response: error(404, "Pedido não encontrado."), applied: false };
    const now = new Date();
    const update = translate(action, order, req.body, contentType, now);
    if ("error" in update) return { response: error(update.status, update.error), applied: false };
    const decision = applyUpdate(store, order, update.kind, update.payload, now);
    const response: JsonResponse = decision.ok ? { status: 204, body: null, text: "" } : error(422, decision.reason);
    // Listed in /admin/updates like /v1's; SkyHub takes no idempotency key, so each call is its own entry.
    store.insertUpdate(
      {
        seller,
        idempotencyKey: `skyhub:${randomUUID()}`,
        channel: "americanas",
        code,
        kind: update.kind,
        request: update.payload,
        httpStatus: response.status,
        result: decision.ok ? "acknowledged" : "rejected",
        response: response.body,
      },
      now,
    );
    return { response, applied: true };
  });
  // Applied and stored, answer lost on the way back: the hub must read the order to learn it went through.
  if (outcome.applied && faults.loseResponse()) {
    return error(500, "Erro interno do marketplace (simulado, depois de aplicar a atualização).");
  }
  return outcome.response;
}

/** Test accounts only: POST /orders {order: {...}} creates a new order waiting for payment. */
export function createTestOrder(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const body = parseJsonBody(req.body);
  const order = body.ok && isObject(body.value) && isObject(body.value.order) ? body.value.order : null;
  if (!order) return error(422, 'Envie o pedido em { "order": { ... } }.');
  const code = typeof order.code === "string" && order.code.trim() !== "" ? order.code.trim() : undefined;
  // All digits is Mercado Livre's order id shape, which the sandbox routes to Mercado Livre.
  if (code && (!/^[A-Za-z0-9._ -]{1,60}$/.test(code) || /^\d+$/.test(code))) {
    return error(422, "code inválido: use letras, números, ponto, hífen ou espaço, e não só números.");
  }
  if (code && deps.store.getOrder("americanas", code)) return error(422, "Já existe um pedido com este code.");
  const created = deps.store.transaction(() =>
    deps.generator.createOrder({ seller, channel: "americanas", status: "NEW", code }),
  );
  return json(201, renderOrder(created, false));
}

/** Test accounts only: POST /orders/{code}/approval {status: "payment_received"}. */
export function approveTestOrder(req: ApiRequest, deps: ProtocolDeps, seller: string, code: string): JsonResponse {
  const body = parseJsonBody(req.body);
  if (!body.ok || !isObject(body.value) || body.value.status !== "payment_received") {
    return error(422, 'Status inválido: use "payment_received".');
  }
  return deps.store.transaction(() => {
    const order = deps.store.getOrder("americanas", code);
    if (!order || order.sellerCnpj !== seller) return error(404, "Pedido não encontrado.");
    if (order.status !== "NEW") return error(422, "Só pedidos com pagamento pendente podem ser aprovados.");
    const now = new Date();
    deps.store.saveOrder({ ...order, status: "APPROVED", approvedAt: now.toISOString() }, now);
    return { status: 204, body: null, text: "" };
  });
}
