// Mirakl's order calls (OR21, OR23, OR24, OR29, OR31, OR74) as the sandbox's update kinds, so they meet the same
// rules as /v1 (sandbox/rules.ts); each call is listed in /admin/updates, and errorAfterApply loses some answers
// after applying them, as on the other protocols.
import { randomUUID } from "node:crypto";
import { type ApiRequest, applyUpdate } from "../../api";
import { isObject, parseJsonBody } from "../../http";
import type { JsonResponse, MarketplaceOrder } from "../../types";
import type { ProtocolDeps } from "../protocol";
import { miraklError } from "./errors";
import { canCancel, miraklState, SANDBOX_FIELDS, SANDBOX_NFE_DOCUMENT_TYPE } from "./render";
import { saveDocument, saveTracking, trackingOf } from "./tables";

// Mirakl's list for OR74, plus xml: this instance takes the NF-e file (an assumption, docs/CHANNELS.md, Carrefour).
const EXTENSIONS = /\.(csv|doc|xls|xlsx|ppt|pdf|odt|ods|odp|txt|rtf|png|jpg|gif|zpl|mov|mp4|xml)$/i;

const noContent = (): JsonResponse => ({ status: 204, body: null, text: "" });

/** Applies one update kind and answers `success` (or Mirakl's 400 with the rule's reason), recording the call. */
function apply(
  deps: ProtocolDeps,
  order: MarketplaceOrder,
  kind: string,
  payload: Record<string, unknown>,
  answer: (ok: boolean, reason: string) => JsonResponse,
  after?: (saved: MarketplaceOrder) => MarketplaceOrder | null,
): JsonResponse {
  const { store, faults } = deps;
  const response = store.transaction(() => {
    const now = new Date();
    const current = store.getOrder("carrefour", order.code) ?? order;
    const decision = applyUpdate(store, current, kind, payload, now);
    if (decision.ok) {
      const followUp = after?.(decision.order);
      if (followUp) store.saveOrder(followUp, now);
    }
    const result = answer(decision.ok, decision.ok ? "" : decision.reason);
    store.insertUpdate(
      {
        seller: order.sellerCnpj,
        idempotencyKey: `mirakl:${randomUUID()}`,
        channel: "carrefour",
        code: order.code,
        kind,
        request: payload,
        httpStatus: result.status,
        result: decision.ok ? "acknowledged" : "rejected",
        response: result.body,
      },
      now,
    );
    return result;
  });
  if (response.status < 300 && faults.loseResponse()) {
    return miraklError(500, "Internal server error (simulated, after applying the update)");
  }
  return response;
}

function invalidState(order: MarketplaceOrder): JsonResponse {
  return miraklError(400, `ORDER_INVALID_STATE: order ${order.code} is ${miraklState(order)}`);
}

const body = (req: ApiRequest): Record<string, unknown> | null => {
  const parsed = parseJsonBody(req.body);
  return parsed.ok && isObject(parsed.value) ? parsed.value : null;
};

/** OR21: a decision for every line; this instance does not allow partial acceptance. */
export function accept(req: ApiRequest, deps: ProtocolDeps, order: MarketplaceOrder): JsonResponse {
  const lines = body(req)?.order_lines;
  if (!Array.isArray(lines) || lines.some((l) => !isObject(l) || typeof l.accepted !== "boolean")) {
    return miraklError(400, "VALIDATION_ERROR: order_lines[].id and order_lines[].accepted are required");
  }
  const ids = order.items.map((_, i) => `${order.code}-${i + 1}`);
  const decided = lines as { id?: unknown; accepted: boolean }[];
  if (decided.some((l) => !ids.includes(String(l.id)))) return miraklError(400, "ORDER_LINE_NOT_FOUND");
  if (ids.some((id) => !decided.some((l) => l.id === id))) {
    return miraklError(400, "ORDER_LINE_ACCEPTANCE_DECISION_MISSING");
  }
  const accepted = decided.every((l) => l.accepted);
  if (!accepted && decided.some((l) => l.accepted)) return miraklError(400, "ORDER_PARTIAL_ACCEPTANCE_DISABLED");
  if (order.status !== "AWAITING_ACCEPTANCE") return invalidState(order);
  return apply(
    deps,
    order,
    accepted ? "accept" : "refuse",
    accepted ? {} : { reason: "Recusado pela loja" },
    (ok, reason) => (ok ? noContent() : miraklError(400, reason)),
  );
}

