// One order, one delivery, and the seller's actions on a delivery, as Magalu's seller API serves them.
import { randomUUID } from "node:crypto";
import { type ApiRequest, applyUpdate } from "../../api";
import type { Faults } from "../../faults";
import { isObject, parseJsonBody } from "../../http";
import type { SandboxStore } from "../../store";
import type { JsonResponse, MarketplaceOrder } from "../../types";
import { MAGALU_CHANNEL_ID } from "./config";
import { magaluError, notFound } from "./errors";
import { codeOfDeliveryId, codeOfOrderId } from "./ids";
import { renderDelivery, renderOrder } from "./render";

type Deps = { store: SandboxStore; faults: Faults };
type Action = { kind: string; payload: Record<string, unknown> };

/** The caller's order; another seller's is "not found", as on /v1. */
function own(store: SandboxStore, seller: string, code: string | null): MarketplaceOrder | null {
  const order = code ? store.getOrder("magalu", code) : null;
  return order && order.sellerCnpj === seller ? order : null;
}

export function getOrder(store: SandboxStore, seller: string, id: string): JsonResponse {
  const order = own(store, seller, codeOfOrderId(id));
  return order ? { status: 200, body: renderOrder(order) } : notFound("order");
}

export function getDelivery(store: SandboxStore, seller: string, id: string): JsonResponse {
  const order = own(store, seller, codeOfDeliveryId(id));
  return order ? { status: 200, body: renderDelivery(order) } : notFound("delivery");
}

const invalid = (field: string, message: string) =>
  magaluError(422, "validation_error", "invalid request body", [{ field, message }]);

/** The JSON body of a write, with Magalu's channel in it, or the answer to give. */
function writeBody(req: ApiRequest): { body: Record<string, unknown> } | { response: JsonResponse } {
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok || !isObject(parsed.value)) {
    return { response: magaluError(400, "bad_request", "body must be a JSON object") };
  }
  const channel = parsed.value.channel;
  if (!isObject(channel) || channel.id !== MAGALU_CHANNEL_ID)
    return { response: invalid("channel.id", "unknown channel") };
  return { body: parsed.value };
}

/**
 * One seller action through the sandbox's rules, listed in /admin/updates (Magalu takes no idempotency key, so each
 * call is its own entry), and sometimes applied but answered 500 (errorAfterApply).
 */
function act(
  { store, faults }: Deps,
  order: MarketplaceOrder,
  action: Action,
  answer: (saved: MarketplaceOrder) => JsonResponse,
): JsonResponse {
  const response = store.transaction((): JsonResponse => {
    const now = new Date();
    const result = applyUpdate(store, order, action.kind, action.payload, now);
    const response = result.ok
      ? answer(result.order)
      : magaluError(422, "business_rule", result.reason, [{ field: action.kind, message: result.reason }]);
    store.insertUpdate(
      {
        seller: order.sellerCnpj,
        idempotencyKey: `magalu:${randomUUID()}`,
        channel: "magalu",
        code: order.code,
        kind: action.kind,
        request: action.payload,
        httpStatus: response.status,
        result: result.ok ? "acknowledged" : "rejected",
        response: response.body,
      },
      now,
    );
    return response;
  });
  if (response.status < 300 && faults.loseResponse()) {
    return magaluError(500, "internal_error", "internal server error (simulated, after applying the change)");
  }
  return response;
}

const NFE_KEY = /<infNFe\b[^>]*\bId=["']NFe([0-9]{44})["']/;
const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

/** The NF-e with its key, date, amount, issuer and XML; Magalu validates it later (awaiting_validation). */
export function postInvoice(req: ApiRequest, deps: Deps, seller: string, id: string): JsonResponse {
  const order = own(deps.store, seller, codeOfDeliveryId(id));
  if (!order) return notFound("delivery");
  const written = writeBody(req);
  if ("response" in written) return written.response;
  const body = written.body;
  const key = text(body.key);
  if (!key || !/^\d{44}$/.test(key)) return invalid("key", "must have 44 digits");
  const issuedAt = text(body.issued_at);
  if (!issuedAt || Number.isNaN(Date.parse(issuedAt))) return invalid("issued_at", "must be an ISO 8601 datetime");
  if (!Number.isInteger(body.amount)) return invalid("amount", "must be an integer (cents, normalizer 100)");
  if (!isObject(body.issuer) || !text(body.issuer.document_number)) {
    return invalid("issuer.document_number", "is required");
  }
  const xml = text(body.xml);
  if (!xml) return invalid("xml", "is required");
  if (NFE_KEY.exec(xml)?.[1] !== key) return invalid("xml", "is not the NF-e of the given key");
  const payload = { accessKey: key, issuedAt, xmlBase64: Buffer.from(xml).toString("base64") };
  return act(deps, order, { kind: "invoice", payload }, (saved) => ({
    status: 201,
    body: { key, status: saved.invoiceValidation === "awaiting_validation" ? "awaiting_validation" : "valid" },
  }));
}

export function postShipping(req: ApiRequest, deps: Deps, seller: string, id: string): JsonResponse {
  const order = own(deps.store, seller, codeOfDeliveryId(id));
  if (!order) return notFound("delivery");
  const written = writeBody(req);
  if ("response" in written) return written.response;
  const body = written.body;
  if (order.logisticsMode === "magalu_entregas") {
    return magaluError(422, "business_rule", "delivery is shipped by Magalu Entregas", [
      { field: "logistics", message: "shippings are informed by Magalu for this delivery" },
    ]);
  }
  const protocol = text(body.protocol);
  if (!protocol) return invalid("protocol", "is required");
  const carrier = isObject(body.carrier) ? text(body.carrier.name) : null;
  if (!carrier) return invalid("carrier.name", "is required");
  const shippedAt = isObject(body.dates) ? text(body.dates.shipped_at) : null;
  if (!shippedAt || Number.isNaN(Date.parse(shippedAt))) return invalid("dates.shipped_at", "is required");
  const payload = {
    carrier,
    trackingCode: protocol,
    method: carrier,
    url: text(body.tracking_url),
    handedAt: shippedAt,
  };
  return act(deps, order, { kind: "shipment", payload }, (saved) => ({
    status: 201,
    body: { id: randomUUID(), created_at: saved.updatedAt },
  }));
}

export function postFinishing(req: ApiRequest, deps: Deps, seller: string, id: string): JsonResponse {
  const order = own(deps.store, seller, codeOfDeliveryId(id));
  if (!order) return notFound("delivery");
  const written = writeBody(req);
  if ("response" in written) return written.response;
  const body = written.body;
  const deliveredAt = text(body.delivered_at) ?? new Date().toISOString();
  return act(deps, order, { kind: "delivered", payload: { deliveredAt } }, (saved) => ({
    status: 201,
    body: { id: randomUUID(), created_at: saved.updatedAt },
  }));
}
