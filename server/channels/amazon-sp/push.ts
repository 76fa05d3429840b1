// One hub update → the SP-API call that carries it (docs/CHANNELS.md, "Amazon").
import { createHash } from "node:crypto";
import { CARRIERS } from "../../domain/shipping/carriers";
import type { PushResult, UpdateToPush } from "../adapter";
import { failedPush, INVOICE_ROLE_MISSING } from "./answers";
import type { SpApiClient } from "./client";
import { type AmazonJson, shipmentItems } from "./mapping";

/** Amazon validates an NF-e after taking it; the worker reads the invoice status back after this. */
const CONFIRM_AFTER_MS = 30_000;
/** A third of the worker's 30-second lease: past it, an update waits for its turn instead of outliving the lease. */
export const TURN_WAIT_MS = 10_000;
/**
 * The hub's Amazon orders are shipped by the seller (Correios or their own carrier): Amazon's "SelfShip" program.
 * Easy Ship (DBA) and FBA Onsite orders are not read (searchOrders asks for fulfilledBy=MERCHANT).
 */
const PROGRAM_TYPE = "SelfShip";

const rejected = (reason: string): PushResult => ({ outcome: "rejected", reason });
const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);

// The invoices this process uploaded, by update: an "Errored" status after our own upload is Amazon's verdict on it,
// while one found before any upload belongs to an earlier note and is replaced.
const uploaded = new Set<string>();
const UPLOADS_KEPT = 5_000;

function remember(idempotencyKey: string) {
  uploaded.add(idempotencyKey);
  if (uploaded.size > UPLOADS_KEPT) uploaded.delete(uploaded.values().next().value as string);
}

const NOT_SENT_BY_SELLER = rejected(
  "Na Amazon a entrega e os problemas de entrega chegam pelo rastreio da transportadora: não há o que enviar pelo Fluxo, acompanhe o pedido em Seller Central.",
);

async function invoiceStatus(client: SpApiClient, orderId: string) {
  return client.call("getInvoiceStatus", {
    method: "GET",
    path: "/delivery/2022-07-01/invoice/status",
    query: { orderId, marketplaceId: client.marketplaceId, invoiceType: "Outbound", programType: PROGRAM_TYPE },
    maxWaitMs: TURN_WAIT_MS,
  });
}

/** What an invoice status settles: Accepted, Processing, or Errored after the hub's own upload; else nothing. */
function settled(status: string | null, uploadedHere: boolean): PushResult | null {
  if (status === "Accepted") return { outcome: "acknowledged", response: { invoiceStatus: status } };
  if (status === "Processing") {
    return { outcome: "awaiting_confirmation", response: { invoiceStatus: status }, checkAfterMs: CONFIRM_AFTER_MS };
  }
  if (status === "Errored" && uploadedHere) {
    return rejected(
      "A Amazon recusou a NF-e deste pedido na validação: confira a nota (destinatário, itens e valores) em Seller Central › Pedidos e envie uma nota corrigida.",
    );
  }
  return null;
}

