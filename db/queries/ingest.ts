import { and, eq } from "drizzle-orm";
import type { MarketplaceOrder } from "../../server/channels/adapter";
import { CHANNEL_LABELS } from "../../server/domain/channels/channels";
import { normalizeDocument } from "../../server/domain/documents";
import { searchableText } from "../../server/domain/format";
import type { Db } from "../client";
import { orderItems, orders, timelineEntries } from "../schema";

export function findOrderByCode(db: Db, accountId: number, channel: MarketplaceOrder["channel"], code: string) {
  return (
    db
      .select({ id: orders.id, status: orders.status, channel: orders.channel, logisticsMode: orders.logisticsMode })
      .from(orders)
      .where(and(eq(orders.accountId, accountId), eq(orders.channel, channel), eq(orders.marketplaceCode, code)))
      .get() ?? null
  );
}

/** A new marketplace order, its items and its first timeline entry, in one transaction. Null if it already exists. */
export function insertMarketplaceOrder(db: Db, accountId: number, mo: MarketplaceOrder, now: Date): number | null {
  return db.transaction(
    (tx) => {
      const placedAt = new Date(mo.placedAt);
      const itemsCents = mo.items.reduce((sum, i) => sum + i.unitPriceCents * i.quantity, 0);
      const inserted = tx
        .insert(orders)
        .values({
          accountId,
          channel: mo.channel,
          marketplaceCode: mo.code,
          logisticsMode: mo.logisticsMode,
          status: mo.status,
          placedAt,
          approvedAt: mo.approvedAt ? new Date(mo.approvedAt) : null,
          statusChangedAt: now,
          customerName: mo.customer.name,
          customerNameSearch: searchableText(mo.customer.name),
          customerDocument: normalizeDocument(mo.customer.document),
          customerEmail: mo.customer.email,
          customerPhone: mo.customer.phone,
          shipStreet: mo.address.street,
          shipNumber: mo.address.number,
          shipComplement: mo.address.complement,
          shipDistrict: mo.address.district,
          shipCity: mo.address.city,
          shipState: mo.address.state,
          shipZip: mo.address.zip.replace(/\D/g, ""),
          itemsCents,
          shippingCents: mo.shippingCents,
          totalCents: mo.totalCents,
          accessKey: mo.invoice?.accessKey ?? null,
          trackingCode: mo.shipment?.trackingCode ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: orders.id })
        .get();
      if (!inserted) return null;
      tx.insert(orderItems)
        .values(
          mo.items.map((i) => ({
            orderId: inserted.id,
            sku: i.sku,
            name: i.name,
            quantity: i.quantity,
            unitPriceCents: i.unitPriceCents,
          })),
        )
        .run();
      tx.insert(timelineEntries)
        .values({
          orderId: inserted.id,
          accountId,
          at: now,
          actorType: "channel",
          actorUserId: null,
          actorName: CHANNEL_LABELS[mo.channel],
          kind: "order.received",
          fromStatus: null,
          toStatus: mo.status,
          summary: "Pedido recebido do marketplace",
          data: { seq: mo.seq },
        })
        .run();
      return inserted.id;
    },
    { behavior: "immediate" },
  );
}

export function flagUnexpected(
  db: Db,
  accountId: number,
  orderId: number,
  summary: string,
  data: Record<string, unknown>,
  now: Date,
) {
  db.insert(timelineEntries)
    .values({
      orderId,
      accountId,
      at: now,
      actorType: "system",
      actorUserId: null,
      actorName: "Integração",
      kind: "marketplace.unexpected",
      fromStatus: null,
      toStatus: null,
      summary,
      data,
    })
    .run();
}
