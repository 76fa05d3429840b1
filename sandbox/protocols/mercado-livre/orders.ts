// Orders, shipments and the seller's actions on them, as Mercado Livre's API serves them.
import { randomUUID } from "node:crypto";
import { type ApiRequest, applyUpdate } from "../../api";
import type { Faults } from "../../faults";
import { isObject, parseJsonBody } from "../../http";
import type { SandboxStore } from "../../store";
import type { JsonResponse, MarketplaceOrder } from "../../types";
import { mlError, notFound } from "./errors";
import { codeOfBilling, codeOfShipment, orderIdOf } from "./ids";
import type { Caller } from "./oauth";
import { renderBilling, renderInvoice, renderOrder, renderShipment } from "./render";

const ok = (body: unknown, status = 200): JsonResponse => ({ status, body });

type Deps = { store: SandboxStore; faults: Faults };

/** The caller's order by its code; another seller's order is "not found", as on /v1. */
function ownOrder(store: SandboxStore, caller: Caller, code: string | null): MarketplaceOrder | null {
  const order = code ? store.getOrder("mercado_livre", code) : null;
  return order && order.sellerCnpj === caller.seller ? order : null;
}

const numeric = (segment: string) => (/^\d{1,19}$/.test(segment) ? Number(segment) : Number.NaN);

export function getOrder(store: SandboxStore, caller: Caller, id: string): JsonResponse {
  const order = ownOrder(store, caller, id);
  const orderId = order ? orderIdOf(order.code) : null;
  return order && orderId ? ok(renderOrder(order, orderId)) : notFound("order");
}

export function getShipment(store: SandboxStore, caller: Caller, id: string): JsonResponse {
  const order = ownOrder(store, caller, codeOfShipment(numeric(id)));
  const orderId = order ? orderIdOf(order.code) : null;
  return order && orderId ? ok(renderShipment(order, orderId)) : notFound("shipment");
}

export function getBilling(store: SandboxStore, caller: Caller, id: string): JsonResponse {
  const order = ownOrder(store, caller, codeOfBilling(numeric(id)));
  return order ? ok(renderBilling(order, numeric(id))) : notFound("billing info");
}

export function getInvoice(store: SandboxStore, caller: Caller, shipmentId: string): JsonResponse {
  const order = ownOrder(store, caller, codeOfShipment(numeric(shipmentId)));
  const orderId = order ? orderIdOf(order.code) : null;
  if (!order || !orderId || !order.invoice) return notFound("invoice");
  return ok(renderInvoice(order, orderId));
}

/** sort=date_asc|date_desc over date_created; filtered by order.date_last_updated.from/to (inclusive). */
export function searchOrders(req: ApiRequest, store: SandboxStore, caller: Caller): JsonResponse {
  const q = req.query;
  if (q.get("seller") !== String(caller.userId)) {
    return mlError(403, "forbidden", "caller.id does not match the seller of the search");
  }
  const offset = Number(q.get("offset") ?? 0);
  const limit = Number(q.get("limit") ?? 50);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 51) {
    return mlError(400, "bad_request", "offset must be >= 0 and limit between 1 and 51");
  }
  const bound = (name: string, fallback: string) => {
    const raw = q.get(name);
    return raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw).toISOString() : fallback;
  };
  const from = bound("order.date_last_updated.from", "0000");
  const to = bound("order.date_last_updated.to", "9999");
  const direction = q.get("sort") === "date_desc" ? "DESC" : "ASC";
  // Codes that are not Mercado Livre ids are not on this protocol (GLOB keeps them out of the count too).
  const where = `channel = 'mercado_livre' AND seller_cnpj = ? AND code GLOB '[1-9]*' AND NOT code GLOB '*[^0-9]*'
    AND json_extract(data, '$.updatedAt') BETWEEN ? AND ?`;
  const total = (
    store.query(`SELECT count(*) AS n FROM orders WHERE ${where}`).get(caller.seller, from, to) as { n: number }
  ).n;
  const rows = store
    .query(
      `SELECT data FROM orders WHERE ${where} ORDER BY json_extract(data, '$.placedAt') ${direction}, code ${direction} LIMIT ? OFFSET ?`,
    )
    .all(caller.seller, from, to, limit, offset) as { data: string }[];
  const results = rows
    .map((row) => JSON.parse(row.data) as MarketplaceOrder)
    .flatMap((order) => {
      const id = orderIdOf(order.code);
      return id ? [renderOrder(order, id)] : [];
    });
  return ok({
    query: null,
    results,
    sort: { id: q.get("sort") ?? "date_asc", name: "Date" },
    paging: { total, offset, limit },
  });
}

type Action = { kind: string; payload: Record<string, unknown> };

/**
 * One seller action through the sandbox's rules, listed in /admin/updates like /v1's (Mercado Livre takes no
 * idempotency key, so each call is its own entry), and sometimes applied but answered 500 (errorAfterApply).
 */
function act(
  store: SandboxStore,
  faults: Faults,
  order: MarketplaceOrder,
  action: Action | null,
  answer: (saved: MarketplaceOrder) => JsonResponse,
): JsonResponse {
  const response = store.transaction((): JsonResponse => {
    const now = new Date();
    const result = action ? applyUpdate(store, order, action.kind, action.payload, now) : { ok: true as const, order };
    const response = result.ok ? answer(result.order) : mlError(400, "bad_request", result.reason);
    if (action) {
      store.insertUpdate(
        {
          seller: order.sellerCnpj,
          idempotencyKey: `mercado_livre:${randomUUID()}`,
          channel: "mercado_livre",
          code: order.code,
          kind: action.kind,
          request: action.payload,
          httpStatus: response.status,
          result: result.ok ? "acknowledged" : "rejected",
          response: response.body,
        },
        now,
      );
    }
    return response;
  });
  if (action && response.status < 300 && faults.loseResponse()) {
    return mlError(500, "internal_error", "Internal server error (simulated, after applying the change)");
  }
  return response;
}