async function pushInvoice(client: SpApiClient, update: UpdateToPush): Promise<PushResult> {
  const xmlBase64 = text(update.payload.xmlBase64);
  if (!xmlBase64) return rejected("A Amazon não aceita a nota fiscal só pela chave: envie o XML da NF-e pelo pedido.");
  // No idempotency key at Amazon: what it already has for the order is read before anything is uploaded.
  const status = await invoiceStatus(client, update.orderCode);
  if (status.status === 403 || status.status === 401) return rejected(INVOICE_ROLE_MISSING);
  if (status.status !== 404 && (status.status < 200 || status.status >= 300)) return failedPush(status);
  const current = status.status === 404 ? "NotFound" : text((status.json() as AmazonJson | undefined)?.invoiceStatus);
  const known = settled(current, uploaded.has(update.idempotencyKey));
  if (known) return known;
  const xml = Buffer.from(xmlBase64, "base64");
  const answer = await client.call("submitInvoice", {
    method: "POST",
    path: "/delivery/2022-07-01/invoice",
    query: { orderId: update.orderCode },
    json: {
      marketplaceId: client.marketplaceId,
      invoiceType: "Outbound",
      programType: PROGRAM_TYPE,
      invoiceContent: xml.toString("base64"),
      contentMD5Value: createHash("md5").update(xml).digest("base64"),
    },
    maxWaitMs: TURN_WAIT_MS,
  });
  if (answer.status < 200 || answer.status >= 300) return failedPush(answer, INVOICE_ROLE_MISSING);
  // A 200 may still carry errors[]: the upload was not taken.
  const errors = (answer.json() as AmazonJson | undefined)?.errors;
  if (Array.isArray(errors) && errors.length > 0) return failedPush({ ...answer, status: 400 });
  remember(update.idempotencyKey);
  // One look right after: a note Amazon validated at once is settled now instead of by a read-back later.
  const after = await invoiceStatus(client, update.orderCode);
  const now =
    after.status >= 200 && after.status < 300 ? text((after.json() as AmazonJson | undefined)?.invoiceStatus) : null;
  return (
    settled(now, true) ?? {
      outcome: "awaiting_confirmation",
      response: { invoiceStatus: "Processing" },
      checkAfterMs: CONFIRM_AFTER_MS,
    }
  );
}

async function pushShipment(client: SpApiClient, update: UpdateToPush, order: AmazonJson): Promise<PushResult> {
  const trackingNumber = text(update.payload.trackingCode);
  const carrierId = text(update.payload.carrier);
  // The hub keeps a carrier id ("jadlog"); Amazon shows the name the buyer knows ("Jadlog").
  const carrier = CARRIERS.find((c) => c.id === carrierId)?.label ?? carrierId;
  if (!trackingNumber || !carrier) {
    return rejected("A Amazon exige a transportadora e o código de rastreio: informe os dois e envie de novo.");
  }
  const answer = await client.call("confirmShipment", {
    method: "POST",
    path: `/orders/v0/orders/${encodeURIComponent(update.orderCode)}/shipmentConfirmation`,
    json: {
      marketplaceId: client.marketplaceId,
      packageDetail: {
        // The hub ships an order in one package; Amazon wants a positive number, typed as a string since 2026.
        packageReferenceId: "1",
        // Amazon's carrier list is not published as data; "Other" with the carrier's name is its documented way out.
        carrierCode: "Other",
        carrierName: carrier,
        shippingMethod: text(update.payload.method) ?? undefined,
        trackingNumber,
        shipDate: text(update.payload.handedAt) ?? new Date().toISOString(),
        orderItems: shipmentItems(order),
      },
    },
    maxWaitMs: TURN_WAIT_MS,
  });
  if (answer.status < 200 || answer.status >= 300) return failedPush(answer);
  return { outcome: "acknowledged", response: { httpStatus: answer.status } };
}

/** `order` is read only for the calls that need it (the shipment names Amazon's order item ids). */
export async function pushToAmazon(
  client: SpApiClient,
  update: UpdateToPush,
  readOrder: () => Promise<AmazonJson | null>,
): Promise<PushResult> {
  switch (update.kind) {
    case "invoice":
      return pushInvoice(client, update);
    case "shipment": {
      const order = await readOrder();
      if (!order) {
        return rejected(
          "A Amazon não encontrou este pedido com a conta conectada: confira em Conexões se é a conta certa.",
        );
      }
      return pushShipment(client, update, order);
    }
    case "delivered":
    case "delivery_problem":
      return NOT_SENT_BY_SELLER;
    case "cancel":
      // The cancelOrder operation is documented without its path or model (docs/CHANNELS.md): not guessed.
      return rejected(
        "O cancelamento pela API da Amazon ainda não está disponível no Fluxo: cancele o pedido em Seller Central › Pedidos › Gerenciar pedidos (Cancelar pedido) e o Fluxo verá o cancelamento na próxima leitura.",
      );
    default:
      return rejected(
        `A API da Amazon não recebe a atualização "${update.kind}": a situação fica só no Fluxo, e na Amazon o pedido continua como está.`,
      );
  }
}