/** OR23: kept until OR24 validates the shipment; a registered carrier code or a name (and URL) is required. */
export function tracking(req: ApiRequest, deps: ProtocolDeps, order: MarketplaceOrder): JsonResponse {
  const data = body(req);
  const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
  const carrier = text(data?.carrier_code) ?? text(data?.carrier_name);
  const number = text(data?.tracking_number);
  if (!data || !carrier || !number) {
    return miraklError(400, "VALIDATION_ERROR: tracking_number and carrier_code or carrier_name are required");
  }
  if (!["APPROVED", "OUT_OF_STOCK", "INVOICED", "SHIPPED", "SHIPMENT_EXCEPTION"].includes(order.status)) {
    return invalidState(order);
  }
  saveTracking(deps.store, order.code, {
    carrier_name: carrier,
    carrier_url: text(data.carrier_url),
    tracking_number: number,
  });
  return noContent();
}

/** OR24: only in SHIPPING, with the tracking sent before. */
export function ship(deps: ProtocolDeps, order: MarketplaceOrder): JsonResponse {
  if (miraklState(order) !== "SHIPPING") return invalidState(order);
  const sent = trackingOf(deps.store, order.code);
  if (!sent) return miraklError(400, "VALIDATION_ERROR: send the tracking information (OR23) before the shipment");
  const payload = {
    carrier: sent.carrier_name,
    trackingCode: sent.tracking_number,
    method: order.logisticsMode === "correios" ? "Correios" : "Transportadora",
    url: sent.carrier_url,
    handedAt: new Date().toISOString(),
  };
  return apply(deps, order, "shipment", payload, (ok, reason) => (ok ? noContent() : miraklError(400, reason)));
}

/** OR29: only while can_cancel; Mirakl cancels at once (no request to confirm). */
export function cancel(deps: ProtocolDeps, order: MarketplaceOrder): JsonResponse {
  if (!canCancel(order)) return invalidState(order);
  return apply(
    deps,
    order,
    "cancel",
    { reason: "Cancelado pela loja" },
    (ok, reason) => (ok ? noContent() : miraklError(400, reason)),
    (saved) =>
      saved.cancellationRequested
        ? { ...saved, status: "CANCELED", cancellationRequested: false, canceledAt: new Date().toISOString() }
        : null,
  );
}

/** OR31: this instance's NF-e fields; any other code is reported as an error in the 200 answer. */
export function additionalFields(req: ApiRequest, deps: ProtocolDeps, order: MarketplaceOrder): JsonResponse {
  const data = body(req);
  const fields = data?.order_additional_fields;
  if (!Array.isArray(fields)) return miraklError(400, "VALIDATION_ERROR: order_additional_fields is required");
  const known: string[] = [SANDBOX_FIELDS.nfeKey, SANDBOX_FIELDS.nfeNumber, SANDBOX_FIELDS.nfeSeries];
  const report = (message: string, code = "INVALID_VALUE"): JsonResponse => ({
    status: 200,
    body: { order_update_errors: { order_id: order.code, errors: [{ code, message }], input: data } },
  });
  const unknown = fields.find((f) => !isObject(f) || !known.includes(String(f.code)));
  if (unknown)
    return report(`Unknown additional field code: ${String(isObject(unknown) ? unknown.code : "")}`, "UNKNOWN_FIELD");
  const value = (code: string) => {
    const field = fields.find((f) => isObject(f) && f.code === code) as { value?: unknown } | undefined;
    return Array.isArray(field?.value) ? String(field.value[0] ?? "") : String(field?.value ?? "");
  };
  const key = value(SANDBOX_FIELDS.nfeKey);
  if (!key) return report(`${SANDBOX_FIELDS.nfeKey} is required with the NF-e number and series`);
  if (
    value(SANDBOX_FIELDS.nfeNumber) !== String(Number(key.slice(25, 34))) ||
    value(SANDBOX_FIELDS.nfeSeries) !== String(Number(key.slice(22, 25)))
  ) {
    return report("NF-e number and series do not match the access key");
  }
  return apply(deps, order, "invoice", { accessKey: key }, (ok, reason) =>
    ok
      ? { status: 200, body: { order_update_result: { order_id: order.code, order_additional_fields: fields } } }
      : report(reason),
  );
}

