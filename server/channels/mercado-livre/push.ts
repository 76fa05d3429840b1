// One hub update → the Mercado Livre call that carries it (docs/CHANNELS.md, "Mercado Livre").
import type { PushResult, UpdateToPush } from "../adapter";
import { failedPush } from "./errors";
import { isMarketplaceShipping, type MlObject } from "./mapping";
import { getOrderJson, getShipmentJson, shipmentIdOf } from "./reads";
import type { MercadoLivreSession } from "./session";

/** ML releases the label (or confirms the cancellation) later; the worker reads the order back after this. */
const CONFIRM_AFTER_MS = 30_000;

const FEEDBACK_MESSAGE_MAX = 160;

const rejected = (reason: string): PushResult => ({ outcome: "rejected", reason });
const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

const ML_SHIPS = rejected(
  "No Mercado Envios o próprio Mercado Livre despacha e entrega o pedido: o rastreio e a entrega chegam por ele, não precisam ser enviados pelo Fluxo.",
);

async function post(session: MercadoLivreSession, path: string, body: string, contentType: string, query = {}) {
  return session.request(path, { method: "POST", query, headers: { "content-type": contentType }, body });
}

function sellerNotification(session: MercadoLivreSession, shipmentId: string, body: Record<string, unknown>) {
  // v2: the path without it is discontinued on 31/10/2026; substatus must be JSON null, never the string "null".
  return post(
    session,
    `/v2/shipments/${encodeURIComponent(shipmentId)}/seller_notifications`,
    JSON.stringify(body),
    "application/json",
  );
}

async function shipmentOf(
  session: MercadoLivreSession,
  orderId: string,
): Promise<{ shipmentId: string; shipment: MlObject } | PushResult> {
  const order = await getOrderJson(session, orderId);
  if (!order)
    return rejected(
      "O Mercado Livre não encontrou este pedido com a conta conectada: confira em Conexões se é a conta certa.",
    );
  const shipmentId = shipmentIdOf(order);
  if (!shipmentId)
    return rejected(
      "O pedido não tem envio no Mercado Livre, então não há onde informar a nota ou o rastreio: confira o pedido no Mercado Livre.",
    );
  return { shipmentId, shipment: (await getShipmentJson(session, shipmentId)) ?? {} };
}

export async function pushToMercadoLivre(session: MercadoLivreSession, update: UpdateToPush): Promise<PushResult> {
  const payload = update.payload;
  if (update.kind === "cancel") {
    // No cancel call for sellers: the documented path is the sale's feedback with fulfilled:false.
    const res = await post(
      session,
      `/orders/${encodeURIComponent(update.orderCode)}/feedback`,
      JSON.stringify({
        fulfilled: false,
        rating: "neutral",
        message: (text(payload.reason) ?? "Venda cancelada pelo vendedor.").slice(0, FEEDBACK_MESSAGE_MAX),
        reason: "SELLER_OUT_OF_STOCK",
        restock_item: true,
      }),
      "application/json",
    );
    if (res.status < 200 || res.status >= 300) return failedPush(res);
    return {
      outcome: "awaiting_confirmation",
      response: { feedback: res.json() ?? null },
      checkAfterMs: CONFIRM_AFTER_MS,
    };
  }

  const found = await shipmentOf(session, update.orderCode);
  if ("outcome" in found) return found;
  const { shipmentId, shipment } = found;
  const marketplaceShips = isMarketplaceShipping(shipment);

  switch (update.kind) {
    case "invoice": {
      const xmlBase64 = text(payload.xmlBase64);
      if (!xmlBase64) {
        return rejected("O Mercado Livre não aceita a nota fiscal só pela chave: envie o XML da NF-e.");
      }
      const res = await post(
        session,
        `/shipments/${encodeURIComponent(shipmentId)}/invoice_data/`,
        Buffer.from(xmlBase64, "base64").toString("utf8"),
        "application/xml",
        { siteId: "MLB" },
      );
      if (res.status < 200 || res.status >= 300) return failedPush(res);
      return {
        outcome: "awaiting_confirmation",
        response: { invoiceData: res.json() ?? null },
        checkAfterMs: CONFIRM_AFTER_MS,
      };
    }
    case "shipment": {
      if (marketplaceShips) return ML_SHIPS;
      const url = text(payload.trackingUrl) ?? text(payload.url);
      if (!url) {
        return rejected(
          "O Mercado Livre exige o link de rastreio junto com o código: informe o link da transportadora e envie de novo.",
        );
      }
      return settle(
        await sellerNotification(session, shipmentId, {
          status: "shipped",
          substatus: null,
          tracking_number: text(payload.trackingCode),
          tracking_url: url,
        }),
      );
    }
    case "delivered":
      if (marketplaceShips) return ML_SHIPS;
      return settle(await sellerNotification(session, shipmentId, { status: "delivered", substatus: null }));
    case "delivery_problem":
      if (marketplaceShips) return ML_SHIPS;
      // The hub's problem has no category; "receiver_absent" keeps the shipment open for a re-send, while
      // not_delivered/returning_to_sender would be final in ML.
      return settle(await sellerNotification(session, shipmentId, { status: "shipped", substatus: "receiver_absent" }));
    default:
      return rejected(
        `O Fluxo não envia ao Mercado Livre a atualização "${update.kind}": fale com o suporte do Fluxo.`,
      );
  }
}

function settle(res: Awaited<ReturnType<MercadoLivreSession["request"]>>): PushResult {
  if (res.status < 200 || res.status >= 300) return failedPush(res);
  const body = res.json();
  return {
    outcome: "acknowledged",
    response: body && typeof body === "object" ? (body as Record<string, unknown>) : {},
  };
}
