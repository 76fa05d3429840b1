// Recovery polling: GET /orders/search for the orders changed since the cursor (notifications are the primary
// intake; this catches whatever they missed, and is the first load of a new connection).
import type { MarketplaceOrder, PullResult } from "../adapter";
import { nextWindow, parseCursor, type SearchCursor, withSeen } from "./cursor";
import { MercadoLivreReadError } from "./errors";
import { type MlObject, toMarketplaceOrder } from "./mapping";
import { partsOf } from "./reads";
import type { MercadoLivreSession } from "./session";

const PAGE = 50;
/** Orders whose shipment and billing are read at once; each costs three calls. */
const READ_TOGETHER = 5;

const idOf = (order: MlObject) => String(order.id);
const updatedOf = (order: MlObject) => String(order.last_updated ?? order.date_last_updated ?? "");

async function searchPage(session: MercadoLivreSession, cursor: SearchCursor) {
  const query: Record<string, string> = {
    seller: session.userId,
    sort: "date_asc",
    offset: String(cursor.offset),
    limit: String(PAGE),
  };
  if (cursor.from) query["order.date_last_updated.from"] = cursor.from;
  const res = await session.request("/orders/search", { query });
  if (res.status < 200 || res.status >= 300) throw new MercadoLivreReadError("busca de pedidos", res);
  const body = (res.json() ?? {}) as { results?: unknown; paging?: { total?: unknown } };
  const results = (Array.isArray(body.results) ? body.results : []) as MlObject[];
  return { results, total: Number(body.paging?.total) || 0 };
}

async function readAll(session: MercadoLivreSession, orders: MlObject[]): Promise<MarketplaceOrder[]> {
  const read: MarketplaceOrder[] = [];
  for (let i = 0; i < orders.length; i += READ_TOGETHER) {
    const batch = orders.slice(i, i + READ_TOGETHER);
    read.push(...(await Promise.all(batch.map(async (order) => toMarketplaceOrder(await partsOf(session, order))))));
  }
  return read;
}

export async function searchChangedOrders(session: MercadoLivreSession, raw: string | null): Promise<PullResult> {
  let cursor = parseCursor(raw);
  // A page whose every order was already delivered would stop the hub's pull loop; read on until something is new.
  for (;;) {
    const { results, total } = await searchPage(session, cursor);
    const from = cursor.from === null ? Number.NaN : Date.parse(cursor.from);
    const skip = new Set(cursor.skip);
    const fresh = results.filter((order) => !(skip.has(idOf(order)) && Date.parse(updatedOf(order)) === from));
    cursor = withSeen(
      cursor,
      results.map((order) => ({ id: idOf(order), lastUpdated: updatedOf(order) })),
    );
    cursor = { ...cursor, offset: cursor.offset + results.length };
    const windowDone = results.length === 0 || cursor.offset >= total;
    if (windowDone) cursor = nextWindow(cursor);
    if (fresh.length > 0 || windowDone) {
      return { orders: await readAll(session, fresh), cursor: JSON.stringify(cursor) };
    }
  }
}