/** The parts of a multipart body: name, file name and text (XML and JSON are text). */
function parts(req: ApiRequest): { name: string; fileName: string | null; text: string }[] {
  const type = String(req.headers["content-type"] ?? "");
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return [];
  return req.body.split(`--${boundary}`).flatMap((part) => {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) return [];
    const head = part.slice(0, split);
    const name = /\bname="([^"]*)"/i.exec(head)?.[1];
    return name
      ? [
          {
            name,
            fileName: /filename="([^"]*)"/i.exec(head)?.[1] ?? null,
            text: part.slice(split + 4).replace(/\r\n$/, ""),
          },
        ]
      : [];
  });
}

/** OR74: the answer lists only the documents that failed; the NF-e XML of this instance's type is the invoice. */
export function uploadDocuments(req: ApiRequest, deps: ProtocolDeps, order: MarketplaceOrder): JsonResponse {
  const all = parts(req);
  const files = all.filter((p) => p.name === "files" && p.fileName);
  const meta = parseJsonBody(all.find((p) => p.name === "order_documents")?.text ?? "");
  const described =
    meta.ok && isObject(meta.value) && Array.isArray(meta.value.order_documents) ? meta.value.order_documents : null;
  if (files.length === 0 || !described) {
    return miraklError(400, "VALIDATION_ERROR: files and order_documents are required");
  }
  const failures: unknown[] = [];
  const fail = (input: unknown, code: string, field: string, message: string) =>
    failures.push({ input, errors: [{ code, field, message }] });
  let response: JsonResponse | null = null;
  for (const file of files) {
    const input = described.find((d) => isObject(d) && d.file_name === file.fileName) as
      | { file_name: string; type_code?: unknown }
      | undefined;
    if (!input)
      fail({ file_name: file.fileName }, "valid_order_document.file_name", "file_name", "No details for this file");
    else if (!EXTENSIONS.test(file.fileName ?? ""))
      fail(input, "valid_order_document.extension", "file_name", "File type not allowed");
    else if (input.type_code !== SANDBOX_NFE_DOCUMENT_TYPE) {
      fail(input, "valid_order_document.type", "type_code", "Unable to retrieve document's type from the given code");
    } else {
      const key = /<infNFe\b[^>]*\bId="NFe([0-9A-Z]{44})"/.exec(file.text)?.[1];
      if (!key) {
        fail(input, "valid_order_document.content", "files", "The file is not an NF-e XML");
        continue;
      }
      const payload = { accessKey: key, xmlBase64: Buffer.from(file.text).toString("base64") };
      response = apply(deps, order, "invoice", payload, (ok, reason) => {
        if (!ok) fail(input, "valid_order_document.invoice", "files", reason);
        else {
          saveDocument(deps.store, {
            code: order.code,
            file_name: input.file_name,
            type_code: SANDBOX_NFE_DOCUMENT_TYPE,
            size: Buffer.byteLength(file.text),
            uploaded_at: new Date().toISOString(),
          });
        }
        return { status: 200, body: null };
      });
      if (response.status >= 500) return response;
    }
  }
  return { status: 200, body: { errors_count: failures.length, order_documents: failures } };
}