const NFE_KEY = /<infNFe\b[^>]*\bId=["']NFe([0-9A-Z]{44})["']/;

/** The NF-e XML itself as the body: the key is read from it, and the shipment waits in invoice_pending. */
export function postInvoice(
  req: ApiRequest,
  { store, faults }: Deps,
  caller: Caller,
  shipmentId: string,
): JsonResponse {
  const order = ownOrder(store, caller, codeOfShipment(numeric(shipmentId)));
  const orderId = order ? orderIdOf(order.code) : null;
  if (!order || !orderId) return notFound("shipment");
  const type = String(req.headers["content-type"] ?? "");
  if (!/\b(application|text)\/xml\b/.test(type)) {
    return mlError(
      400,
      "invalid_content_type",
      "The invoice must be sent as the NF-e XML with Content-Type: application/xml",
    );
  }
  const key = NFE_KEY.exec(req.body)?.[1];
  if (!req.body.trimStart().startsWith("<") || !key) {
    return mlError(400, "invalid_invoice", "The body is not an NF-e XML (infNFe with its Id not found)");
  }
  const action = { kind: "invoice", payload: { accessKey: key, xmlBase64: Buffer.from(req.body).toString("base64") } };
  return act(store, faults, order, action, (saved) => ok(renderInvoice(saved, orderId), 201));
}

const EXCEPTIONS = ["receiver_absent", "bad_address", "dangerous_area", "unauthorized_receiver"];

/** ME1 only: the seller reports shipped (with tracking), a delivery problem or delivered. */
export function postSellerNotification(
  req: ApiRequest,
  { store, faults }: Deps,
  caller: Caller,
  shipmentId: string,
): JsonResponse {
  const order = ownOrder(store, caller, codeOfShipment(numeric(shipmentId)));
  if (!order) return notFound("shipment");
  if (order.logisticsMode !== "own_carrier") {
    return mlError(400, "invalid_shipping_mode", "Only me1 or custom shipments accept seller notifications");
  }
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok || !isObject(parsed.value)) return mlError(400, "bad_request", "The body must be a JSON object");
  const { status, substatus, tracking_number: trackingNumber, tracking_url: trackingUrl } = parsed.value;
  if (substatus !== null && typeof substatus !== "string") {
    return mlError(400, "bad_request", "substatus is required: null or one of the allowed substatuses");
  }
  if (substatus === "null") return mlError(400, "bad_request", 'substatus must be JSON null, not the string "null"');
  const now = new Date().toISOString();
  const pair = `${String(status)}/${substatus ?? "null"}`;
  let action: Action | null;
  if (pair === "shipped/null") {
    if (
      typeof trackingNumber !== "string" ||
      trackingNumber === "" ||
      typeof trackingUrl !== "string" ||
      trackingUrl === ""
    ) {
      return mlError(400, "bad_request", "tracking_number and tracking_url go together when status is shipped");
    }
    action = {
      kind: "shipment",
      payload: {
        carrier: "other",
        trackingCode: trackingNumber,
        method: "Envio próprio (ME1)",
        url: trackingUrl,
        handedAt: now,
      },
    };
  } else if (pair === "shipped/out_for_delivery") {
    action = null;
  } else if (
    (status === "shipped" && EXCEPTIONS.includes(String(substatus))) ||
    pair === "not_delivered/returning_to_sender"
  ) {
    action = { kind: "delivery_problem", payload: { occurredAt: now, observation: pair } };
  } else if (pair === "delivered/null") {
    action = { kind: "delivered", payload: { deliveredAt: now } };
  } else {
    return mlError(400, "bad_request", `status/substatus ${pair} is not allowed`);
  }
  return act(store, faults, order, action, () => ok({ status: "OK" }));
}

/** The sale's feedback; fulfilled:false is how a seller cancels (confirmed at the next tick once invoiced). */
export function postFeedback(req: ApiRequest, { store, faults }: Deps, caller: Caller, id: string): JsonResponse {
  const order = ownOrder(store, caller, id);
  if (!order) return notFound("order");
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok || !isObject(parsed.value) || typeof parsed.value.fulfilled !== "boolean") {
    return mlError(400, "bad_request", "fulfilled (boolean) is required");
  }
  const { fulfilled, message, reason } = parsed.value;
  if (typeof message === "string" && message.length > 160) {
    return mlError(400, "bad_request", "message can have at most 160 characters");
  }
  if (fulfilled) return ok({ fulfilled: true, status: "active" }, 201);
  const text =
    typeof message === "string" && message.trim() !== "" ? message : String(reason ?? "cancelado pelo vendedor");
  return act(store, faults, order, { kind: "cancel", payload: { reason: text } }, () =>
    ok({ fulfilled: false, reason: reason ?? null, status: "active" }, 201),
  );
}

export function usersMe(caller: Caller): JsonResponse {
  return ok({
    id: caller.userId,
    nickname: `LOJA${caller.seller.slice(0, 8)}`,
    site_id: "MLB",
    identification: { type: "CNPJ", number: caller.seller },
    user_type: "normal",
  });
}
