import { and, eq, sql } from "drizzle-orm";
import type { ChannelId } from "../../server/domain/channels/channels";
import type { Db } from "../client";
import { driverValues, fieldsOf, placeholders, preparedOnce } from "../prepared";
import { orderItems, orders } from "../schema";

// The worker runs these for every order a marketplace sends, so each is prepared once (db/prepared.ts).

export function findOrderByCode(db: Db, accountId: number, channel: ChannelId, code: string) {
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

/** A marketplace's new order as the hub stores it (server/sync/ingest.ts maps it). */
export type NewOrderRow = Required<
  Pick<
    typeof orders.$inferInsert,
    | "accountId"
    | "channel"
    | "marketplaceCode"
    | "logisticsMode"
    | "status"
    | "placedAt"
    | "approvedAt"
    | "promisedShipAt"
    | "statusChangedAt"
    | "deadlineAt"
    | "deadlineKind"
    | "customerName"
    | "customerNameSearch"
    | "customerDocument"
    | "customerEmail"
    | "customerPhone"
    | "shipStreet"
    | "shipNumber"
    | "shipComplement"
    | "shipDistrict"
    | "shipCity"
    | "shipState"
    | "shipZip"
    | "itemsCents"
    | "shippingCents"
    | "totalCents"
    | "accessKey"
    | "trackingCode"
    | "createdAt"
    | "updatedAt"
  >
>;

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

export type NewItemRow = Omit<ItemRow, "orderId">;

/** A new order and its items, in the caller's transaction; null if the order already exists. */
export function insertOrderWithItems(db: Db, row: NewOrderRow, items: readonly NewItemRow[]): number | null {
  const insertOrder = preparedOnce(db, "ingest.insertOrder", () =>
    db.insert(orders).values(placeholders(ORDER_FIELDS)).onConflictDoNothing().returning({ id: orders.id }).prepare(),
  );
  const insertItem = preparedOnce(db, "ingest.insertItem", () =>
    db.insert(orderItems).values(placeholders(ITEM_FIELDS)).prepare(),
  );
  const inserted = insertOrder.get(driverValues(orders, row));
  if (!inserted) return null;
  for (const item of items) {
    const { sku, name, quantity, unitPriceCents } = item;
    insertItem.run({ orderId: inserted.id, sku, name, quantity, unitPriceCents } satisfies ItemRow);
  }
  return inserted.id;
}
