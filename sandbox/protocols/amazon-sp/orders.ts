// SP-API's order and invoice operations over the sandbox's Amazon orders; updates meet the sandbox's rules.
import { createHash, randomUUID } from "node:crypto";
import { type ApiRequest, applyUpdate } from "../../api";
import { isObject, json, parseJsonBody } from "../../http";
import type { JsonResponse, MarketplaceOrder } from "../../types";
import type { ProtocolDeps } from "../protocol";
import { spError } from "./errors";
import { invoiceStatus, MARKETPLACE_ID, orderItemId, renderOrder } from "./render";
import { settings } from "./settings";

const MAX_PAGE = 100;
/** The sandbox's stand-in for the size limit behind Amazon's 413 (not published). */
const MAX_INVOICE_BYTES = 1_000_000;
const PROGRAM_TYPES = ["EasyShip", "FbaOnSite", "SelfShip"];

const invalid = (message: string) => spError(400, "InvalidInput", message);
const str = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

function sellerOrder(deps: ProtocolDeps, seller: string, code: string): MarketplaceOrder | null {
  const order = deps.store.getOrder("amazon", code);
  return order && order.sellerCnpj === seller ? order : null;
}

interface Page {
  after: string;
  before: string;
  offset: number;
}

/** GET /orders/2026-01-01/orders: one of createdAfter/lastUpdatedAfter, marketplaceIds, paged by paginationToken. */
export function searchOrders(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const q = req.query;
  if (!(q.get("marketplaceIds") ?? "").split(",").includes(MARKETPLACE_ID)) {
    return invalid(`marketplaceIds must include ${MARKETPLACE_ID}.`);
  }
  let page: Page;
  const token = q.get("paginationToken");
  if (token) {
    try {
      page = JSON.parse(Buffer.from(token, "base64url").toString()) as Page;
    } catch {
      return invalid("Invalid paginationToken.");
    }
  } else {
    const after = q.get("lastUpdatedAfter");
    if (!after || q.get("createdAfter")) return invalid("Exactly one of createdAfter or lastUpdatedAfter is required.");
    if (Number.isNaN(Date.parse(after))) return invalid("lastUpdatedAfter must be an ISO 8601 date-time.");
    const latest = Date.now() - settings.searchLagMs;
    const beforeParam = q.get("lastUpdatedBefore");
    if (beforeParam && Date.parse(beforeParam) > latest) {
      return invalid("lastUpdatedBefore must be at least 2 minutes earlier than the time of the request.");
    }
    page = { after: new Date(after).toISOString(), before: new Date(beforeParam ?? latest).toISOString(), offset: 0 };
  }
  const size = Number(q.get("maxResultsPerPage") ?? MAX_PAGE);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) return invalid("maxResultsPerPage must be 1 to 100.");
  const from = Date.parse(page.after);
  const to = Date.parse(page.before);
  const matching = deps.store
    .listOrders(seller, "amazon", 0, Number.MAX_SAFE_INTEGER)
    .filter((o) => Date.parse(o.updatedAt) >= from && Date.parse(o.updatedAt) < to)
    .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.code.localeCompare(b.code));
  const slice = matching.slice(page.offset, page.offset + size);
  const more = page.offset + size < matching.length;
  const nextToken = more
    ? Buffer.from(JSON.stringify({ ...page, offset: page.offset + size } satisfies Page)).toString("base64url")
    : undefined;
  return json(200, {
    orders: slice.map(renderOrder),
    ...(nextToken ? { pagination: { nextToken } } : {}),
    lastUpdatedBefore: page.before,
  });
}

export function getOrder(deps: ProtocolDeps, seller: string, code: string): JsonResponse {
  const order = sellerOrder(deps, seller, code);
  if (!order) return spError(404, "NotFound", `Order ${code} not found.`);
  return json(200, { order: renderOrder(order) });
}

/** An update through the sandbox's rules, listed in /admin/updates; its answer may be lost after it is applied. */
function apply(
  deps: ProtocolDeps,
  seller: string,
  code: string,
  kind: string,
  payload: Record<string, unknown>,
  ok: JsonResponse,
): JsonResponse {
  const { store, faults } = deps;
  const outcome = store.transaction(() => {
    const order = sellerOrder(deps, seller, code);
    if (!order) return { response: spError(404, "NotFound", `Order ${code} not found.`), applied: false };
    const now = new Date();
    const decision = applyUpdate(store, order, kind, payload, now);
    const response = decision.ok ? ok : invalid(decision.reason);
    // Amazon takes no idempotency key, so each call is its own entry.
    store.insertUpdate(
      {
        seller,
        idempotencyKey: `amazon-sp:${randomUUID()}`,
        channel: "amazon",
        code,
        kind,
        request: payload,
        httpStatus: response.status,
        result: decision.ok ? "acknowledged" : "rejected",
        response: response.body,
      },
      now,
    );
    return { response, applied: true };
  });
  if (outcome.applied && faults.loseResponse()) {
    return spError(500, "InternalFailure", "We encountered an internal error. Please try again.");
  }
  return outcome.response;
}

