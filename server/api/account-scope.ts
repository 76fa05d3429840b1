import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { sellerAccounts } from "@/db/schema";
import { isStaff } from "@/server/domain/people/roles";
import { getSessionUser, readCookie, type SessionUser, STAFF_ACCOUNT_COOKIE } from "./session";

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

/**
 * For plain route handlers (downloads): the signed-in user and the account they are looking at, resolved from the
 * session and the staff cookie exactly as the tRPC tiers do. Null when nobody is signed in.
 */
export async function requestViewer(
  headers: Headers,
): Promise<{ db: Db; user: SessionUser; accountId: number | null } | null> {
  const user = await getSessionUser(headers);
  if (!user) return null;
  const db = getDb();
  return {
    db,
    user,
    accountId: resolveViewerAccount(db, user, Number(readCookie(headers, STAFF_ACCOUNT_COOKIE)) || null),
  };
}
