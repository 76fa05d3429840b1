// Intake by polling (Magalu's webhooks carry no documented signature): the orders and the deliveries changed since
// the cursor, each list walked in windows of "updated_at__ge `from`" sorted by creation, so a change made while a
// window is read never shifts the rows not yet read. The window bookkeeping is Mercado Livre's search cursor.
import type { MarketplaceOrder, PullResult } from "../adapter";
import { nextWindow, parseCursor, type SearchCursor, withSeen } from "../mercado-livre/cursor";
import { MagaluReadError } from "./errors";
import { type MagaluObject, obj, str, toMarketplaceOrder } from "./mapping";
import { deliveryIdOf, deliveryOf, orderById } from "./reads";
import type { MagaluSession } from "./session";

const PAGE = 50;
/** Orders read at once; each costs one or two calls. */
const READ_TOGETHER = 5;

interface Lists {
  orders: SearchCursor;
  deliveries: SearchCursor;
}

function parseLists(raw: string | null): Lists {
  try {
    const value = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    return {
      orders: parseCursor(JSON.stringify(value.orders ?? null)),
      deliveries: parseCursor(JSON.stringify(value.deliveries ?? null)),
    };
  } catch {
    // Another protocol's cursor (the sandbox's seq) from before the channel switched adapters: start over.
    return { orders: parseCursor(null), deliveries: parseCursor(null) };
  }
}

interface Step {
  cursor: SearchCursor;
  fresh: MagaluObject[];
  done: boolean;
}

async function step(session: MagaluSession, path: string, what: string, cursor: SearchCursor): Promise<Step> {
  const query: Record<string, string> = {
    _sort: "created_at:asc",
    _offset: String(cursor.offset),
    _limit: String(PAGE),
  };
  if (cursor.from) query.updated_at__ge = cursor.from;
  const res = await session.request(path, { query });
  if (res.status < 200 || res.status >= 300) throw new MagaluReadError(what, res);
  const body = obj(res.json());
  const results = (Array.isArray(body.results) ? body.results : []).map(obj);
  const from = cursor.from === null ? Number.NaN : Date.parse(cursor.from);
  const skip = new Set(cursor.skip);
  const fresh = results.filter(
    (item) => !(skip.has(String(item.id)) && Date.parse(str(item.updated_at) ?? "") === from),
  );
  let next = withSeen(
    cursor,
    results.map((item) => ({ id: String(item.id), lastUpdated: str(item.updated_at) ?? "" })),
  );
  next = { ...next, offset: next.offset + results.length };
  // No total in Magalu's meta.page: a short page is the end of the window.
  const done = results.length < PAGE;
  return { cursor: done ? nextWindow(next) : next, fresh, done };
}

async function readAll(
  session: MagaluSession,
  orders: Map<string, MagaluObject | null>,
  deliveries: Map<string, MagaluObject>,
): Promise<MarketplaceOrder[]> {
  const ids = [...orders.keys()];
  const read: MarketplaceOrder[] = [];
  for (let i = 0; i < ids.length; i += READ_TOGETHER) {
    const batch = await Promise.all(
      ids.slice(i, i + READ_TOGETHER).map(async (id) => {
        const order = orders.get(id) ?? (await orderById(session, id));
        if (!order) return null;
        const deliveryId = deliveryIdOf(order);
        const delivery = (deliveryId && deliveries.get(deliveryId)) || (await deliveryOf(session, order));
        return delivery ? toMarketplaceOrder(order, delivery) : null;
      }),
    );
    read.push(...batch.filter((order): order is MarketplaceOrder => order !== null));
  }
  return read;
}

export async function pullChanged(session: MagaluSession, raw: string | null): Promise<PullResult> {
  const cursor = parseLists(raw);
  // A page whose every row was already delivered would stop the hub's pull loop; read on until something is new.
  for (;;) {
    const [orders, deliveries] = await Promise.all([
      step(session, "/seller/v1/orders", "lista de pedidos", cursor.orders),
      step(session, "/seller/v1/deliveries", "lista de entregas", cursor.deliveries),
    ]);
    cursor.orders = orders.cursor;
    cursor.deliveries = deliveries.cursor;
    const byOrder = new Map<string, MagaluObject | null>(orders.fresh.map((o) => [String(o.id), o]));
    const byDelivery = new Map<string, MagaluObject>();
    for (const delivery of deliveries.fresh) {
      const orderId = str(obj(delivery.order).id);
      if (!orderId) continue;
      byDelivery.set(String(delivery.id), delivery);
      if (!byOrder.has(orderId)) byOrder.set(orderId, null);
    }
    if (byOrder.size > 0 || (orders.done && deliveries.done)) {
      return { orders: await readAll(session, byOrder, byDelivery), cursor: JSON.stringify(cursor) };
    }
  }
}
