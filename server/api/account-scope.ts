import { type Db, getDb } from "@/db/client";
import { firstSellerAccountId, sellerAccountExists } from "@/db/queries/accounts";
import { isStaff } from "@/server/domain/people/roles";
import { getSessionUser, readCookie, type SessionUser, STAFF_ACCOUNT_COOKIE } from "./session";

/**
 * The seller account a user is looking at. Sellers and managers: their own, always. Staff: the account they
 * switched to, or the first one.
 */
export function resolveViewerAccount(db: Db, user: SessionUser, staffAccountId: number | null): number | null {
  if (!isStaff(user.role)) return user.sellerAccountId;
  if (staffAccountId && sellerAccountExists(db, staffAccountId)) return staffAccountId;
  return firstSellerAccountId(db);
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
