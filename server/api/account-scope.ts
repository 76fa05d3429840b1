import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sellerAccounts } from "@/db/schema";
import { isStaff } from "@/server/domain/people/roles";
import type { SessionUser } from "./session";

/**
 * The seller account a user is looking at. Sellers and managers: their own, always. Staff: the account they
 * switched to, or the first one.
 */
export function resolveViewerAccount(db: Db, user: SessionUser, staffAccountId: number | null): number | null {
  if (!isStaff(user.role)) return user.sellerAccountId;
  if (staffAccountId) {
    const chosen = db
      .select({ id: sellerAccounts.id })
      .from(sellerAccounts)
      .where(eq(sellerAccounts.id, staffAccountId))
      .get();
    if (chosen) return chosen.id;
  }
  return (
    db.select({ id: sellerAccounts.id }).from(sellerAccounts).orderBy(sellerAccounts.id).limit(1).get()?.id ?? null
  );
}
