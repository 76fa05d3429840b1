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

export function sellerAccountCnpj(db: Db, id: number): string | null {
  return (
    db.select({ cnpj: sellerAccounts.cnpj }).from(sellerAccounts).where(eq(sellerAccounts.id, id)).get()?.cnpj ?? null
  );
}

export function sellerAccountExists(db: Db, id: number): boolean {
  return db.select({ id: sellerAccounts.id }).from(sellerAccounts).where(eq(sellerAccounts.id, id)).get() !== undefined;
}

export function firstSellerAccountId(db: Db): number | null {
  return (
    db.select({ id: sellerAccounts.id }).from(sellerAccounts).orderBy(sellerAccounts.id).limit(1).get()?.id ?? null
  );
}
