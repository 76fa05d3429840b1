import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { orders, sellerAccounts } from "../schema";
import { type ComparableCode, codeIsOneOf } from "./order-codes";

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

/** The account's orders among `ids`, with what a command on each needs: its version and code. */
export function orderVersions(db: Db, accountId: number, ids: number[]) {
  return db
    .select({ id: orders.id, version: orders.version, code: orders.marketplaceCode })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), inArray(orders.id, ids)))
    .all();
}

/** The account's orders a typed code names (more than one when channels share a code). */
export function ordersWithCode(db: Db, accountId: number, typed: ComparableCode) {
  const sameCode = codeIsOneOf([typed]);
  if (!sameCode) return [];
  return db
    .select({ id: orders.id, version: orders.version })
    .from(orders)
    .where(and(eq(orders.accountId, accountId), sameCode))
    .all();
}

/**
 * The guarded write of an order change: it lands only if the order is still in the status and version it was read
 * in; undefined when someone else changed it first.
 */
export function writeOrderChange(
  db: Db,
  read: Pick<typeof orders.$inferSelect, "id" | "accountId" | "status" | "version">,
  change: Partial<Omit<typeof orders.$inferInsert, "id" | "accountId" | "version">>,
) {
  return db
    .update(orders)
    .set({ ...change, version: sql`${orders.version} + 1` })
    .where(
      and(
        eq(orders.id, read.id),
        eq(orders.accountId, read.accountId),
        eq(orders.status, read.status),
        eq(orders.version, read.version),
      ),
    )
    .returning()
    .get();
}
