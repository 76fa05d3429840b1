// The GETs that make up one order as the hub sees it.
import { MarketplaceCallError } from "../adapter";
import { MercadoLivreReadError } from "./errors";
import type { MlObject, MlParts } from "./mapping";
import type { MercadoLivreSession } from "./session";

const SITE = "MLB";

async function getJson(session: MercadoLivreSession, what: string, path: string, query?: Record<string, string>) {
  // x-format-new: integrators report the shipment's current format needs it; other resources ignore it.
  const res = await session.request(path, { query, headers: { "x-format-new": "true" } });
  if (res.status === 404) return null;
  if (res.status < 200 || res.status >= 300) throw new MercadoLivreReadError(what, res);
  const body = res.json();
  if (!body || typeof body !== "object") {
    throw new MarketplaceCallError(
      `A leitura de ${what} no Mercado Livre voltou sem JSON; o Fluxo tenta de novo na próxima leitura.`,
      "refused",
    );
  }
  return body as MlObject;
}

const idOf = (value: unknown) => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "number" || typeof id === "string" ? String(id) : null;
};

export function getOrderJson(session: MercadoLivreSession, id: string) {
  return getJson(session, `pedido ${id}`, `/orders/${encodeURIComponent(id)}`);
}

export function getShipmentJson(session: MercadoLivreSession, id: string) {
  return getJson(session, `envio ${id}`, `/shipments/${encodeURIComponent(id)}`);
}

export function shipmentIdOf(order: MlObject): string | null {
  return idOf(order.shipping);
}

/** Shipment, buyer's billing info and imported NF-e of an order already read. */
export async function partsOf(session: MercadoLivreSession, order: MlObject): Promise<MlParts> {
  const shipmentId = shipmentIdOf(order);
  const billingId = idOf(order.billing_info);
  const [shipment, billing, invoice] = await Promise.all([
    shipmentId ? getShipmentJson(session, shipmentId) : null,
    billingId
      ? getJson(
          session,
          `dados de faturamento ${billingId}`,
          `/orders/billing-info/${SITE}/${encodeURIComponent(billingId)}`,
        )
      : null,
    shipmentId
      ? getJson(
          session,
          `nota fiscal do envio ${shipmentId}`,
          `/shipments/${encodeURIComponent(shipmentId)}/invoice_data`,
          {
            siteId: SITE,
          },
        )
      : null,
  ]);
  return { order, shipment: shipment ?? {}, billing: billing ?? {}, invoice };
}
