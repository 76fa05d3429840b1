import { and, eq, sql } from "drizzle-orm";
import type { MarketplaceOrder } from "../../server/channels/adapter";
import { CHANNEL_LABELS } from "../../server/domain/channels/channels";
import { normalizeDocument } from "../../server/domain/documents";
import { searchableText } from "../../server/domain/format";
import type { DeadlineKind } from "../../server/domain/orders/deadlines";
import type { Db } from "../client";
import { driverValues, fieldsOf, placeholders, preparedOnce } from "../prepared";
import { orderItems, orders } from "../schema";
import { insertTimelineEntry } from "./timeline";

// The worker runs these for every order a marketplace sends, so each is prepared once (db/prepared.ts).

export function findOrderByCode(db: Db, accountId: number, channel: MarketplaceOrder["channel"], code: string) {
  const statement = preparedOnce(db, "ingest.findOrderByCode", () =>
    db
      .select({
        id: orders.id,
        status: orders.status,
        channel: orders.channel,
        logisticsMode: orders.logisticsMode,
        promisedShipAt: orders.promisedShipAt,
      })
      .from(orders)
      .where(
        and(
          eq(orders.accountId, sql.placeholder("accountId")),
          eq(orders.channel, sql.placeholder("channel")),
          eq(orders.marketplaceCode, sql.placeholder("code")),
        ),
      )
      .prepare(),
  );
  return statement.get({ accountId, channel, code }) ?? null;
}

export interface NewOrderDeadline {
  deadlineAt: Date | null;
  deadlineKind: DeadlineKind | null;
}

function newOrderRow(accountId: number, mo: MarketplaceOrder, deadline: NewOrderDeadline, now: Date) {
  return {
    accountId,
    channel: mo.channel,
    marketplaceCode: mo.code,
    logisticsMode: mo.logisticsMode,
    status: mo.status,
    placedAt: new Date(mo.placedAt),
    approvedAt: mo.approvedAt ? new Date(mo.approvedAt) : null,
    promisedShipAt: mo.shipBy ? new Date(mo.shipBy) : null,
    statusChangedAt: now,
    deadlineAt: deadline.deadlineAt,
    deadlineKind: deadline.deadlineKind,
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
    itemsCents: mo.items.reduce((sum, i) => sum + i.unitPriceCents * i.quantity, 0),
    shippingCents: mo.shippingCents,
    totalCents: mo.totalCents,
    accessKey: mo.invoice?.accessKey ?? null,
    trackingCode: mo.shipment?.trackingCode ?? null,
    createdAt: now,
    updatedAt: now,
  } satisfies typeof orders.$inferInsert;
}

type NewOrderRow = ReturnType<typeof newOrderRow>;
const ORDER_FIELDS = fieldsOf<NewOrderRow>({
  accountId: true,
  channel: true,
  marketplaceCode: true,
  logisticsMode: true,
  status: true,
  placedAt: true,
  approvedAt: true,
  promisedShipAt: true,
  statusChangedAt: true,
  deadlineAt: true,
  deadlineKind: true,
  customerName: true,
  customerNameSearch: true,
  customerDocument: true,
  customerEmail: true,
  customerPhone: true,
  shipStreet: true,
  shipNumber: true,
  shipComplement: true,
  shipDistrict: true,
  shipCity: true,
  shipState: true,
  shipZip: true,
  itemsCents: true,
  shippingCents: true,
  totalCents: true,
  accessKey: true,
  trackingCode: true,
  createdAt: true,
  updatedAt: true,
});
type ItemRow = Omit<typeof orderItems.$inferInsert, "id">;
const ITEM_FIELDS = fieldsOf<ItemRow>({ orderId: true, sku: true, name: true, quantity: true, unitPriceCents: true });

/**
 * A new marketplace order with its first deadline, its items and its first timeline entry, in the caller's
 * transaction (`receiveMarketplaceOrder`, which queues it for the account's ERP in the same one). Null if it already
 * exists.
 */
export function insertMarketplaceOrder(
  db: Db,
  accountId: number,
  mo: MarketplaceOrder,
  deadline: NewOrderDeadline,
  now: Date,
): number | null {
  const insertOrder = preparedOnce(db, "ingest.insertOrder", () =>
    db.insert(orders).values(placeholders(ORDER_FIELDS)).onConflictDoNothing().returning({ id: orders.id }).prepare(),
  );
  const insertItem = preparedOnce(db, "ingest.insertItem", () =>
    db.insert(orderItems).values(placeholders(ITEM_FIELDS)).prepare(),
  );
  const inserted = insertOrder.get(driverValues(orders, newOrderRow(accountId, mo, deadline, now)));
  if (!inserted) return null;
  for (const item of mo.items) {
    insertItem.run({
      orderId: inserted.id,
      sku: item.sku,
      name: item.name,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
    } satisfies ItemRow);
  }
  insertTimelineEntry(db, {
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
  });
  return inserted.id;
}

export function flagUnexpected(
  db: Db,
  accountId: number,
  orderId: number,
  summary: string,
  data: Record<string, unknown>,
  now: Date,
) {
  insertTimelineEntry(db, {
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
  });
}
