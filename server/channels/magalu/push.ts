// One hub update → the Magalu call that carries it (docs/CHANNELS.md, "Magalu"). Every write acts on the order's
// delivery, so the order is read first: that read is also the read-back that keeps a re-send from applying twice.
import { marketplaceReportsDelivery, marketplaceShips } from "../../domain/channels/rules";
import { CARRIERS } from "../../domain/shipping/carriers";
import type { MarketplaceOrder, PushResult, UpdateToPush } from "../adapter";
import type { HttpAnswer } from "../http-client";
import { failedPush } from "./errors";
import { invalidInvoice, type MagaluObject, toMarketplaceOrder } from "./mapping";
import { deliveryOf, orderByCode } from "./reads";
import type { MagaluSession } from "./session";

/** Magalu validates the NF-e later; the worker reads the order back after this. */
const CONFIRM_AFTER_MS = 30_000;

const rejected = (reason: string): PushResult => ({ outcome: "rejected", reason });
const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

// Cancellation never gets here: the channel rules refuse it in the hub (sellerCancels: false).
const NO_CALL: Record<string, string> = {
  delivery_problem:
    "A API da Magalu não recebe problema de entrega: registre a ocorrência no Portal do Seller da Magalu.",
};

function settle(res: HttpAnswer): PushResult {
  if (res.status < 200 || res.status >= 300) return failedPush(res);
  const body = res.json();
  return {
    outcome: "acknowledged",
    response: body && typeof body === "object" ? (body as Record<string, unknown>) : {},
  };
}

/** The NF-e's own total and emission date, which Magalu asks beside the XML. */
function fromXml(xml: string) {
  const total = /<vNF>\s*([\d.]+)\s*<\/vNF>/.exec(xml)?.[1];
  const issuedAt = /<dhEmi>\s*([^<\s]+)\s*<\/dhEmi>/.exec(xml)?.[1] ?? null;
  return { totalCents: total ? Math.round(Number(total) * 100) : null, issuedAt };
}

async function sendInvoice(
  session: MagaluSession,
  update: UpdateToPush,
  deliveryId: string,
  delivery: MagaluObject,
  order: MarketplaceOrder,
): Promise<PushResult> {
  const key = text(update.payload.accessKey) ?? "";
  if (invalidInvoice(delivery, key)) {
    return rejected(
      `A Magalu invalidou na validação a nota fiscal de chave ${key}: confira valor, emitente e destinatário da NF-e e envie uma nota corrigida.`,
    );
  }
  if (order.invoice?.accessKey === key) {
    return order.invoice.awaitingValidation
      ? {
          outcome: "awaiting_confirmation",
          response: { key, status: "awaiting_validation" },
          checkAfterMs: CONFIRM_AFTER_MS,
        }
      : { outcome: "acknowledged", response: { key, status: "valid" } };
  }
  const xmlBase64 = text(update.payload.xmlBase64);
  if (!xmlBase64) return rejected("A Magalu não aceita a nota fiscal só pela chave: envie o XML da NF-e pelo pedido.");
  const xml = Buffer.from(xmlBase64, "base64").toString("utf8");
  const fromNote = fromXml(xml);
  const res = await session.request(`/seller/v1/deliveries/${encodeURIComponent(deliveryId)}/invoices`, {
    method: "POST",
    json: {
      channel: { id: session.channelId },
      key,
      issued_at: text(update.payload.issuedAt) ?? fromNote.issuedAt,
      amount: fromNote.totalCents ?? order.totalCents,
      // The issuer's CNPJ is positions 7–20 of the access key.
      issuer: { document_number: key.slice(6, 20) },
      xml,
    },
  });
  if (res.status < 200 || res.status >= 300) return failedPush(res);
  const body = (res.json() ?? {}) as Record<string, unknown>;
  if (body.status === "valid") return { outcome: "acknowledged", response: body };
  return { outcome: "awaiting_confirmation", response: body, checkAfterMs: CONFIRM_AFTER_MS };
}

export async function pushToMagalu(session: MagaluSession, update: UpdateToPush): Promise<PushResult> {
  const noCall = NO_CALL[update.kind];
  if (noCall) return rejected(noCall);
  const found = await orderByCode(session, update.orderCode);
  if (!found) {
    return rejected(
      "A Magalu não encontrou este pedido com a conta conectada: confira em Conexões se é a conta certa.",
    );
  }
  const delivery = await deliveryOf(session, found);
  const deliveryId = delivery ? text(delivery.id) : null;
  if (!delivery || !deliveryId) {
    return rejected(
      "O pedido não tem entrega na Magalu, então não há onde informar a nota ou o envio: confira o pedido no Portal do Seller.",
    );
  }
  const order = toMarketplaceOrder(found, delivery);
  const payload = update.payload;
  const path = `/seller/v1/deliveries/${encodeURIComponent(deliveryId)}`;
  switch (update.kind) {
    case "invoice":
      return sendInvoice(session, update, deliveryId, delivery, order);
    case "shipment": {
      if (marketplaceShips("magalu", order.logisticsMode)) {
        return rejected(
          "No Magalu Entregas a própria Magalu despacha o pedido: o rastreio chega por ela, não precisa ser enviado pelo Fluxo.",
        );
      }
      if (order.shipment?.trackingCode === text(payload.trackingCode)) {
        return { outcome: "acknowledged", response: { protocol: order.shipment.trackingCode } };
      }
      // A delivery is invoiced only once Magalu validates the note; its shipping waits for that rather than be refused.
      if (order.invoice?.awaitingValidation) {
        return {
          outcome: "transient",
          error: "A Magalu ainda está validando a nota fiscal deste pedido; o rastreio vai assim que ela for aceita.",
          retryAfterMs: CONFIRM_AFTER_MS,
          cause: "refused",
        };
      }
      const carrier = CARRIERS.find((c) => c.id === payload.carrier)?.label ?? text(payload.carrier) ?? "Outra";
      return settle(
        await session.request(`${path}/shippings`, {
          method: "POST",
          json: {
            channel: { id: session.channelId },
            protocol: text(payload.trackingCode),
            tracking_url: text(payload.trackingUrl) ?? text(payload.url),
            carrier: { name: carrier },
            dates: { shipped_at: text(payload.handedAt) },
          },
        }),
      );
    }
    case "delivered":
      if (marketplaceReportsDelivery("magalu", order.logisticsMode)) {
        return rejected(
          "No Magalu Entregas a própria Magalu informa a entrega: não é preciso marcar o pedido como entregue.",
        );
      }
      if (order.status === "DELIVERED") return { outcome: "acknowledged", response: { status: "delivered" } };
      return settle(
        await session.request(`${path}/finishing`, {
          method: "POST",
          json: { channel: { id: session.channelId }, delivered_at: text(payload.deliveredAt) },
        }),
      );
    default:
      return rejected(`O Fluxo não envia à Magalu a atualização "${update.kind}": fale com o suporte do Fluxo.`);
  }
}
