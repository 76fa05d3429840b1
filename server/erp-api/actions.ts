// SkyHub's order writes (POST /orders/{code}/invoice, /shipments, /delivery, /shipment_exception, /cancel) through
// the same domain commands as the seller's screens: guarded transition, timeline entry as "ERP <key name>", outbox,
// channel rules, NF-e and tracking checks. The status field may be left out (the endpoint implies it), as SkyHub
// allows; a write the order already shows answers as the first one did and writes nothing (issue 18).
import type { Db } from "../../db/client";
import { getOrderWithDocuments } from "../../db/queries/orders";
import { nfeMode } from "../config";
import type { SellerCommandContext } from "../domain/orders/commands/context";
import { markDelivered, reportDeliveryProblem } from "../domain/orders/commands/deliver";
import { invoiceOrder } from "../domain/orders/commands/invoice";
import { shipOrder } from "../domain/orders/commands/ship";
import { cancelOrder } from "../domain/orders/commands/stock-and-cancel";
import { CARRIERS, type CarrierId } from "../domain/shipping/carriers";
import { normalizeTrackingCode } from "../domain/shipping/s10";
import { toSaoPauloYmd } from "../domain/time";
import type { ErpCaller } from "./auth";
import { type ErpResponse, fail, fromError, multipartParts, noContent } from "./http";

export const ACTIONS = ["invoice", "shipments", "delivery", "shipment_exception", "cancel"] as const;
export type Action = (typeof ACTIONS)[number];

const STATUS_FOR: Record<Action, string> = {
  invoice: "order_invoiced",
  shipments: "order_shipped",
  delivery: "complete",
  shipment_exception: "shipment_exception",
  cancel: "order_canceled",
};

type Json = Record<string, unknown>;
const object = (value: unknown): Json =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

/** A SkyHub date-time (ISO 8601 with offset) as the São Paulo day the hub's commands take; today when absent. */
function dayOf(value: unknown, now: Date): string | null {
  const raw = text(value);
  if (!raw) return toSaoPauloYmd(now);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : toSaoPauloYmd(new Date(at));
}

/** SkyHub's carrier is free text ("Correios", "Jadlog"); the hub keeps its own list, anything else is "Outra". */
function carrierId(name: string): CarrierId {
  const wanted = name.toLowerCase();
  return CARRIERS.find((c) => c.id === wanted || c.label.toLowerCase() === wanted)?.id ?? "other";
}

const dateError = (field: string) =>
  fail(422, `${field} deve ser uma data e hora ISO 8601, como 2026-12-03T10:00:00-03:00.`);

interface Request {
  body: Buffer;
  contentType: string;
}

export function runAction(db: Db, caller: ErpCaller, orderId: number, action: Action, req: Request): ErpResponse {
  const now = new Date();
  const view = getOrderWithDocuments(db, caller.accountId, orderId);
  if (!view) return fail(404, "Pedido não encontrado nesta conta. Confira o código do pedido.");
  const { order } = view;
  const ctx: SellerCommandContext = {
    db,
    accountId: caller.accountId,
    actor: { type: "user", userId: null, name: `ERP ${caller.keyName}` },
    now,
  };
  const ref = { orderId: order.id, version: order.version };
  const form = req.contentType.toLowerCase().startsWith("multipart/form-data")
    ? multipartParts(req.body, req.contentType)
    : null;
  let data: Json = {};
  if (!form) {
    const raw = req.body.toString("utf8").trim();
    try {
      data = raw === "" ? {} : object(JSON.parse(raw));
    } catch {
      return fail(400, "O corpo da requisição deve ser um JSON em UTF-8, como na API da SkyHub.");
    }
  }
  const status = form ? (form.get("status")?.toString("utf8").trim() ?? "") : text(data.status);
  if (status && status !== STATUS_FOR[action]) {
    return fail(422, `Status inválido: "${status}". Nesta chamada use "${STATUS_FOR[action]}" ou não envie status.`);
  }
  if (form && action !== "invoice") return fail(400, "Esta chamada recebe apenas JSON; só a nota fiscal aceita o XML.");
  try {
    switch (action) {
      case "invoice": {
        if (form) {
          const xml = form.get("file");
          if (!xml || xml.length === 0) return fail(422, "Envie o XML da NF-e no campo file do formulário.");
          const key = /<infNFe\b[^>]*\bId="NFe([0-9A-Z]{44})"/.exec(xml.toString("latin1"))?.[1];
          if (key && order.accessKey === key) return noContent();
          invoiceOrder(
            { ...ctx, nfeMode: nfeMode() },
            { ...ref, invoice: { method: "xml", fileName: "nfe.xml", xml } },
          );
          return noContent();
        }
        const key = text(object(data.invoice).key).replace(/\s/g, "");
        if (!key) return fail(422, "Informe a chave de acesso da NF-e (44 dígitos) em invoice.key.");
        if (order.accessKey === key) return noContent();
        invoiceOrder({ ...ctx, nfeMode: nfeMode() }, { ...ref, invoice: { method: "key", accessKey: key } });
        return noContent();
      }
      case "shipments": {
        const shipment = object(data.shipment);
        const track = object(shipment.track);
        const code = text(track.code);
        if (!code) return fail(422, "Informe o código de rastreio em shipment.track.code.");
        if (order.trackingCode && order.trackingCode === normalizeTrackingCode(code)) return noContent();
        const handedAt = dayOf(shipment.delivered_carrier_date, now);
        if (!handedAt) return dateError("shipment.delivered_carrier_date");
        const tracking = {
          carrier: carrierId(text(track.carrier)),
          code,
          method: text(track.method) || text(track.carrier) || "Normal",
          url: trackingUrl(text(track.url)),
          handedAt,
        };
        shipOrder(ctx, { ...ref, tracking });
        return noContent();
      }
      case "delivery": {
        if (order.status === "DELIVERED") return noContent();
        const deliveredOn = dayOf(data.delivered_date, now);
        if (!deliveredOn) return dateError("delivered_date");
        markDelivered(ctx, { ...ref, deliveredOn });
        return noContent();
      }
      case "shipment_exception": {
        const exception = object(data.shipment_exception);
        const occurredOn = dayOf(exception.occurrence_date, now);
        if (!occurredOn) return dateError("shipment_exception.occurrence_date");
        const observation = text(exception.observation);
        if (!observation) return fail(422, "Descreva o problema na entrega em shipment_exception.observation.");
        reportDeliveryProblem(ctx, { ...ref, occurredOn, observation });
        return noContent();
      }
      case "cancel": {
        if (order.status === "CANCELED" || order.cancellationRequestedAt) return noContent();
        cancelOrder(ctx, { ...ref, reason: `Cancelado pelo ERP (${caller.keyName})` });
        return noContent();
      }
    }
  } catch (error) {
    return fromError(error);
  }
}

// SkyHub's own example sends the carrier's site without a scheme ("www.correios.com.br"); the hub keeps whole links.
function trackingUrl(url: string): string | null {
  if (!url) return null;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
}
