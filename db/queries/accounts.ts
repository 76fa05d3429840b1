import { asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { sellerAccounts } from "../schema";

export function listSellerAccounts(db: Db) {
  return db
    .select({
      id: sellerAccounts.id,
      tradeName: sellerAccounts.tradeName,
      legalName: sellerAccounts.legalName,
      cnpj: sellerAccounts.cnpj,
    })
    .from(sellerAccounts)
    .orderBy(asc(sellerAccounts.tradeName))
    .all();
}

export function getSellerAccount(db: Db, id: number) {
  return db.select().from(sellerAccounts).where(eq(sellerAccounts.id, id)).get() ?? null;
}
