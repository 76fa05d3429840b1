// SkyHub's order calls (POST /orders/{code}/invoice, /shipments, /delivery, /shipment_exception, /cancel) as the
// sandbox's update kinds, so they meet the same acceptance rules as /v1 (sandbox/rules.ts).
import { isObject, parseJsonBody } from "../../http";
import type { MarketplaceOrder } from "../../types";

export type Translation =
  | { kind: string; payload: Record<string, unknown> }
  /** SkyHub answers a malformed body 400 and a body its rules refuse 422. */
  | { error: string; status: 400 | 422 };

export const ACTIONS = ["invoice", "shipments", "delivery", "shipment_exception", "cancel"] as const;
export type Action = (typeof ACTIONS)[number];

const STATUS_FOR: Record<Action, string> = {
  invoice: "order_invoiced",
  shipments: "order_shipped",
  delivery: "complete",
  shipment_exception: "shipment_exception",
  cancel: "order_canceled",
};

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The named parts of a multipart/form-data body (text parts; the file part as its text). */
function multipartFields(body: string, contentType: string): Map<string, string> | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return null;
  const fields = new Map<string, string>();
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, split))?.[1];
    if (name) fields.set(name, part.slice(split + 4).replace(/\r\n$/, ""));
  }
  return fields;
}

function invoiceFromXml(fields: Map<string, string>): Translation {
  const xml = fields.get("file");
  if (!xml) return { error: "Envie o XML da nota fiscal no campo file.", status: 422 };
  const key = /<infNFe\b[^>]*\bId="NFe([0-9A-Z]{44})"/.exec(xml)?.[1];
  if (!key) return { error: "O arquivo enviado não é o XML de uma NF-e (infNFe sem chave de acesso).", status: 422 };
  const issueDate = fields.get("issue_date");
  return {
    kind: "invoice",
    payload: {
      accessKey: key,
      xmlBase64: Buffer.from(xml).toString("base64"),
      ...(issueDate ? { issuedAt: issueDate } : {}),
    },
  };
}

/** The update a SkyHub order call asks for, or the 422 error SkyHub would answer. */
export function translate(
  action: Action,
  order: MarketplaceOrder,
  body: string,
  contentType: string,
  now: Date,
): Translation {
  const form = contentType.toLowerCase().startsWith("multipart/form-data") ? multipartFields(body, contentType) : null;
  const parsed = form ? null : parseJsonBody(body);
  const json = parsed?.ok && isObject(parsed.value) ? parsed.value : form ? null : undefined;
  if (json === undefined) return { error: "O corpo da requisição deve ser um JSON em UTF-8.", status: 400 };
  const status = form ? form.get("status") : str(json?.status);
  if (status !== STATUS_FOR[action]) {
    return { error: `Status inválido: "${status ?? ""}". Use "${STATUS_FOR[action]}" nesta chamada.`, status: 422 };
  }
  if (form) {
    return action === "invoice" ? invoiceFromXml(form) : { error: "Esta chamada recebe apenas JSON.", status: 400 };
  }
  const data = json as Record<string, unknown>;
  switch (action) {
    case "invoice": {
      const invoice = isObject(data.invoice) ? data.invoice : {};
      return {
        kind: "invoice",
        payload: {
          accessKey: str(invoice.key) ?? "",
          ...(str(invoice.issue_date) ? { issuedAt: invoice.issue_date } : {}),
        },
      };
    }
    case "shipments": {
      const shipment = isObject(data.shipment) ? data.shipment : {};
      const track = isObject(shipment.track) ? shipment.track : {};
      // The official PHP SDK sends items beside "shipment", the docs inside it: both are SkyHub.
      const items = Array.isArray(shipment.items) ? shipment.items : Array.isArray(data.items) ? data.items : [];
      const skus = new Set(order.items.map((item) => item.sku));
      const unknown = items
        .map((item) => (isObject(item) ? str(item.sku) : undefined))
        .find((sku) => !sku || !skus.has(sku));
      if (items.length === 0 || unknown !== undefined) {
        return {
          error: `Informe os itens enviados (sku e qty) deste pedido${unknown ? `; sku desconhecido: ${unknown}` : ""}.`,
          status: 422,
        };
      }
      return {
        kind: "shipment",
        payload: {
          carrier: str(track.carrier),
          trackingCode: str(track.code),
          method: str(track.method),
          url: str(track.url) ?? null,
          handedAt: str(shipment.delivered_carrier_date) ?? now.toISOString(),
        },
      };
    }
    case "delivery":
      return { kind: "delivered", payload: { deliveredAt: str(data.delivered_date) ?? now.toISOString() } };
    case "shipment_exception": {
      const exception = isObject(data.shipment_exception) ? data.shipment_exception : {};
      return {
        kind: "delivery_problem",
        payload: { occurredAt: str(exception.occurrence_date), observation: str(exception.observation) },
      };
    }
    case "cancel":
      return { kind: "cancel", payload: { reason: "Cancelado pelo lojista pela API" } };
  }
}