/** POST /orders/v0/orders/{orderId}/shipmentConfirmation → 204, or 400 with what is wrong. */
export function confirmShipment(req: ApiRequest, deps: ProtocolDeps, seller: string, code: string): JsonResponse {
  const body = parseJsonBody(req.body);
  if (!body.ok || !isObject(body.value)) return invalid("The request body must be JSON.");
  if (body.value.marketplaceId !== MARKETPLACE_ID) return invalid(`marketplaceId must be ${MARKETPLACE_ID}.`);
  const detail = isObject(body.value.packageDetail) ? body.value.packageDetail : null;
  if (!detail) return invalid("packageDetail is required.");
  if (typeof detail.packageReferenceId !== "string") {
    return invalid(
      "Request has missing or invalid parameters and cannot be parsed. invalid type [packageDetail.packageReferenceId]",
    );
  }
  if (!/^[1-9]\d*$/.test(detail.packageReferenceId)) return invalid("packageReferenceId must be a positive number.");
  const carrierCode = str(detail.carrierCode);
  const carrierName = str(detail.carrierName);
  if (!carrierCode || (carrierCode === "Other" && !carrierName)) {
    return invalid("carrierCode is required, and carrierName when carrierCode is Other.");
  }
  const shipDate = str(detail.shipDate);
  if (!shipDate || Number.isNaN(Date.parse(shipDate))) return invalid("shipDate must be an ISO 8601 date-time.");
  const order = sellerOrder(deps, seller, code);
  if (!order) return spError(404, "NotFound", `Order ${code} not found.`);
  const known = new Set(order.items.map((_, i) => orderItemId(order, i)));
  const items = Array.isArray(detail.orderItems) ? detail.orderItems : [];
  const unknown = items.map((i) => (isObject(i) ? str(i.orderItemId) : null)).find((id) => !id || !known.has(id));
  if (items.length === 0 || unknown !== undefined) return invalid(`Invalid OrderItemId: ${unknown ?? "(none)"}.`);
  return apply(
    deps,
    seller,
    code,
    "shipment",
    {
      carrier: carrierCode === "Other" ? carrierName : carrierCode,
      trackingCode: str(detail.trackingNumber),
      method: str(detail.shippingMethod) ?? "Padrão",
      url: null,
      handedAt: new Date(shipDate).toISOString(),
    },
    { status: 204, body: null, text: "" },
  );
}

function invoiceRoleMissing(seller: string): JsonResponse | null {
  return settings.withoutTaxInvoicingRole.includes(seller)
    ? spError(403, "Unauthorized", "Access to requested resource is denied.", "")
    : null;
}

/** POST /delivery/2022-07-01/invoice?orderId=: the NF-e XML in base64 with its MD5; 200 with no errors when taken. */
export function submitInvoice(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const denied = invoiceRoleMissing(seller);
  if (denied) return denied;
  const code = req.query.get("orderId") ?? req.query.get("shipmentId");
  if (!code) return invalid("orderId or shipmentId is required.");
  if (Buffer.byteLength(req.body) > MAX_INVOICE_BYTES)
    return spError(413, "RequestEntityTooLarge", "Request too large.");
  const body = parseJsonBody(req.body);
  if (!body.ok || !isObject(body.value)) return invalid("The request body must be JSON.");
  const v = body.value;
  if (v.marketplaceId !== MARKETPLACE_ID) return invalid(`marketplaceId must be ${MARKETPLACE_ID}.`);
  if (v.invoiceType !== "Outbound") return invalid("invoiceType must be Outbound.");
  if (!PROGRAM_TYPES.includes(String(v.programType)))
    return invalid("programType must be EasyShip, FbaOnSite or SelfShip.");
  const content = str(v.invoiceContent);
  if (!content) return invalid("invoiceContent is required.");
  const xml = Buffer.from(content, "base64");
  if (createHash("md5").update(xml).digest("base64") !== v.contentMD5Value) {
    return invalid("contentMD5Value does not match the invoice content.");
  }
  const key = /<infNFe\b[^>]*\bId="NFe([0-9A-Z]{44})"/.exec(xml.toString("utf8"))?.[1];
  if (!key) return invalid("invoiceContent is not an NF-e XML (infNFe without its access key).");
  return apply(deps, seller, code, "invoice", { accessKey: key, xmlBase64: content }, json(200, {}));
}

/** GET /delivery/2022-07-01/invoice/status: Processing, Accepted or NotFound. */
export function getInvoiceStatus(req: ApiRequest, deps: ProtocolDeps, seller: string): JsonResponse {
  const denied = invoiceRoleMissing(seller);
  if (denied) return denied;
  const q = req.query;
  const code = q.get("orderId") ?? q.get("shipmentId");
  if (!code || q.get("marketplaceId") !== MARKETPLACE_ID || q.get("invoiceType") !== "Outbound") {
    return invalid("orderId, marketplaceId, invoiceType and programType are required.");
  }
  if (!PROGRAM_TYPES.includes(q.get("programType") ?? ""))
    return invalid("programType must be EasyShip, FbaOnSite or SelfShip.");
  const order = sellerOrder(deps, seller, code);
  if (!order) return spError(404, "NotFound", `Order ${code} not found.`);
  const status = invoiceStatus(order);
  return json(200, {
    amazonOrderId: code,
    invoiceStatus: status === "ACCEPTED" ? "Accepted" : status === "PROCESSING" ? "Processing" : "NotFound",
  });
}
