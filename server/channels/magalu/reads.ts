// The GETs that make up one order as the hub sees it: the order, then its delivery.
import { MarketplaceCallError } from "../adapter";
import { MagaluReadError } from "./errors";
import { type MagaluObject, obj, str } from "./mapping";
import type { MagaluSession } from "./session";

export async function getJson(
  session: MagaluSession,
  what: string,
  path: string,
  query?: Record<string, string>,
): Promise<MagaluObject | null> {
  const res = await session.request(path, { query });
  if (res.status === 404) return null;
  if (res.status < 200 || res.status >= 300) throw new MagaluReadError(what, res);
  const body = res.json();
  if (!body || typeof body !== "object") {
    throw new MarketplaceCallError(
      `A leitura de ${what} na Magalu voltou sem JSON; o Fluxo tenta de novo na próxima leitura.`,
      "refused",
    );
  }
  return body as MagaluObject;
}

/** The hub knows an order by the code the buyer sees; Magalu's paths take its id, found by the list's code filter. */
export async function orderByCode(session: MagaluSession, code: string): Promise<MagaluObject | null> {
  const page = await getJson(session, `pedido ${code}`, "/seller/v1/orders", { code, _limit: "1" });
  const found = Array.isArray(page?.results) ? obj(page.results[0]) : {};
  return str(found.code) === code ? found : null;
}

export function orderById(session: MagaluSession, id: string) {
  return getJson(session, `pedido ${id}`, `/seller/v1/orders/${encodeURIComponent(id)}`);
}

/** The hub keeps one package per order: the order's first delivery. */
export function deliveryIdOf(order: MagaluObject): string | null {
  const first = Array.isArray(order.deliveries) ? obj(order.deliveries[0]) : {};
  return str(first.id);
}

export async function deliveryOf(session: MagaluSession, order: MagaluObject): Promise<MagaluObject | null> {
  const id = deliveryIdOf(order);
  return id ? getJson(session, `entrega ${id}`, `/seller/v1/deliveries/${encodeURIComponent(id)}`) : null;
}
