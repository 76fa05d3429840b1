import { asc, eq, inArray, isNull } from "drizzle-orm";
import type { OrderStatus } from "../../server/domain/orders/status";
import { UNSETTLED } from "../../server/domain/replication/outbox-states";
import type { Db } from "../client";
import { divergences, orderItems, orders, outbox, sellerAccounts, shipments } from "../schema";

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/** The marketplace's side of an open demo divergence: what its panel shows instead of the hub's state. */
interface MarketplaceSide {
  status?: OrderStatus;
  accessKey?: string | null;
  trackingCode?: string | null;
}

/**
 * Every hub order as the marketplace would know it: where an update of the hub has not reached the
 * marketplace yet (a held invoice, a pending cancellation), the marketplace is one step behind; where the demo
 * has a divergence open, the marketplace shows its side of it (scripts/seed-data/divergences.ts).
 */
export function demoOrdersForSandbox(db: Db) {
  const rows = db
    .select({ order: orders, cnpj: sellerAccounts.cnpj })
    .from(orders)
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
    .orderBy(asc(orders.id))
    .all();
  const items = db.select().from(orderItems).orderBy(asc(orderItems.id)).all();
  const unsent = db
    .select({ orderId: outbox.orderId, kind: outbox.kind })
    .from(outbox)
    .where(inArray(outbox.state, [...UNSETTLED]))
    .all();
  const lastShipment = new Map(
    db
      .select()
      .from(shipments)
      .orderBy(asc(shipments.id))
      .all()
      .map((s) => [s.orderId, s]),
  );
  const theirSide = new Map(
    db
      .select({ orderId: divergences.orderId, side: divergences.marketplaceState })
      .from(divergences)
      .where(isNull(divergences.resolvedAt))
      .all()
      .map((d) => [d.orderId, d.side as MarketplaceSide]),
  );
  const itemsByOrder = groupBy(items, (i) => i.orderId);
  const unsentByOrder = groupBy(unsent, (u) => u.orderId);

  return rows.map(({ order, cnpj }) => {
    const pending = new Set((unsentByOrder.get(order.id) ?? []).map((u) => u.kind));
    const side = theirSide.get(order.id);
    let status: OrderStatus = side?.status ?? order.status;
    if (pending.has("invoice")) status = "APPROVED";
    const accessKey = side && "accessKey" in side ? side.accessKey : order.accessKey;
    const shipment = lastShipment.get(order.id);
    return {
      sellerCnpj: cnpj,
      code: order.marketplaceCode,
      channel: order.channel,
      status,
      logisticsMode: order.logisticsMode,
      placedAt: order.placedAt.toISOString(),
      approvedAt: order.approvedAt?.toISOString() ?? null,
      customer: {
        name: order.customerName,
        document: order.customerDocument,
        email: order.customerEmail,
        phone: order.customerPhone,
      },
      address: {
        street: order.shipStreet,
        number: order.shipNumber,
        complement: order.shipComplement,
        district: order.shipDistrict,
        city: order.shipCity,
        state: order.shipState,
        zip: order.shipZip,
      },
      items: (itemsByOrder.get(order.id) ?? []).map((i) => ({
        sku: i.sku,
        name: i.name,
        quantity: i.quantity,
        unitPriceCents: i.unitPriceCents,
      })),
      shippingCents: order.shippingCents,
      totalCents: order.totalCents,
      invoice: accessKey && !pending.has("invoice") ? { accessKey, issuedAt: null, hasXml: false } : null,
      shipment:
        shipment && status !== "APPROVED"
          ? {
              carrier: shipment.carrier,
              trackingCode: side?.trackingCode ?? shipment.trackingCode,
              method: shipment.method,
              url: shipment.trackingUrl,
              handedAt: shipment.handedAt.toISOString(),
            }
          : null,
    };
  });
}
