import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { orders, sellerAccounts } from "../schema";

/** The whole order row, as the domain's commands check it. */
export function getOrderRow(db: Db, accountId: number, orderId: number) {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.accountId, accountId)))
    .get();
}

/** The order with its seller's CNPJ, which every NF-e check needs. */
export function getOrderWithSellerCnpj(db: Db, accountId: number, orderId: number) {
  return db
    .select({ order: orders, cnpj: sellerAccounts.cnpj })
    .from(orders)
    .innerJoin(sellerAccounts, eq(sellerAccounts.id, orders.accountId))
    .where(and(eq(orders.id, orderId), eq(orders.accountId, accountId)))
    .get();
}
